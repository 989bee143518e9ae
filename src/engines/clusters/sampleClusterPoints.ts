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
import { pauseDue, runSteps, type Steps } from '../cancellation';
import { fillStandardNormal } from '../numeric/distributions';
import { clusterCovarianceSteps } from './clusterCovariance';
import { isIsotropic } from './isIsotropic';
import type { ClusterSpec, MixtureModel } from './mixtureModel';
import { sampleRadialNorm, type DistributionName } from './radialDistributions';

export interface ClusterData {
  /** Row-major n×p. */
  X: Float64Array;
  labels: Int32Array;
}

export interface SamplePointsOptions {
  /** Write rows at a random permutation of positions (default true). */
  shuffle?: boolean;
  /** Each cluster's covariance when already computed (e.g. by the separation field): not computed again. */
  covariances?: readonly (Float64Array | null)[];
  /**
   * Memory for the points, used when it has exactly n·p entries (e.g. those of a data set already
   * written); every entry is overwritten. A series of large data sets then reuses one array instead
   * of taking fresh memory for each, whose first touch costs more than the drawing on some machines.
   */
  storage?: Float64Array;
}

/** Points drawn, then transformed together (see transformBlock). */
const BLOCK = 4;

export function sampleClusterPoints(
  rng: Rng,
  model: MixtureModel,
  sizes: ArrayLike<number>,
  opts: SamplePointsOptions & { signal?: AbortSignal } = {},
): ClusterData {
  return runSteps(sampleClusterPointsSteps(rng, model, sizes, opts), opts.signal);
}

/** sampleClusterPoints as steps: a pause where one is due (`pauseDue`), counted in multiply-adds of blocks of points and of matrix rows. */
export function* sampleClusterPointsSteps(
  rng: Rng,
  model: MixtureModel,
  sizes: ArrayLike<number>,
  opts: SamplePointsOptions = {},
): Steps<ClusterData> {
  const p = model.dim;
  let n = 0;
  for (let i = 0; i < sizes.length; i++) n += sizes[i];
  const X = opts.storage?.length === n * p ? opts.storage : new Float64Array(n * p);
  const labels = new Int32Array(n);
  // Rows are written straight to a random permutation of positions (no second shuffling pass).
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  if (opts.shuffle ?? true) {
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
  }
  let row = 0;
  const ys = new Float64Array(BLOCK * p);
  const radial = new Float64Array(p);
  const at = new Int32Array(BLOCK);
  for (let ci = 0; ci < model.clusters.length; ci++) {
    const c = model.clusters[ci];
    if (isIsotropic(c.lengths)) {
      row = yield* isotropicRowsSteps(rng, c, sizes[ci], ci, perm, row, X, labels, radial);
      continue;
    }
    const given = opts.covariances?.[ci];
    const cov = given && given.length === p * p ? given : yield* clusterCovarianceSteps(c.axes, c.lengths, p);
    const L = yield* choleskySteps(cov, p);
    if (!L) throw new Error(`cluster ${ci}: covariance is not positive definite`);
    const normal = c.distribution === 'normal';
    const perRow = (p * (p + 1)) / 2 + p;
    for (let r = 0; r < sizes[ci];) {
      const b = Math.min(BLOCK, sizes[ci] - r);
      if (pauseDue(b * perRow)) yield;
      for (let t = 0; t < b; t++, row++) {
        at[t] = perm[row] * p;
        labels[perm[row]] = ci;
      }
      // y: standard normal vectors, or a uniform direction times the radial norm (the block's draws in point order)
      if (normal) fillStandardNormal(rng, ys, 0, b * p);
      else for (let t = 0; t < b; t++) drawScaledDirection(rng, c.distribution, ys, t * p, p, radial);
      if (b === BLOCK) transformBlock(L, c.center, ys, at, X, p);
      else for (let t = 0; t < b; t++) transformOne(L, c.center, ys, t * p, X, at[t], p);
      r += b;
    }
  }
  return { X, labels };
}

/** Draws y at ys[o..o+p) for a non-normal cluster: a uniform direction times the radial norm (`scratch`: p numbers). */
function drawScaledDirection(
  rng: Rng,
  distribution: DistributionName,
  ys: Float64Array,
  o: number,
  p: number,
  scratch: Float64Array,
): void {
  fillStandardNormal(rng, ys, o, o + p);
  let nrm = 0;
  for (let d = o; d < o + p; d++) nrm += ys[d] * ys[d];
  const f = sampleRadialNorm(rng, distribution, p, scratch) / Math.sqrt(nrm);
  for (let d = o; d < o + p; d++) ys[d] *= f;
}

