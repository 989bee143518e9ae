import { combineLogs } from '../../engines/logs/combineLogs';
import { asRun, runLabels } from '../../engines/logs/runs';
import type { ReadLogResult, ReadOptions } from '../../engines/logs/types';
import { readEvalLog } from './readEvalLog';

/**
 * Reads one log, or several as runs to compare: with more than one file, each is read in turn
 * (progress shared out between them), its models renamed "model · run" and labelled `run`
 * (engines/logs/runs.ts), and the results combined in file order. The first file names the result
 * and gives its adapter; a field is missing only when every run misses it. A file that cannot be
 * read at all throws its EvalLogError, naming it.
 */
export async function readLogOrRuns(files: readonly string[], opts: ReadOptions = {}): Promise<ReadLogResult> {
  if (files.length === 1) return readEvalLog(files[0], opts);
  const labels = runLabels(files);
  const results: ReadLogResult[] = [];
  for (const [i, file] of files.entries()) {
    const log = await readEvalLog(file, {
      ...opts,
      onProgress: (f) => opts.onProgress?.((i + f) / files.length),
    });
    results.push(asRun(log, labels[i]));
  }
  const combined = combineLogs(results);
  const missing = results.map((r) => new Set(r.missingFields));
  return {
    file: files[0],
    adapter: results[0].adapter,
    records: combined.records,
    skipped: combined.skipped,
    warnings: combined.warnings,
    missingFields: results[0].missingFields.filter((f) => missing.every((m) => m.has(f))),
    linesRead: results.reduce((s, r) => s + r.linesRead, 0),
  };
}
