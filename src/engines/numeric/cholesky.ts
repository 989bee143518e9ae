/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix stored row-major in a
 * Float64Array (p×p), with triangular solves (Golub & Van Loan, Matrix Computations, alg. 4.2.1).
 * The `…Steps` forms may pause after a column (when `pauseDue` says so) so that a large factorisation
 * can be cancelled (engines/cancellation.ts).
 *
 * Kept hand-written for the cluster generator's hot path (each cluster's covariance in
 * sampleClusterPoints and separationField, ~70 factorisations per pair in the exact overlap check,
 * every EM step of the clustering benchmark's Gaussian mixture): bench/linearAlgebra.bench.ts
 * measures it 2.0–2.8× faster than ml-matrix's CholeskyDecomposition at p = 10, 100 and 400, and
 * its solve 22× faster at p = 100 (2026-12, a loaded 2-core machine). Small one-off systems (the
 * logistic calibrator, the Bayesian-optimisation Gaussian process) use ml-matrix.
 */
import { pauseDue, runSteps, type Steps } from '../cancellation';

/**
 * Returns L (row-major, upper triangle zero), or null when A is not numerically positive definite.
 */
export function cholesky(a: Float64Array, p: number): Float64Array | null {
  return runSteps(choleskySteps(a, p));
}

/** cholesky as steps: a pause after a column when one is due (O(p²) work each). */
export function* choleskySteps(a: Float64Array, p: number): Steps<Float64Array | null> {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    if (!choleskyColumn(a, l, j, p)) return null;
    if (pauseDue(p * p)) yield;
  }
  return l;
}

/** Column j of L; false when the pivot is not positive. */
function choleskyColumn(a: Float64Array, l: Float64Array, j: number, p: number): boolean {
  const rj = j * p;
  let s = a[rj + j];
  for (let k = 0; k < j; k++) s -= l[rj + k] * l[rj + k];
  if (!(s > 0)) return false;
  const ljj = Math.sqrt(s);
  l[rj + j] = ljj;
  for (let i = j + 1; i < p; i++) {
    const ri = i * p;
    let t = a[ri + j];
    for (let k = 0; k < j; k++) t -= l[ri + k] * l[rj + k];
    l[ri + j] = t / ljj;
  }
  return true;
}

/** Solves L·Lᵀ·x = b given the Cholesky factor L; writes x into `out` (may alias b). */
export function choleskySolve(l: Float64Array, p: number, b: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < p; i++) {
    const ri = i * p;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * out[k];
    out[i] = s / l[ri + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = out[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * out[k];
    out[i] = s / l[i * p + i];
  }
  return out;
}

/** The inverse of A = L·Lᵀ as a full symmetric row-major matrix. */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  return runSteps(choleskyInverseSteps(l, p));
}

/** choleskyInverse as steps: a pause after a column of L⁻¹ or a row of the product when one is due. */
export function* choleskyInverseSteps(l: Float64Array, p: number): Steps<Float64Array> {
  // M = L⁻¹ (lower triangular), then A⁻¹ = Mᵀ·M.
  const m = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    inverseColumn(l, m, j, p);
    if (pauseDue(p * p)) yield;
  }
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    productRow(m, inv, i, p);
    if (pauseDue(p * p)) yield;
  }
  return inv;
}

function inverseColumn(l: Float64Array, m: Float64Array, j: number, p: number): void {
  m[j * p + j] = 1 / l[j * p + j];
  for (let i = j + 1; i < p; i++) {
    let s = 0;
    for (let k = j; k < i; k++) s -= l[i * p + k] * m[k * p + j];
    m[i * p + j] = s / l[i * p + i];
  }
}

/**
 * Row i (and by symmetry column i) of Mᵀ·M, entries j ≤ i. Four entries at a time: each sum runs
 * over k in the same order as alone (the same bits), but the four overlap in the CPU and each
 * m[k][i] is loaded once for them (the inverse of a 100×100 matrix 1.2–1.8× faster, same bits, 2026-12-05).
 */
function productRow(m: Float64Array, inv: Float64Array, i: number, p: number): void {
  let j = 0;
  for (; j + 3 <= i; j += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = i; k < p; k++) {
      const r = k * p;
      const x = m[r + i];
      s0 += x * m[r + j];
      s1 += x * m[r + j + 1];
      s2 += x * m[r + j + 2];
      s3 += x * m[r + j + 3];
    }
    inv[i * p + j] = s0;
    inv[i * p + j + 1] = s1;
    inv[i * p + j + 2] = s2;
    inv[i * p + j + 3] = s3;
    inv[j * p + i] = s0;
    inv[(j + 1) * p + i] = s1;
    inv[(j + 2) * p + i] = s2;
    inv[(j + 3) * p + i] = s3;
  }
  for (; j <= i; j++) {
    let s = 0;
    for (let k = i; k < p; k++) s += m[k * p + i] * m[k * p + j];
    inv[i * p + j] = s;
    inv[j * p + i] = s;
  }
}
