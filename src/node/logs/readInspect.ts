import { EvalLogError } from '../../engines/logs/evalLogError';
import { emptyLogReason, headlineCheck, inspectLogInfo, statusWarning } from '../../engines/logs/inspectLog';
import { inspectSampleToRaw } from '../../engines/logs/inspectSample';
import { openInspectSource } from './inspectSource';
import { abortError } from './lineStream';
import { asObject } from '../../engines/logs/readJsonDocument';
import { RecordCollector } from '../../engines/logs/recordCollector';
import type { ReadLogResult, ReadOptions } from '../../engines/logs/types';

/** Counts of what the samples said, reported once per log instead of once per sample. */
interface Tally {
  errored: number;
  firstErrored: string;
  unscored: number;
  firstUnscored: string;
  scorers: Map<string, number>;
  otherUsage: Set<string>;
  substitutes: Set<string>;
  assumedUsage: number;
}

/**
 * Reads an Inspect AI log: an `.eval` archive (zip; deflate or zstandard entries) or a whole-log
 * `.json`. Each sample becomes one native record with its `epoch`, so a run of several epochs is
 * averaged per query by the collector (Inspect's default `mean` reducer) unless `keepEpochs`.
 * Query ids are `<task>/<sample id>`. Errored and unscored samples are skipped one by one and
 * counted in a warning; the scorer used, other scorers, the run's status and any difference from
 * the log's own headline metric are warnings too. A log with no sample at all is an EvalLogError
 * saying why (cancelled run, header-only log...).
 */
export async function readInspect(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const out = new RecordCollector(file, 'inspect', opts);
  const source = await openInspectSource(file, opts);
  const tally: Tally = {
    errored: 0,
    firstErrored: '',
    unscored: 0,
    firstUnscored: '',
    scorers: new Map(),
    otherUsage: new Set(),
    substitutes: new Set(),
    assumedUsage: 0,
  };
  let info: ReturnType<typeof inspectLogInfo>;
  try {
    info = inspectLogInfo(file, source.header, opts.inspectScorer);
    if (source.count === 0) throw new EvalLogError(file, emptyLogReason(source.header, source.headerOnly));
  } catch (err) {
    await source.close();
    throw err;
  }
  try {
    const status = statusWarning(source.header);
    if (status) out.warn(null, status);
    for (const note of source.notes) out.warn(null, note);
    let done = 0;
    for await (const item of source.samples()) {
      if (opts.signal?.aborted) throw abortError(opts.signal);
      if ((++done & 0xff) === 0) opts.onProgress?.(done / source.count);
      const sample = item.problem === undefined ? asObject(item.sample) : undefined;
      if (!sample) {
        out.linesRead++;
        out.skip(item.line, `${item.where}: ${item.problem ?? 'expected a sample object'}`);
        continue;
      }
      const mapped = inspectSampleToRaw(sample, info);
      if ('error' in mapped) {
        const loc = `${item.where} (id ${JSON.stringify(sample.id)?.slice(0, 60)}, epoch ${JSON.stringify(sample.epoch)})`;
        out.linesRead++;
        out.skip(item.line, `${loc}: ${mapped.error}`);
        if (mapped.kind === 'errored' && tally.errored++ === 0) tally.firstErrored = loc;
        if (mapped.kind === 'unscored' && tally.unscored++ === 0) tally.firstUnscored = loc;
        continue;
      }
      tally.scorers.set(mapped.scorer, (tally.scorers.get(mapped.scorer) ?? 0) + 1);
      for (const o of mapped.usage.others) tally.otherUsage.add(o);
      for (const s of mapped.usage.substitutes) tally.substitutes.add(s);
      if (mapped.usage.usage?.assumed) tally.assumedUsage++;
      out.add(mapped.raw, item.line, item.where);
    }
  } finally {
    await source.close();
  }
  warnTally(out, tally, info.model, info.scorer, info.otherScorers);
  opts.onProgress?.(1);
  const result = out.finish();
  const headline = headlineCheck(source.header, info.scorer, result.records, opts.keepEpochs === true);
  if (headline) result.warnings.push({ file, line: null, severity: 'warning', reason: headline });
  return result;
}

function warnTally(out: RecordCollector, t: Tally, model: string, scorer: string | null, otherScorers: string[]): void {
  if (t.errored)
    out.warn(
      null,
      `${t.errored} sample(s) ended in an error and are left out (not counted as wrong answers; first: ${t.firstErrored})`,
    );
  if (t.unscored)
    out.warn(
      null,
      `${t.unscored} sample(s) have no score${scorer === null ? '' : ` from the scorer "${scorer}"`} and are left out (first: ${t.firstUnscored})`,
    );
  if (t.scorers.size)
    out.warn(
      null,
      `correctness from scorer ${[...t.scorers.keys()].map((s) => `"${s}"`).join(', ')}${otherScorers.length ? ` (the log also has ${otherScorers.map((s) => `"${s}"`).join(', ')}: choose with --scorer / costRiskLab.inspect.scorer)` : ''}`,
    );
  if (t.otherUsage.size)
    out.warn(
      null,
      `model_usage also lists ${[...t.otherUsage].map((m) => `"${m}"`).join(', ')} (graders or tools): their tokens are not counted in "${model}"'s cost`,
    );
  if (t.substitutes.size)
    out.warn(
      null,
      `model_usage does not list the evaluated model "${model}": the usage of ${[...t.substitutes].map((m) => `"${m}"`).join(' + ')} was taken as its usage`,
    );
  if (t.assumedUsage)
    out.warn(
      null,
      `${t.assumedUsage} sample(s) have cache or reasoning tokens whose total_tokens does not say whether input_tokens includes the cache and output_tokens the reasoning: Inspect's current convention (cache not in input, reasoning in output) was assumed`,
    );
}
