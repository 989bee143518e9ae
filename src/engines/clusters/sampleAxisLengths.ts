import type { Rng } from '../numeric/rng';
import { maxMinSample } from './maxMinSample';

/**
 * The p principal-axis lengths of one cluster (appendix 4A, Table .4): longest/shortest equals the
 * cluster's aspect ratio and their geometric mean equals the cluster's radius (max-min sampling in
 * log space, extremes at radius·aspect^{±1/2}).
 */
export function sampleAxisLengths(rng: Rng, p: number, radius: number, aspect: number): Float64Array {
  if (p === 1) return Float64Array.of(radius);
  const m = Math.log(radius);
  const half = Math.log(aspect) / 2;
  return maxMinSample(rng, p, m - half, m + half, m).map(Math.exp);
}
