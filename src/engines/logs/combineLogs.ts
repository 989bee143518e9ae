import type { EvalRecord, LogProblem, ReadLogResult } from './types';

export interface CombinedLogs {
  records: EvalRecord[];
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
  if (results.length <= 1) return { records: results[0]?.records ?? [], skipped, warnings, adapter };
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
  return { records, skipped, warnings, adapter };
}
