import { readLines } from './lineStream';
import { lmEvalModelName, lmEvalTaskFromFileName } from './lmEvalModel';
import { lmEvalSampleToRaw } from './lmEvalSample';
import { parsePythonJson } from './pythonJson';
import { shortJsonError } from './readNativeJsonl';
import { asObject, asString } from './readJsonDocument';
import { RecordCollector } from './recordCollector';
import type { ReadLogResult, ReadOptions } from './types';

/**
 * Reads an lm-evaluation-harness `--log_samples` file (`samples_<task>_<date>.jsonl`) as a stream.
 * The harness records no tokens, cost or latency per sample, so those fields stay empty (a price
 * table cannot fill the cost either: there are no token counts) and are listed in `missingFields`.
 * When a task was scored under several filters (one line per filter and document), the first
 * filter's lines are used.
 */
export async function readLmEval(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const out = new RecordCollector(file, 'lm-eval', opts);
  const task = lmEvalTaskFromFileName(file);
  const { model, source } = await lmEvalModelName(file, task);
  out.warn(null, `model name "${model}" taken from ${source === 'folder name' ? 'the folder name (no results_*.json beside the file names it)' : source}`);
  let filter = opts.lmEvalFilter;
  let otherFilter = 0;
  const filtersSeen = new Set<string>();
  const metrics = new Set<string>();
  for await (const l of readLines(file, opts)) {
    if (l.error !== undefined) {
      out.linesRead++;
      out.skip(l.line, l.error);
      continue;
    }
    if (l.text.trim() === '') continue;
    let sample: Record<string, unknown> | undefined;
    try {
      sample = asObject(parsePythonJson(l.text));
    } catch (err) {
      out.linesRead++;
      out.skip(l.line, `not valid JSON (${shortJsonError(err, l.text)})`);
      continue;
    }
    if (!sample) {
      out.linesRead++;
      out.skip(l.line, 'expected a JSON object');
      continue;
    }
    const f = asString(sample.filter);
    if (f !== undefined) {
      filtersSeen.add(f);
      filter ??= f;
      if (f !== filter) {
        otherFilter++;
        continue;
      }
    }
    const mapped = lmEvalSampleToRaw(sample, { model, task, metric: opts.lmEvalMetric });
    if ('error' in mapped) {
      out.linesRead++;
      out.skip(l.line, mapped.error);
      continue;
    }
    metrics.add(mapped.metric);
    out.add(mapped.raw, l.line);
  }
  if (metrics.size) out.warn(null, `correctness from metric ${[...metrics].map((m) => `"${m}"`).join(', ')}`);
  if (opts.lmEvalFilter !== undefined && !filtersSeen.has(opts.lmEvalFilter) && filtersSeen.size) {
    out.warn(null, `no line uses the filter "${opts.lmEvalFilter}" (the file has ${[...filtersSeen].map((x) => `"${x}"`).join(', ')})`);
  } else if (otherFilter) out.warn(null, `${otherFilter} line(s) score the same documents under other filters than "${filter}"; the "${filter}" lines are used`);
  return out.finish();
}
