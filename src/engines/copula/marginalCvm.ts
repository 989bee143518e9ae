import type { Rng } from '../numeric/rng';
import { cvmContinuousPart } from './cvmSegments';
import { marginalCdf, sampleMarginal, type MarginalModel } from './marginalModel';

/**
 * √CvM = √(∫ (F̂_n − F)² dF) of thesis eq. 2.20 between a sample (e.g. the test split's calibrated
 * confidences) and the fitted marginal eq. 2.7: the continuous part by exact step integration, plus
 * wMin·(F̂_n(φmin) − F(φmin))² and wMax·(F̂_n(φmax) − 1)² for the point masses.
 */
export function marginalSqrtCvm(m: MarginalModel, sample: ArrayLike<number>): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  if (n === 0 || !(m.phiMax > m.phiMin)) return 0;
  const ecdf = (x: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo / n;
  };
  const cont = cvmContinuousPart(sorted, (x) => marginalCdf(m, x), m.phiMin, m.phiMax, m.wMin, 1 - m.wMax);
  const atoms = m.wMin * (ecdf(m.phiMin) - m.wMin) ** 2 + m.wMax * (ecdf(m.phiMax) - 1) ** 2;
  return Math.sqrt(Math.max(0, cont + atoms));
}

/**
 * √CvM with a parametric-bootstrap p-value (thesis Table 2.5): B samples of the same size from the
 * fitted marginal; p = (1 + #{stat_b ≥ stat}) / (B + 1). The marginal stays fixed (fitted on the
 * training split), as in the thesis' train-fit / test-evaluate protocol.
 */
export function marginalCvmTest(
  m: MarginalModel,
  sample: ArrayLike<number>,
  rng: Rng,
  replicates = 200,
): { sqrtCvm: number; pValue: number } {
  const stat = marginalSqrtCvm(m, sample);
  let exceed = 0;
  for (let b = 0; b < replicates; b++) if (marginalSqrtCvm(m, sampleMarginal(m, rng, sample.length)) >= stat) exceed++;
  return { sqrtCvm: stat, pValue: (1 + exceed) / (replicates + 1) };
}
