import { lmEvalLayout, readLmEvalItems } from './lmEvalItems';
import {
  candidateMetrics,
  describeMetrics,
  firstScoreMetric,
  metricProblem,
  metricValue,
} from '../../engines/logs/lmEvalMetric';
import { resolveLmEvalRun, type LmEvalRun } from './lmEvalModel';
import { lmEvalSampleToRaw, type LmEvalContext } from '../../engines/logs/lmEvalSample';
import { asObject } from '../../engines/logs/readJsonDocument';
import { LmEvalFilterChoice } from '../../engines/logs/lmEvalFilterChoice';
import { RecordCollector } from '../../engines/logs/recordCollector';
import type { ReadLogResult, ReadOptions } from '../../engines/logs/types';

/** Samples without any usable metric kept for one message each once a metric is chosen (past this, only counted). */
const MAX_PENDING = 200;

/**
 * Reads an lm-evaluation-harness `--log_samples` file as a stream: `samples_<task>_<date>.jsonl`
 * (JSON Lines, 0.4.3+) or `<model_args>_<task>.jsonl` holding one JSON array (0.4.0–0.4.2).
 *
 * - Model and task: see resolveLmEvalRun (results file beside the samples first, then file and folder names).
 * - Correctness: the user's `lmEvalMetric`, else the first metric named by the sample (or the results
 *   file) whose value is a number in [0, 1] or a boolean, decided on the first sample that has one and
 *   kept for the whole file; samples lacking it are skipped, each with its reason.
 * - Filters: a task scored under several filters has one line per filter and document; the first
 *   filter's lines are used, or those of `lmEvalFilter`. Lines without a `filter` key (before 0.4.7)
 *   are told apart by the repeat of their `doc_id`, in the order of the results file's filter list.
 * - The accuracy read is compared with the harness's own value in the results file; a difference is a warning.
 * The harness records no tokens, cost or latency per sample: those fields are listed in `missingFields`.
 */
export async function readLmEval(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const out = new RecordCollector(file, 'lm-eval', opts);
  const run = await resolveLmEvalRun(file);
  out.warn(null, `model name "${run.model}" taken from ${run.modelSource}`);
  for (const n of run.notes) out.warn(null, n);
  const results = run.results;
  const filterNames = results?.filters(run.task) ?? null;
  const resultMetrics = results?.metrics(run.task) ?? [];

  const filters = new LmEvalFilterChoice(opts.lmEvalFilter, filterNames, results?.name);

  let ctx: LmEvalContext | null = null;
  let chosenBecause = '';
  const pending: PendingSample[] = [];
  let pendingCount = 0;
  let lacking: number[] = [];
  let listValued = 0;
  let firstListLine: number | null = null;
  let listExample = '';

  for await (const item of readLmEvalItems(file, await lmEvalLayout(file, opts), opts)) {
    const at = (reason: string): string =>
      item.where && !reason.startsWith(item.where) ? `${item.where}: ${reason}` : reason;
    if (item.error !== undefined) {
      out.linesRead++;
      out.skip(item.line, at(item.error));
      continue;
    }
    const sample = asObject(item.value);
    if (!sample) {
      out.linesRead++;
      out.skip(item.line, at('expected a JSON object (one logged sample)'));
      continue;
    }
    if (!filters.keep(sample)) continue;
    if (ctx === null) {
      const choice = chooseMetric(sample, run, resultMetrics, opts.lmEvalMetric);
      if (choice === null) {
        out.linesRead++;
        pendingCount++;
        // Described only for the samples that will be named (a file without a usable metric can be long).
        if (pending.length < MAX_PENDING)
          pending.push({
            line: item.line,
            where: item.where,
            why: describeMetrics(sample, candidateMetrics(sample, resultMetrics)),
          });
        continue;
      }
      ({ ctx, chosenBecause } = choice);
      skipPending(out, pending, pendingCount, ctx.metric);
    }
    const mapped = lmEvalSampleToRaw(sample, ctx);
    if ('error' in mapped) {
      out.linesRead++;
      if (sample.doc_id !== undefined && metricValue(sample, ctx.metric).kind === 'list') {
        listValued++;
        firstListLine ??= item.line;
        listExample ||= describeMetrics(sample, candidateMetrics(sample, resultMetrics));
        continue;
      }
      if (sample.doc_id !== undefined && metricProblem(sample, ctx.metric) !== null) lacking.push(item.line ?? 0);
      out.skip(item.line, at(mapped.error));
      continue;
    }
    out.add(mapped.raw, item.line ?? 0, item.where ?? undefined);
  }

  sampleNotes(out, filters.filter, {
    ctx,
    chosenBecause,
    pending,
    pendingCount,
    lacking,
    listValued,
    firstListLine,
    listExample,
  });
  lacking = [];
  for (const w of filters.warnings()) out.warn(null, w);
  if (ctx !== null) compareWithHarness(out, run, ctx.metric, filters.resultsFilter());
  return out.finish(['cost_usd', 'input_tokens', 'output_tokens', 'latency_s']);
}

