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
import { rowDots } from './rowDots';

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

/**
 * Column j of L; false when the pivot is not positive. Below the pivot, four rows at a time: each
 * entry's sum runs over k in the same order as alone (the same doubles), but the four overlap in the
 * CPU and each l[j][k] is loaded once for them (a 100×100 factorisation 0.24 → 0.10 ms, medians of
 * 100 in one process, 2026-12-06).
 */
function choleskyColumn(a: Float64Array, l: Float64Array, j: number, p: number): boolean {
  const rj = j * p;
  let s = a[rj + j];
  for (let k = 0; k < j; k++) s -= l[rj + k] * l[rj + k];
  if (!(s > 0)) return false;
  const ljj = Math.sqrt(s);
  l[rj + j] = ljj;
  let i = j + 1;
  for (; i + 3 < p; i += 4) {
    const r0 = i * p;
    const r1 = r0 + p;
    const r2 = r1 + p;
    const r3 = r2 + p;
    let t0 = a[r0 + j];
    let t1 = a[r1 + j];
    let t2 = a[r2 + j];
    let t3 = a[r3 + j];
    for (let k = 0; k < j; k++) {
      const x = l[rj + k];
      t0 -= l[r0 + k] * x;
      t1 -= l[r1 + k] * x;
      t2 -= l[r2 + k] * x;
      t3 -= l[r3 + k] * x;
    }
    l[r0 + j] = t0 / ljj;
    l[r1 + j] = t1 / ljj;
    l[r2 + j] = t2 / ljj;
    l[r3 + j] = t3 / ljj;
  }
  for (; i < p; i++) {
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

/**
 * choleskyInverse as steps: a pause after a column of L⁻¹ or a row of the product when one is due.
 * M = L⁻¹ is kept transposed (row j of mt is column j of M), so that both loops read memory in order:
 * the same sums in the same order as with M itself (the same doubles), the inverse of a 100×100
 * matrix ~10% faster (best of 300: 0.31 → 0.29 ms, 2026-12-06).
 */
export function* choleskyInverseSteps(l: Float64Array, p: number): Steps<Float64Array> {
  // A⁻¹ = Mᵀ·M with M = L⁻¹ (lower triangular).
  const mt = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    inverseColumn(l, mt, j, p);
    if (pauseDue(p * p)) yield;
  }
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    // Row i (and by symmetry column i), entries j ≤ i: Σ over k ≥ i of M[k][i]·M[k][j], the dot
    // products of rows i and j of mt, in the order of k.
    rowDots(mt, i * p, mt, 0, p, 0, i + 1, i, inv, i * p, 1);
    for (let j = 0; j < i; j++) inv[j * p + i] = inv[i * p + j];
    if (pauseDue(p * p)) yield;
  }
  return inv;
}

/** Column j of M = L⁻¹, written as row j of mt. */
function inverseColumn(l: Float64Array, mt: Float64Array, j: number, p: number): void {
  const rj = j * p;
  mt[rj + j] = 1 / l[rj + j];
  for (let i = j + 1; i < p; i++) {
    const ri = i * p;
    let s = 0;
    for (let k = j; k < i; k++) s -= l[ri + k] * mt[rj + k];
    mt[rj + i] = s / l[ri + i];
  }
}
