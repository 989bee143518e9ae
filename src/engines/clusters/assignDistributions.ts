import type { Rng } from '../numeric/rng';
import type { DistributionName } from './radialDistributions';
import { roundPreservingSum } from './roundPreservingSum';

/**
 * Gives each of k clusters a radial distribution: counts proportional to `proportions` (largest
 * remainders, so they sum to k), then shuffled among the clusters.
 */
export function assignDistributions(
  rng: Rng,
  k: number,
  names: readonly DistributionName[],
  proportions: readonly number[],
): DistributionName[] {
  const counts = roundPreservingSum(
    proportions.map((x) => x * k),
    k,
  );
  const out: DistributionName[] = [];
  names.forEach((name, i) => {
    for (let c = 0; c < counts[i]; c++) out.push(name);
  });
  return rng.shuffle(out);
}