/** What the samples read left to say once the file ends: samples skipped for want of a metric (or a per-sample one), and the metric chosen. */
function sampleNotes(
  out: RecordCollector,
  filter: string | undefined,
  s: {
    ctx: LmEvalContext | null;
    chosenBecause: string;
    pending: PendingSample[];
    pendingCount: number;
    lacking: number[];
    listValued: number;
    firstListLine: number | null;
    listExample: string;
  },
): void {
  const { ctx, chosenBecause, pending, pendingCount, lacking, listValued, firstListLine, listExample } = s;
  const filterLabel = filter !== undefined ? ` (filter "${filter}")` : '';
  if (ctx === null && pendingCount > 0) {
    out.skip(
      pending[0].line,
      `no per-sample metric can serve as correctness in any of the ${pendingCount} sample(s)${filterLabel}, from line ${pending[0].line ?? '?'} on: ${pending[0].why}. Correctness needs a number in [0, 1] or a boolean per sample`,
    );
  }
  if (ctx !== null && listValued > 0) {
    out.skip(
      firstListLine,
      `${listValued} sample(s) (first on line ${firstListLine ?? '?'}) skipped: metric "${ctx.metric}" holds a list per sample, the input of a corpus-level metric the harness computes over the whole task, so it says nothing about one answer; choose a per-sample metric (this file has: ${listExample})`,
    );
  }
  if (ctx !== null && out.records.length + lacking.length + listValued > 0) {
    out.warn(null, `correctness from metric "${ctx.metric}"${chosenBecause ? ` (${chosenBecause})` : ''}`);
    if (ctx.extras.length && out.records.length)
      out.warn(null, `other per-sample metrics kept as extra fields: ${ctx.extras.map((m) => `"${m}"`).join(', ')}`);
  }
  if (lacking.length)
    out.warn(
      lacking[0] || null,
      `${lacking.length} sample(s) lack a usable "${ctx?.metric}" and are skipped (first on line ${lacking[0]})`,
    );
}

/** A sample read before any sample had a usable metric: where it is and what metrics it had. */
interface PendingSample {
  line: number | null;
  where: string | null;
  why: string;
}

/**
 * The metric that decides correctness, chosen on a sample: the user's, else the first candidate with
 * a value in [0, 1] or a boolean; with the context that maps samples under it and why it was chosen
 * ('' when the user named it); null when the sample has no usable metric.
 */
function chooseMetric(
  sample: Record<string, unknown>,
  run: LmEvalRun,
  resultMetrics: string[],
  userMetric: string | undefined,
): { ctx: LmEvalContext; chosenBecause: string } | null {
  const results = run.results;
  const candidates = candidateMetrics(sample, resultMetrics);
  const metric = userMetric ?? firstScoreMetric(sample, candidates);
  if (metric === undefined) return null;
  const passedOver = candidates
    .slice(0, Math.max(0, candidates.indexOf(metric)))
    .map((m) => metricProblem(sample, m) ?? m);
  const from =
    Array.isArray(sample.metrics) && sample.metrics.length
      ? 'the sample\'s "metrics" list'
      : resultMetrics.length
        ? `the metric list of ${results?.name ?? 'the results file'}`
        : 'the usual lm-eval metric names';
  const chosenBecause =
    userMetric !== undefined
      ? ''
      : `the first metric of ${from} with a value in [0, 1]${passedOver.length ? `; passed over: ${passedOver.join('; ')}` : ''}`;
  const ctx = {
    model: run.model,
    task: run.task,
    metric,
    extras: candidates.filter((m) => m !== metric && metricValue(sample, m).kind !== 'list'),
    resultMetrics,
    targetDelimiter: results?.targetDelimiter(run.task) ?? ' ',
  };
  return { ctx, chosenBecause };
}

/** Skips the samples read before the metric was chosen (the first MAX_PENDING one by one, the rest counted). */
function skipPending(out: RecordCollector, pending: PendingSample[], pendingCount: number, metric: string): void {
  for (const p of pending)
    out.skip(
      p.line,
      `${p.where ? `${p.where}: ` : ''}no metric in this sample can serve as correctness (${p.why}), while later samples have "${metric}"`,
    );
  if (pendingCount > pending.length)
    out.skip(
      pending[pending.length - 1].line,
      `${pendingCount - pending.length} more sample(s) before the first with "${metric}" have no usable metric`,
    );
}

/** Warns when the mean score read differs from the harness's own `results[task]["metric,filter"]`. */
function compareWithHarness(out: RecordCollector, run: LmEvalRun, metric: string, filterName: string): void {
  const results = run.results;
  if (!results || !out.records.length) return;
  const reported = results.reported(run.task, metric, filterName);
  if (reported === undefined) return;
  let sum = 0;
  for (const r of out.records) sum += r.score;
  const mean = sum / out.records.length;
  if (Math.abs(mean - reported) > 1e-9) {
    out.warn(
      null,
      `the mean "${metric}" of the ${out.records.length} sample(s) read, ${mean}, differs from the harness's own ${reported} (results["${run.task}"]["${metric},${filterName}"] in ${results.name}): some samples were skipped, or the file is not from that run`,
    );
  }
}
