import { bestAlongAxis } from './bestAlongAxis';
import { priceWeights } from './priceWeights';
import { ERROR, type Candidate, type MetricSpec } from './types';

/** For one price of latency: the best system on each interval of the price of error. */
export interface CriticalPriceRow {
  priceLatency: number;
  regimes: { from: number; to: number; best: string }[];
  /** The λ_E values where the best system changes (section 3.4's critical prices of error). */
  critical: number[];
}

/**
 * The critical-price-of-error table: for each price of latency, the exact prices of error at which
 * the optimal system θ*(λ) changes, over λ_E in [lo, hi] (hi may be +∞).
 */
export function criticalPriceTable(
  candidates: readonly Candidate[],
  metrics: readonly MetricSpec[],
  latencyPrices: readonly number[],
  opts: { abstain?: number; lo?: number; hi?: number; extraPrices?: Readonly<Record<string, number>> } = {},
): CriticalPriceRow[] {
  return latencyPrices.map((l) => {
    const regimes = bestAlongAxis(
      candidates,
      priceWeights({ ...opts.extraPrices, latency: l, abstain: opts.abstain ?? 0 }, metrics),
      ERROR,
      opts.lo ?? 0,
      opts.hi ?? Infinity,
    ).map((g) => ({ from: g.from, to: g.to, best: candidates[g.best].name }));
    return { priceLatency: l, regimes, critical: regimes.slice(1).map((g) => g.from) };
  });
}
