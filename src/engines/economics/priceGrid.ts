import { priceWeights } from './priceWeights';
import type { MetricSpec } from './types';

/** The price combinations of a grid: every price_error × price_latency × price_abstain. */
export interface PriceAxes {
  error: number[];
  latency: number[];
  abstain: number[];
}

export interface PriceGrid {
  /** One entry per combination, error outermost, abstain innermost. */
  combos: { error: number; latency: number; abstain: number }[];
  /** Weight rows (see priceWeights), one per combo. */
  weights: Float64Array;
  dim: number;
}

/** n values from lo to hi, evenly spaced on a log scale (lo, hi > 0). */
export function logSpace(lo: number, hi: number, n: number): number[] {
  if (!(lo > 0 && hi > 0)) throw new Error(`log-spaced prices need lo, hi > 0, got ${lo}, ${hi}`);
  if (n === 1) return [lo];
  const a = Math.log(lo);
  const step = (Math.log(hi) - a) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : Math.exp(a + i * step)));
}

/** n evenly spaced values from lo to hi. */
export function linSpace(lo: number, hi: number, n: number): number[] {
  if (n === 1) return [lo];
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
}

/** The optimal-model map's default axes (Figure 3.4): λ_E $0.0001–$10,000 (log), λ_L $0–$10 per minute. */
export function defaultMapAxes(n = 100): { error: number[]; latency: number[] } {
  return { error: logSpace(1e-4, 1e4, n), latency: linSpace(0, 10 / 60, n) };
}

/** Expands price axes into weight rows; other metrics (eq. 3.11 extras) at the fixed `extraPrices`, else 0. */
export function buildPriceGrid(
  axes: PriceAxes,
  metrics: readonly MetricSpec[],
  extraPrices: Readonly<Record<string, number>> = {},
): PriceGrid {
  const dim = 1 + metrics.length;
  const combos: PriceGrid['combos'] = [];
  for (const error of axes.error)
    for (const latency of axes.latency) for (const abstain of axes.abstain) combos.push({ error, latency, abstain });
  const weights = new Float64Array(combos.length * dim);
  combos.forEach((c, i) => weights.set(priceWeights({ ...extraPrices, ...c }, metrics), i * dim));
  return { combos, weights, dim };
}
