import type { SplitData } from './prepareCascadeData';

/**
 * Training-data estimate used by the grid-search and Bayesian-optimisation baselines (thesis §2.4):
 * P(correct) ≈ mean calibrated confidence of the model that answers each training query, E[cost] ≈
 * mean cumulative mean cost, plus each model's share of answers. O(n·k).
 */
export function empiricalEstimate(
  train: SplitData,
  cascade: readonly number[],
  t: ArrayLike<number>,
): { pCorrect: number; expectedCost: number; shares: number[] } {
  const k = cascade.length;
  const n = train.queryIds.length;
  const counts = new Array<number>(k).fill(0);
  let phi = 0;
  for (let q = 0; q < n; q++) {
    let i = 0;
    while (i < k - 1 && !(train.phi[cascade[i]][q] > t[i])) i++;
    counts[i]++;
    phi += train.phi[cascade[i]][q];
  }
  let cum = 0;
  let cost = 0;
  for (let i = 0; i < k; i++) {
    cum += train.meanCost[cascade[i]];
    cost += counts[i] * cum;
  }
  return n
    ? { pCorrect: phi / n, expectedCost: cost / n, shares: counts.map((c) => c / n) }
    : { pCorrect: 0, expectedCost: 0, shares: counts };
}
