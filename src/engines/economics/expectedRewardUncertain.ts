import { evaluatePriceGrid } from './evaluatePriceGrid';
import type { WeightedPriceGrid } from './uncertainPriceGrid';
import type { Candidate } from './types';

export interface UncertainRewardResult {
  /** E_λ[R_k(λ)] per candidate (eq. 3.15), θ*_k(λ) re-tuned at each λ, in $ per query. */
  expected: number[];
  /** Standard error of each expectation when the grid is a Monte Carlo sample (null for quadrature). */
  standardError: (number | null)[];
  /** Index of the candidate with the highest expected reward. */
  best: number;
  /** Probability (under p(λ)) that each candidate is the optimum θ*(λ). */
  probBest: number[];
  nodes: number;
}

/**
 * Expected reward under uncertain prices, R = E_{λ~p(λ)}[R(λ)] (eq. 3.15), from a weighted price
 * grid (uncertainPriceGrid for quadrature, sampledPriceGrid for Monte Carlo).
 */
export function expectedRewardUncertain(
  candidates: readonly Candidate[],
  grid: WeightedPriceGrid,
  dim: number,
  opts: { monteCarlo?: boolean; signal?: AbortSignal } = {},
): UncertainRewardResult {
  const K = candidates.length;
  const r = evaluatePriceGrid(candidates, grid.weights, dim, opts.signal);
  const expected = new Array<number>(K).fill(0);
  const second = new Array<number>(K).fill(0);
  const probBest = new Array<number>(K).fill(0);
  for (let p = 0; p < grid.count; p++) {
    const w = grid.prob[p];
    for (let k = 0; k < K; k++) {
      const v = r.rewards[p * K + k];
      expected[k] += w * v;
      second[k] += w * v * v;
    }
    probBest[r.best[p]] += w;
  }
  const standardError = expected.map((m, k) =>
    opts.monteCarlo && grid.count > 1 ? Math.sqrt(Math.max(0, second[k] - m * m) / (grid.count - 1)) : null,
  );
  let best = 0;
  for (let k = 1; k < K; k++) if (expected[k] > expected[best]) best = k;
  return { expected, standardError, best, probBest, nodes: grid.count };
}