/** Writes X[o..o+p) = μ + L·y (y at ys[yo..]). */
function transformOne(
  L: Float64Array,
  center: Float64Array,
  ys: Float64Array,
  yo: number,
  X: Float64Array,
  o: number,
  p: number,
): void {
  for (let d = 0; d < p; d++) {
    let s = center[d];
    const ld = d * p;
    for (let e = 0; e <= d; e++) s += L[ld + e] * ys[yo + e];
    X[o + d] = s;
  }
}

/**
 * The rows of an isotropic cluster (Σ = l0²·I), from `row` of the permutation on; returns the next
 * row. Each point is drawn straight into its row of X and scaled there, x = μ + l0·y: the same draws
 * in the same order and the same arithmetic as through the block buffer, without copying it.
 */
function* isotropicRowsSteps(
  rng: Rng,
  c: ClusterSpec,
  size: number,
  ci: number,
  perm: Int32Array,
  row: number,
  X: Float64Array,
  labels: Int32Array,
  radial: Float64Array,
): Steps<number> {
  const p = c.center.length;
  const l0 = c.lengths[0];
  const normal = c.distribution === 'normal';
  for (let r = 0; r < size;) {
    const b = Math.min(BLOCK, size - r);
    // about 2p units of work a point: its draws and its scaling
    if (pauseDue(b * 2 * p)) yield;
    for (let t = 0; t < b; t++, row++) {
      const o = perm[row] * p;
      labels[perm[row]] = ci;
      if (normal) fillStandardNormal(rng, X, o, o + p);
      else drawScaledDirection(rng, c.distribution, X, o, p, radial);
      for (let d = 0; d < p; d++) X[o + d] = c.center[d] + l0 * X[o + d];
    }
    r += b;
  }
  return row;
}

/**
 * transformOne with L for BLOCK (4) points at once, two rows of L at a time: each point's sum runs
 * in the same order as in transformOne (so the same bits), but the eight independent sums overlap
 * in the CPU, each entry of L is loaded once for four points and each entry of y once for two rows.
 * Four points at a time were 2.0–2.2× faster than one point at a time at p = 100 (1,000 points, a
 * micro-benchmark on 2026-12-05 at load average 10); two rows of four points 1.4–1.7× faster again
 * (16,000 points, 2026-12-05, load average 2).
 */
function transformBlock(
  L: Float64Array,
  center: Float64Array,
  ys: Float64Array,
  at: Int32Array,
  X: Float64Array,
  p: number,
): void {
  const o0 = at[0];
  const o1 = at[1];
  const o2 = at[2];
  const o3 = at[3];
  let d = 0;
  for (; d + 1 < p; d += 2) {
    const m = center[d];
    const mn = center[d + 1];
    let s0 = m;
    let s1 = m;
    let s2 = m;
    let s3 = m;
    let t0 = mn;
    let t1 = mn;
    let t2 = mn;
    let t3 = mn;
    const ld = d * p;
    const ln = ld + p;
    for (let e = 0; e <= d; e++) {
      const y0 = ys[e];
      const y1 = ys[p + e];
      const y2 = ys[2 * p + e];
      const y3 = ys[3 * p + e];
      const l = L[ld + e];
      const k = L[ln + e];
      s0 += l * y0;
      s1 += l * y1;
      s2 += l * y2;
      s3 += l * y3;
      t0 += k * y0;
      t1 += k * y1;
      t2 += k * y2;
      t3 += k * y3;
    }
    // row d + 1 has one entry more than row d
    const e = d + 1;
    const k = L[ln + e];
    t0 += k * ys[e];
    t1 += k * ys[p + e];
    t2 += k * ys[2 * p + e];
    t3 += k * ys[3 * p + e];
    X[o0 + d] = s0;
    X[o1 + d] = s1;
    X[o2 + d] = s2;
    X[o3 + d] = s3;
    X[o0 + d + 1] = t0;
    X[o1 + d + 1] = t1;
    X[o2 + d + 1] = t2;
    X[o3 + d + 1] = t3;
  }
  if (d < p) {
    // the last row when p is odd, point by point
    const ld = d * p;
    for (let t = 0; t < BLOCK; t++) {
      let s = center[d];
      for (let e = 0; e <= d; e++) s += L[ld + e] * ys[t * p + e];
      X[at[t] + d] = s;
    }
  }
}
