import type { Candidate } from './types';

/** Expected test rewards of every candidate at every price vector, with θ*(λ) chosen on train. */
export interface PriceGridResult {
  /** Number of price vectors P and candidates K. */
  prices: number;
  candidates: number;
  /** rewards[p·K + k]: test-split expected reward R(λ_p; θ*_k(λ_p)) (eq. 3.14), in $ per query. */
  rewards: Float64Array;
  /** point[p·K + k]: index of the operating point θ*_k(λ_p) chosen on train (eq. 3.13, appendix 3D). */
  point: Int32Array;
  /** best[p]: index of the candidate with the highest test reward at λ_p (ties: the first). */
  best: Int32Array;
}

/**
 * Evaluates a grid of price vectors. `weights` holds P rows of length dim (see priceWeights).
 * Each candidate's operating point is re-optimised per price vector on the train statistics,
 * which costs O(#points · dim) because the means were precomputed (makeCandidate).
 */
export function evaluatePriceGrid(
  candidates: readonly Candidate[],
  weights: Float64Array,
  dim: number,
  signal?: AbortSignal,
): PriceGridResult {
  const K = candidates.length;
  for (const c of candidates)
    if (c.dim !== dim) throw new Error(`candidate ${c.name} has ${c.dim} metrics, prices have ${dim}`);
  if (weights.length % dim !== 0) throw new Error(`weights length ${weights.length} is not a multiple of dim ${dim}`);
  const P = weights.length / dim;
  const rewards = new Float64Array(P * K);
  const point = new Int32Array(P * K);
  const best = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    if ((p & 1023) === 0 && signal?.aborted) throw signal.reason ?? new Error('cancelled');
    const w0 = p * dim;
    let bestK = 0;
    let bestR = -Infinity;
    for (let k = 0; k < K; k++) {
      const c = candidates[k];
      const tr = c.train;
      const nPts = tr.length / dim;
      let arg = 0;
      let argLoss = Infinity;
      for (let j = 0, o = 0; j < nPts; j++, o += dim) {
        let loss = 0;
        for (let d = 0; d < dim; d++) loss += weights[w0 + d] * tr[o + d];
        if (loss < argLoss) {
          argLoss = loss;
          arg = j;
        }
      }
      let testLoss = 0;
      const te = c.test;
      for (let d = 0, o = arg * dim; d < dim; d++) testLoss += weights[w0 + d] * te[o + d];
      const r = -testLoss;
      rewards[p * K + k] = r;
      point[p * K + k] = arg;
      if (r > bestR) {
        bestR = r;
        bestK = k;
      }
    }
    best[p] = bestK;
  }
  return { prices: P, candidates: K, rewards, point, best };
}

/** Reward of one candidate at one weight vector: the train-optimal point and its test reward. */
export function rewardAt(c: Candidate, w: Float64Array): { point: number; reward: number; trainReward: number } {
  const r = evaluatePriceGrid([c], w, c.dim);
  const o = r.point[0] * c.dim;
  let trainLoss = 0;
  for (let d = 0; d < c.dim; d++) trainLoss += w[d] * c.train[o + d];
  return { point: r.point[0], reward: r.rewards[0], trainReward: -trainLoss };
}
