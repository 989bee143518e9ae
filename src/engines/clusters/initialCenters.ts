import type { Rng } from '../numeric/rng';
import { fillStandardNormal } from '../numeric/distributions';

/** Density of clusters in the initial sampling ball in 2D (thesis §5.3: "around 10% work well"). */
export const DENSITY_2D = 0.1;

/**
 * Dimension-adjusted density as a natural log: ρ_adj(p) = (p−1)·2^{2−p}·ρ_2D, which is 1·ρ_2D in 2D.
 * The thesis (§5.3) writes p·2^{1−p}·ρ_2D after Ball's 1992 lower bound on the best sphere-packing
 * density; repliclust 1.0's code (`adjusted_log_packing`) applies the bound one dimension down, as
 * here, which makes the ball 6% smaller in 10-D and 1% in 100-D. We follow the code, which produced
 * Table 5.2. In 1-D (no bound) the density is ρ_2D itself.
 */
export function logAdjustedDensity(p: number, rho2d = DENSITY_2D): number {
  if (p < 2) return Math.log(rho2d);
  return Math.log(rho2d) + Math.log(p - 1) + (2 - p) * Math.LN2;
}

/**
 * Most clusters started as repliclust 1.0 starts them (distance uniform in radius). Past this, the
 * crowded middle of that start leaves the optimiser more pairs to separate than it can in its 1,000
 * epochs, O(k²) pair evaluations each: measured (2-D, seed 1) 52 epochs and 0.2 s for k = 100,
 * 171 epochs and 3 s for 200, no convergence after 1,000 epochs and 43 s for 400. Larger k start
 * uniform in volume instead (27 epochs and 0.8 s for 400, 35 epochs and 10 s for 1,000). The
 * thesis's and repliclust's archetypes (Table 5.2, §5.4) all have at most 30 clusters.
 */
export const RADIUS_UNIFORM_MAX_K = 50;

/**
 * Initial centres for the overlap optimisation (thesis §5.3, "Running the Minimization in
 * Practice"), at unit scale: k centres in a ball whose volume is k reference-cluster volumes (balls
 * of radius 1) divided by ρ_adj(p), so its radius is R = (k/ρ_adj)^{1/p}; each centre at a uniform
 * direction and a distance uniform on [0, R], as repliclust 1.0 does (`RandomCenters`); beyond
 * RADIUS_UNIFORM_MAX_K clusters the distance is uniform in volume, R·U^{1/p} (see there).
 *
 * The distance is uniform in radius, not in volume, so centres crowd towards the middle; together with
 * sizing the ball by the reference volume (not by the sum of the sampled volumes, which the largest
 * cluster dominates in high dimension) this starts the optimiser with many pairs overlapping more
 * than `max_overlap`, and they end near it. Measured on the thesis's 10-D "significant overlap"
 * archetype (20 models): median pair overlap 0.11 as repliclust, where a ball sized by the sampled
 * volumes with centres uniform in volume gave 0.05 and an AMI 0.2 higher than the thesis's.
 */
export function initialCenters(
  rng: Rng,
  k: number,
  p: number,
  rho2d = DENSITY_2D,
): { centers: Float64Array; ballRadius: number } {
  const ballRadius = Math.exp((Math.log(k) - logAdjustedDensity(p, rho2d)) / p);
  const centers = new Float64Array(k * p);
  for (let i = 0; i < k; i++) {
    fillStandardNormal(rng, centers, i * p, (i + 1) * p);
    let norm = 0;
    for (let d = i * p; d < (i + 1) * p; d++) norm += centers[d] * centers[d];
    const u = rng.uniform();
    const r = (ballRadius * (k > RADIUS_UNIFORM_MAX_K ? Math.pow(u, 1 / p) : u)) / Math.sqrt(norm);
    for (let d = 0; d < p; d++) centers[i * p + d] *= r;
  }
  return { centers, ballRadius };
}
