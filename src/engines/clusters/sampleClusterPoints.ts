/**
 * Draws points from a mixture model (thesis §5.3, step 4): for cluster i, x = μ + L·y with Σ = L·Lᵀ;
 * y is a standard normal vector for normal clusters, else ρ·z/|z| with z standard normal (a
 * uniform direction) and ρ = √(Σ_d R_d²) the norm of p normalised draws of the cluster's
 * distribution (`sampleRadialNorm`). Any square root of Σ gives the
 * same law because the direction is rotation invariant, so the triangular Cholesky factor halves
 * the work; isotropic clusters skip it altogether.
 */
import type { Rng } from '../numeric/rng';
import { cholesky } from '../numeric/cholesky';
import { standardNormal } from '../numeric/distributions';
import { clusterCovariance } from './clusterCovariance';
import type { MixtureModel } from './mixtureModel';
import { sampleRadialNorm } from './radialDistributions';

export interface ClusterData {
  /** Row-major n×p. */
  X: Float64Array;
  labels: Int32Array;
}

export function sampleClusterPoints(rng: Rng, model: MixtureModel, sizes: ArrayLike<number>, opts: { shuffle?: boolean; signal?: AbortSignal } = {}): ClusterData {
  const p = model.dim;
  let n = 0;
  for (let i = 0; i < sizes.length; i++) n += sizes[i];
  const X = new Float64Array(n * p);
  const labels = new Int32Array(n);
  const y = new Float64Array(p);
  // Rows are written straight to a random permutation of positions (no second shuffling pass).
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  if (opts.shuffle ?? true) {
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
  }
  let row = 0;
  model.clusters.forEach((c, ci) => {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
    const l0 = c.lengths[0];
    const iso = c.lengths.every((l) => Math.abs(l - l0) <= 1e-12 * l0);
    const L = iso ? null : cholesky(clusterCovariance(c.axes, c.lengths, p), p);
    if (!iso && !L) throw new Error(`cluster ${ci}: covariance is not positive definite`);
    const normal = c.distribution === 'normal';
    for (let r = 0; r < sizes[ci]; r++, row++) {
      let nrm = 0;
      for (let d = 0; d < p; d++) {
        const z = standardNormal(rng);
        y[d] = z;
        nrm += z * z;
      }
      if (!normal) {
        const f = sampleRadialNorm(rng, c.distribution, p) / Math.sqrt(nrm);
        for (let d = 0; d < p; d++) y[d] *= f;
      }
      const at = perm[row];
      const o = at * p;
      labels[at] = ci;
      if (L) {
        for (let d = 0; d < p; d++) {
          let s = c.center[d];
          const ld = d * p;
          for (let e = 0; e <= d; e++) s += L[ld + e] * y[e];
          X[o + d] = s;
        }
      } else for (let d = 0; d < p; d++) X[o + d] = c.center[d] + l0 * y[d];
    }
  });
  return { X, labels };
}
