import { meanInterval, seedFor, wilsonInterval, type MethodInterval } from '../uncertainty/meanInterval';
import { asView, type RecordView } from './recordView';
import type { CostSource, EvalRecord } from './types';

/** Where a model's costs came from: one source, `mixed` when its records differ. */
export type ModelCostSource = CostSource | 'mixed';

/** Per-model headline figures of a log (the `costrisk summary` row). Means skip missing values; null when none. */
export interface ModelSummary {
  model: string;
  n: number;
  /** Mean score: the share of right answers for yes/no scores, the mean grade for graded ones (Inspect's `accuracy`). */
  accuracy: number;
  /**
   * 95% interval of the accuracy: Wilson score interval when every score is 0 or 1, else a
   * percentile bootstrap of the mean grade. Null without records.
   */
  accuracy_ci: MethodInterval | null;
  mean_cost_usd: number | null;
  /** 95% interval of the mean cost: percentile bootstrap over the records with a cost (normal approximation past 4 million resampled values: more than 2,000 records at B = 2,000). */
  mean_cost_usd_ci: MethodInterval | null;
  /** `log` (the log's own costs), `prices` (your price table), `database` (the bundled price database), `none`, or `mixed`. */
  cost_source: ModelCostSource;
  mean_latency_s: number | null;
  mean_output_tokens: number | null;
  /** Mean reasoning tokens (part of the output tokens), null when the log does not record them. */
  mean_reasoning_tokens: number | null;
  share_conf_0: number | null;
  share_conf_1: number | null;
}

/** Resamples and seed of the bootstrap intervals (each model's seed also depends on its name). */
export interface SummaryIntervalOptions {
  /** 0: no bootstrap (normal approximation for graded scores and costs). Default 2000. */
  replicates?: number;
  seed?: number;
}

/**
 * Summarises each model's records (an array, or any RecordView such as a RecordTable), optionally
 * restricted to one split; models in order of first appearance.
 */
export function summarizeModels(
  records: readonly EvalRecord[] | RecordView,
  split?: string,
  intervals: SummaryIntervalOptions = {},
): ModelSummary[] {
  const view = asView(records);
  const { models, rowsOf } = rowsByModel(view, split);
  return models.map((model, k) => summarizeOne(model, view, rowsOf[k], intervals));
}

/**
 * The chosen rows of each model, models in order of first appearance among them: a pass that numbers
 * each row's model, then a counting sort into one typed array per model (no array grows row by row).
 */
function rowsByModel(view: RecordView, split: string | undefined): { models: string[]; rowsOf: Int32Array[] } {
  const numberOf = new Map<string, number>();
  const models: string[] = [];
  const counts: number[] = [];
  const groupOf = new Int32Array(view.length);
  for (let i = 0; i < view.length; i++) {
    if (split !== undefined && view.split(i) !== split) {
      groupOf[i] = -1;
      continue;
    }
    const model = view.model(i);
    let g = numberOf.get(model);
    if (g === undefined) {
      g = models.length;
      numberOf.set(model, g);
      models.push(model);
      counts.push(0);
    }
    groupOf[i] = g;
    counts[g]++;
  }
  const rowsOf = counts.map((n) => new Int32Array(n));
  const filled = new Int32Array(models.length);
  for (let i = 0; i < groupOf.length; i++) {
    const g = groupOf[i];
    if (g >= 0) rowsOf[g][filled[g]++] = i;
  }
  return { models, rowsOf };
}

/** A running mean that skips missing values (null when none was added). */
class Mean {
  private sum = 0;
  private count = 0;
  add(v: number | null): void {
    if (v !== null) {
      this.sum += v;
      this.count++;
    }
  }
  get value(): number | null {
    return this.count ? this.sum / this.count : null;
  }
}

function summarizeOne(
  model: string,
  view: RecordView,
  rows: Int32Array,
  intervals: SummaryIntervalOptions,
): ModelSummary {
  // One pass over the rows; each mean adds its values in row order, as a pass per field would.
  const accuracy = new Mean();
  const cost = new Mean();
  const latency = new Mean();
  const outputTokens = new Mean();
  const reasoningTokens = new Mean();
  let withConf = 0;
  let conf0 = 0;
  let conf1 = 0;
  const sources = new Set<CostSource>();
  let lastSource: CostSource | null = null;
  const scores = new Float64Array(rows.length);
  const allCosts = new Float64Array(rows.length);
  let costCount = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const c = view.confidence(i);
    if (c !== null) {
      withConf++;
      if (c === 0) conf0++;
      else if (c === 1) conf1++;
    }
    const source = view.costSource(i);
    if (source !== lastSource) sources.add((lastSource = source));
    const score = view.score(i);
    scores[k] = score;
    accuracy.add(score);
    const usd = view.costUsd(i);
    cost.add(usd);
    if (usd !== null) allCosts[costCount++] = usd;
    latency.add(view.latencyS(i));
    outputTokens.add(view.outputTokens(i));
    reasoningTokens.add(view.reasoningTokens(i));
  }
  const share = (count: number): number | null => (withConf ? count / withConf : null);
  const seed = seedFor(model, intervals.seed ?? 1);
  const binary = scores.every((x) => x === 0 || x === 1);
  const costs = allCosts.subarray(0, costCount);
  return {
    model,
    n: rows.length,
    accuracy: accuracy.value ?? 0,
    mean_cost_usd: cost.value,
    cost_source: sources.size === 1 ? [...sources][0] : sources.size === 0 ? 'none' : 'mixed',
    mean_latency_s: latency.value,
    mean_output_tokens: outputTokens.value,
    mean_reasoning_tokens: reasoningTokens.value,
    share_conf_0: share(conf0),
    share_conf_1: share(conf1),
    accuracy_ci: binary
      ? wilsonInterval(
          scores.reduce((a, b) => a + b, 0),
          scores.length,
        )
      : meanInterval(scores, { ...intervals, seed }),
    mean_cost_usd_ci: meanInterval(costs, { ...intervals, seed: seed ^ 0x5bd1e995 }),
  };
}
