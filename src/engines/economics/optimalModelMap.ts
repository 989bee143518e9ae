import { bestAlongAxis } from './bestAlongAxis';
import { evaluatePriceGrid } from './evaluatePriceGrid';
import { buildPriceGrid } from './priceGrid';
import { priceWeights } from './priceWeights';
import { ERROR, type Candidate, type MetricSpec } from './types';
import { maxOf, minOf } from '../../shared/arrays';

export interface OptimalModelMapOptions {
  /** Prices of error (columns) and latency in $/s (rows). */
  errorAxis: number[];
  latencyAxis: number[];
  /** Fixed price of abstention, $ per abstention. */
  abstain?: number;
  signal?: AbortSignal;
}

/** The map of Figure 3.4: the best system over a λ_E × λ_L grid, plus the exact boundaries. */
export interface OptimalModelMap {
  errorAxis: number[];
  latencyAxis: number[];
  abstain: number;
  /** Cell [row r = latency index][column c = error index] at r·nError + c. */
  best: number[];
  bestReward: number[];
  /** Operating point of the best candidate at the cell (θ*(λ), chosen on train). */
  bestPoint: number[];
  /** Second-best candidate and how much more the best earns there ($ per query). */
  runnerUp: number[];
  margin: number[];
  /** Per latency row, the exact λ_E at which the optimum switches (section 3.4), with both sides. */
  boundaries: { row: number; price: number; below: number; above: number }[][];
}

/**
 * Evaluates every candidate on the grid (θ* re-optimised per cell from the precomputed train
 * statistics) and, per λ_L row, the exact critical prices of error between the grid's λ_E ends.
 */
export function optimalModelMap(candidates: readonly Candidate[], metrics: readonly MetricSpec[], opts: OptimalModelMapOptions): OptimalModelMap {
  const abstain = opts.abstain ?? 0;
  const { errorAxis, latencyAxis } = opts;
  if (errorAxis.length === 0 || latencyAxis.length === 0) throw new Error('the map needs at least one price of error and one price of latency');
  // Row-major over latency: build with latency outermost.
  const grid = buildPriceGrid({ error: [0], latency: latencyAxis, abstain: [abstain] }, metrics);
  const dim = grid.dim;
  const nE = errorAxis.length;
  const weights = new Float64Array(latencyAxis.length * nE * dim);
  for (let r = 0; r < latencyAxis.length; r++)
    for (let c = 0; c < nE; c++) {
      const o = (r * nE + c) * dim;
      weights.set(grid.weights.subarray(r * dim, (r + 1) * dim), o);
      weights[o + ERROR] = errorAxis[c];
    }
  const ev = evaluatePriceGrid(candidates, weights, dim, opts.signal);
  const K = candidates.length;
  const cells = ev.prices;
  const best: number[] = new Array(cells);
  const bestReward: number[] = new Array(cells);
  const bestPoint: number[] = new Array(cells);
  const runnerUp: number[] = new Array(cells);
  const margin: number[] = new Array(cells);
  for (let p = 0; p < cells; p++) {
    const b = ev.best[p];
    let second = -1;
    for (let k = 0; k < K; k++) if (k !== b && (second < 0 || ev.rewards[p * K + k] > ev.rewards[p * K + second])) second = k;
    best[p] = b;
    bestReward[p] = ev.rewards[p * K + b];
    bestPoint[p] = ev.point[p * K + b];
    runnerUp[p] = second;
    margin[p] = second < 0 ? 0 : ev.rewards[p * K + b] - ev.rewards[p * K + second];
  }
  const lo = minOf(errorAxis);
  const hi = maxOf(errorAxis);
  const boundaries = latencyAxis.map((l, row) => {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('cancelled');
    if (!(hi > lo)) return [];
    const regimes = bestAlongAxis(candidates, priceWeights({ latency: l, abstain }, metrics), ERROR, lo, hi);
    return regimes.slice(1).map((g, i) => ({ row, price: g.from, below: regimes[i].best, above: g.best }));
  });
  return { errorAxis: [...errorAxis], latencyAxis: [...latencyAxis], abstain, best, bestReward, bestPoint, runnerUp, margin, boundaries };
}
