import type { ReadLogResult } from '../../../src/engines/logs/types';

/** A string for expected.json: itself, or its first 10 characters and its length when longer than 40. */
export const short = (s: string): string => (s.length > 40 ? `${s.slice(0, 10)}…(${s.length})` : s);

/** What the corpus test compares: each record as "query_id|model|score@line", each skipped line as [line, reason]. */
export function summarize(log: ReadLogResult): { records: string[]; skipped: [number | null, string][] } {
  return {
    records: log.records.map((r) => `${short(r.queryId)}|${short(r.model)}|${r.score}@${r.line}`),
    skipped: log.skipped.map((s) => [s.line, s.reason]),
  };
}
