import type { Rng } from '../numeric/rng';
import { maxMinSample } from './maxMinSample';
import { roundPreservingSum } from './roundPreservingSum';

/**
 * Number of points per cluster (appendix 4A, Table .4): max-min sampling around the average size
 * n/k with max/min = imbalanceRatio and the extremes averaging to n/k, then rounded so the sizes sum
 * to exactly n (largest remainders; every cluster keeps at least one point).
 */
export function sampleGroupSizes(rng: Rng, k: number, n: number, imbalanceRatio: number): Int32Array {
  const ref = n / k;
  const lo = (2 * ref) / (1 + imbalanceRatio);
  return roundPreservingSum(maxMinSample(rng, k, lo, imbalanceRatio * lo, ref), n, 1);
}
