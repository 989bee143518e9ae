/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix stored row-major in a
 * Float64Array (p×p), with triangular solves. Plain loops on typed arrays: this sits in the hot
 * path of the cluster generator (Golub & Van Loan, Matrix Computations, alg. 4.2.1).
 */

/**
 * Returns L (row-major, upper triangle zero), or null when A is not numerically positive definite.
 */
export function cholesky(a: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const rj = j * p;
    let s = a[rj + j];
    for (let k = 0; k < j; k++) s -= l[rj + k] * l[rj + k];
    if (!(s > 0)) return null;
    const ljj = Math.sqrt(s);
    l[rj + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      const ri = i * p;
      let t = a[ri + j];
      for (let k = 0; k < j; k++) t -= l[ri + k] * l[rj + k];
      l[ri + j] = t / ljj;
    }
  }
  return l;
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
  // M = L⁻¹ (lower triangular), then A⁻¹ = Mᵀ·M.
  const m = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    m[j * p + j] = 1 / l[j * p + j];
    for (let i = j + 1; i < p; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * p + k] * m[k * p + j];
      m[i * p + j] = s / l[i * p + i];
    }
  }
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += m[k * p + i] * m[k * p + j];
      inv[i * p + j] = s;
      inv[j * p + i] = s;
    }
  }
  return inv;
}
