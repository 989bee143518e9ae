/**
 * Draws points from a mixture model (thesis §5.3, step 4): for cluster i, x = μ + L·y with Σ = L·Lᵀ;
 * y is a standard normal vector for normal clusters, else ρ·z/|z| with z standard normal (a
 * uniform direction) and ρ = √(Σ_d R_d²) the norm of p normalised draws of the cluster's
 * distribution (`sampleRadialNorm`). Any square root of Σ gives the
 * same law because the direction is rotation invariant, so the triangular Cholesky factor halves
 * the work; isotropic clusters skip it altogether.
 */
import type { Rng } from '../numeric/rng';
import { choleskySteps } from '../numeric/cholesky';
import { runSteps, type Steps } from '../cancellation';
import { standardNormal } from '../numeric/distributions';
import { clusterCovarianceSteps } from './clusterCovariance';
import type { ClusterSpec, MixtureModel } from './mixtureModel';
import { sampleRadialNorm } from './radialDistributions';

export interface ClusterData {
  /** Row-major n×p. */
  X: Float64Array;
  labels: Int32Array;
}

/** Multiply-adds between two pauses of sampleClusterPointsSteps (a few milliseconds of work). */
const WORK_PER_PAUSE = 1 << 20;

export function sampleClusterPoints(
  rng: Rng,
  model: MixtureModel,
  sizes: ArrayLike<number>,
  opts: { shuffle?: boolean; signal?: AbortSignal } = {},
): ClusterData {
  return runSteps(sampleClusterPointsSteps(rng, model, sizes, opts), opts.signal);
}

/** sampleClusterPoints as steps: a pause every WORK_PER_PAUSE multiply-adds and between matrix rows. */
export function* sampleClusterPointsSteps(
  rng: Rng,
  model: MixtureModel,
  sizes: ArrayLike<number>,
  opts: { shuffle?: boolean } = {},
): Steps<ClusterData> {
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
  let work = 0;
  for (let ci = 0; ci < model.clusters.length; ci++) {
    const c = model.clusters[ci];
    yield;
    const l0 = c.lengths[0];
    const iso = c.lengths.every((l) => Math.abs(l - l0) <= 1e-12 * l0);
    const L = iso ? null : yield* choleskySteps(yield* clusterCovarianceSteps(c.axes, c.lengths, p), p);
    if (!iso && !L) throw new Error(`cluster ${ci}: covariance is not positive definite`);
    const normal = c.distribution === 'normal';
    const perRow = L ? (p * (p + 1)) / 2 + p : 2 * p;
    for (let r = 0; r < sizes[ci]; r++, row++) {
      work += perRow;
      if (work >= WORK_PER_PAUSE) {
        work = 0;
        yield;
      }
      const at = perm[row];
      labels[at] = ci;
      drawPoint(rng, c, L, normal, y, X, at * p, p);
    }
  }
  return { X, labels };
}

/** Writes one point of cluster `c` at X[o..o+p): μ + L·y, or μ + l0·y for an isotropic cluster (L null). */
function drawPoint(
  rng: Rng,
  c: ClusterSpec,
  L: Float64Array | null,
  normal: boolean,
  y: Float64Array,
  X: Float64Array,
  o: number,
  p: number,
): void {
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
  if (L) {
    for (let d = 0; d < p; d++) {
      let s = c.center[d];
      const ld = d * p;
      for (let e = 0; e <= d; e++) s += L[ld + e] * y[e];
      X[o + d] = s;
    }
  } else {
    const l0 = c.lengths[0];
    for (let d = 0; d < p; d++) X[o + d] = c.center[d] + l0 * y[d];
  }
}
