import { recordsView, type RecordView } from './recordView';
import type { EvalRecord, LogProblem, ReadLogResult } from './types';

export interface CombinedLogs {
  /** The records (for one log read into a table, built from it when first read). */
  readonly records: EvalRecord[];
  /** The same records as a view: the log's own table when there is one log read into a table. */
  view: RecordView;
  skipped: LogProblem[];
  warnings: LogProblem[];
  /** Adapters used, in order of first use, joined by commas (e.g. `native` or `inspect,lm-eval`). */
  adapter: string;
}

/**
 * The records of several logs as one: each file's records, skipped lines and warnings in file
 * order. A (query, model) pair that an earlier file already answered is dropped, the earlier
 * record is kept, and one warning per file says how many were dropped and which came first (two
 * runs of one model over the same queries, or two tasks whose ids collide, are never merged
 * silently).
 */
export function combineLogs(results: readonly ReadLogResult[]): CombinedLogs {
  const skipped = results.flatMap((r) => r.skipped);
  const warnings = results.flatMap((r) => r.warnings);
  const adapter = [...new Set(results.map((r) => r.adapter))].join(',');
  if (results.length <= 1) {
    const only = results[0] as ReadLogResult | undefined;
    const view = only?.table ?? recordsView(only?.records ?? []);
    return {
      get records(): EvalRecord[] {
        return only?.records ?? [];
      },
      view,
      skipped,
      warnings,
      adapter,
    };
  }
  const firstFile = new Map<string, string>();
  const records: EvalRecord[] = [];
  for (const log of results) {
    const dropped = new Map<string, { n: number; example: EvalRecord }>();
    for (const r of log.records) {
      const key = `${r.queryId}\u0000${r.model}`;
      const earlier = firstFile.get(key);
      if (earlier === undefined) {
        firstFile.set(key, log.file);
        records.push(r);
        continue;
      }
      const d = dropped.get(earlier);
      if (d) d.n++;
      else dropped.set(earlier, { n: 1, example: r });
    }
    for (const [earlier, { n, example }] of dropped) {
      warnings.push({
        file: log.file,
        line: example.line,
        severity: 'warning',
        reason: `${n} record(s) repeat a (query, model) pair already read from ${earlier} (first: query ${JSON.stringify(example.queryId)}, model ${JSON.stringify(example.model)}); the records of ${earlier} are kept. Are these two runs of the same model, or two tasks with the same query ids?`,
      });
    }
  }
  return { records, view: recordsView(records), skipped, warnings, adapter };
}
