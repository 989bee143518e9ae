import type { Rng } from '../numeric/rng';
import { maxMinSample } from './maxMinSample';

/**
 * Cluster radii (radius = geometric mean of a cluster's axis lengths, i.e. the p-th root of its
 * volume up to a constant) by max-min sampling in log space (appendix 4A): max/min equals
 * `radiusMaxmin` and the geometric mean equals `scale`, so the geometric mean of the volumes is the
 * reference volume scale^p.
 */
export function sampleClusterRadii(rng: Rng, k: number, scale: number, radiusMaxmin: number): Float64Array {
  const m = Math.log(scale);
  const half = Math.log(radiusMaxmin) / 2;
  return maxMinSample(rng, k, m - half, m + half, m).map(Math.exp);
}
