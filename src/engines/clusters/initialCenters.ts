import type { Rng } from '../numeric/rng';
import { standardNormal } from '../numeric/distributions';

/** Density of clusters in the initial sampling ball in 2D (thesis §5.3: "around 10% work well"). */
export const DENSITY_2D = 0.1;

/**
 * Dimension-adjusted density ρ_adj(p) = p·2^{1−p}·ρ_2D (thesis §5.3, after Ball's 1992 lower bound
 * p·2^{1−p} on the best sphere-packing density in ℝ^p), as a natural log for large p.
 */
export function logAdjustedDensity(p: number, rho2d = DENSITY_2D): number {
  return Math.log(p) + (1 - p) * Math.LN2 + Math.log(rho2d);
}

/**
 * Initial centres uniform in a ball whose volume makes the clusters fill the fraction ρ_adj(p) of
 * it: R^p = Σ r_i^p / ρ_adj (r_i = cluster radii), computed in logs so 100-D does not overflow.
 */
export function initialCenters(rng: Rng, radii: ArrayLike<number>, p: number, rho2d = DENSITY_2D): { centers: Float64Array; ballRadius: number } {
  const k = radii.length;
  let maxLog = -Infinity;
  for (let i = 0; i < k; i++) maxLog = Math.max(maxLog, p * Math.log(radii[i]));
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.exp(p * Math.log(radii[i]) - maxLog);
  const logR = (maxLog + Math.log(s) - logAdjustedDensity(p, rho2d)) / p;
  const ballRadius = Math.exp(logR);
  const centers = new Float64Array(k * p);
  for (let i = 0; i < k; i++) {
    let norm = 0;
    for (let d = 0; d < p; d++) {
      const z = standardNormal(rng);
      centers[i * p + d] = z;
      norm += z * z;
    }
    const r = (ballRadius * Math.pow(rng.uniform(), 1 / p)) / Math.sqrt(norm);
    for (let d = 0; d < p; d++) centers[i * p + d] *= r;
  }
  return { centers, ballRadius };
}
