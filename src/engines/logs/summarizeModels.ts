import { meanInterval, seedFor, wilsonInterval, type MethodInterval } from '../uncertainty/meanInterval';
import { uniqueModels } from './joinByQuery';
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

/** Summarises each model's records, optionally restricted to one split. */
export function summarizeModels(
  records: readonly EvalRecord[],
  split?: string,
  intervals: SummaryIntervalOptions = {},
): ModelSummary[] {
  const chosen = split === undefined ? records : records.filter((r) => r.split === split);
  const byModel = new Map<string, EvalRecord[]>();
  for (const r of chosen) {
    let list = byModel.get(r.model);
    if (list === undefined) byModel.set(r.model, (list = []));
    list.push(r);
  }
  return uniqueModels(chosen).map((model) => summarizeOne(model, byModel.get(model) ?? [], intervals));
}

function summarizeOne(model: string, rs: readonly EvalRecord[], intervals: SummaryIntervalOptions): ModelSummary {
  const mean = (pick: (r: EvalRecord) => number | null): number | null => {
    let s = 0;
    let k = 0;
    for (const r of rs) {
      const v = pick(r);
      if (v !== null) {
        s += v;
        k++;
      }
    }
    return k ? s / k : null;
  };
  const withConf = rs.filter((r) => r.confidence !== null);
  const share = (target: number): number | null =>
    withConf.length ? withConf.filter((r) => r.confidence === target).length / withConf.length : null;
  const sources = new Set(rs.map((r) => r.costSource));
  const seed = seedFor(model, intervals.seed ?? 1);
  const scores = Float64Array.from(rs, (r) => r.score);
  const binary = scores.every((x) => x === 0 || x === 1);
  const costs = Float64Array.from(
    rs.filter((r) => r.costUsd !== null),
    (r) => r.costUsd as number,
  );
  return {
    model,
    n: rs.length,
    accuracy: mean((r) => r.score) ?? 0,
    mean_cost_usd: mean((r) => r.costUsd),
    cost_source: sources.size === 1 ? [...sources][0] : sources.size === 0 ? 'none' : 'mixed',
    mean_latency_s: mean((r) => r.latencyS),
    mean_output_tokens: mean((r) => r.outputTokens),
    mean_reasoning_tokens: mean((r) => r.reasoningTokens),
    share_conf_0: share(0),
    share_conf_1: share(1),
    accuracy_ci: binary
      ? wilsonInterval(
          scores.reduce((a, b) => a + b, 0),
          scores.length,
        )
      : meanInterval(scores, { ...intervals, seed }),
    mean_cost_usd_ci: meanInterval(costs, { ...intervals, seed: seed ^ 0x5bd1e995 }),
  };
}
