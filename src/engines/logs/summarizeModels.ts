import { uniqueModels } from './joinByQuery';
import type { EvalRecord } from './types';

/** Per-model headline figures of a log (the `costrisk summary` row). Means skip missing values; null when none. */
export interface ModelSummary {
  model: string;
  n: number;
  accuracy: number;
  mean_cost_usd: number | null;
  mean_latency_s: number | null;
  mean_output_tokens: number | null;
  share_conf_0: number | null;
  share_conf_1: number | null;
}

/** Summarises each model's records, optionally restricted to one split. */
export function summarizeModels(records: readonly EvalRecord[], split?: string): ModelSummary[] {
  const chosen = split === undefined ? records : records.filter((r) => r.split === split);
  return uniqueModels(chosen).map((model) => summarizeOne(model, chosen.filter((r) => r.model === model)));
}

function summarizeOne(model: string, rs: readonly EvalRecord[]): ModelSummary {
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
  const share = (target: number): number | null => (withConf.length ? withConf.filter((r) => r.confidence === target).length / withConf.length : null);
  return {
    model,
    n: rs.length,
    accuracy: rs.length ? rs.filter((r) => r.correct).length / rs.length : 0,
    mean_cost_usd: mean((r) => r.costUsd),
    mean_latency_s: mean((r) => r.latencyS),
    mean_output_tokens: mean((r) => r.outputTokens),
    share_conf_0: share(0),
    share_conf_1: share(1),
  };
}
