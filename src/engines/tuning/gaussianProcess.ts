import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/** Posterior mean and standard deviation of a fitted Gaussian process at a point. */
export interface GpPosterior {
  predict(x: Float64Array): [mean: number, sd: number];
}

const LENGTHS = [0.08, 0.16, 0.32, 0.64];
/** Noise variances relative to the standardised outputs (HEBO's GP keeps at least 8e-4). */
const NOISES = [1e-3, 1e-2];
/** Per-dimension length-scale factors tried after the isotropic fit (automatic relevance determination). */
const ARD_FACTORS = [0.5, 2, 4];

/** Yeo–Johnson transform of v with parameter λ. */
function yeoJohnson(v: number, lambda: number): number {
  if (v >= 0) return Math.abs(lambda) < 1e-9 ? Math.log1p(v) : (Math.pow(1 + v, lambda) - 1) / lambda;
  return Math.abs(lambda - 2) < 1e-9 ? -Math.log1p(-v) : -(Math.pow(1 - v, 2 - lambda) - 1) / (2 - lambda);
}

/**
 * Outputs made Gaussian-looking as HEBO does before fitting (scikit-learn's `power_transform`):
 * divide by the standard deviation, Yeo–Johnson with λ ∈ [−2, 4] by maximum likelihood (golden
 * section), standardise. The transform is monotone, so the minimiser is unchanged.
 */
function powerTransform(y: readonly number[]): Float64Array {
  const n = y.length;
  const m0 = y.reduce((a, b) => a + b, 0) / n;
  const sd0 = Math.sqrt(y.reduce((a, b) => a + (b - m0) ** 2, 0) / n) || 1;
  const x = y.map((v) => v / sd0);
  const logLik = (lambda: number): number => {
    const t = x.map((v) => yeoJohnson(v, lambda));
    const m = t.reduce((a, b) => a + b, 0) / n;
    const variance = t.reduce((a, b) => a + (b - m) ** 2, 0) / n;
    if (!(variance > 0)) return -Infinity;
    let jac = 0;
    for (const v of x) jac += Math.sign(v) * Math.log1p(Math.abs(v));
    return -0.5 * n * Math.log(variance) + (lambda - 1) * jac;
  };
  let a = -2;
  let b = 4;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 40; it++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (logLik(c) >= logLik(d)) b = d;
    else a = c;
  }
  const t = x.map((v) => yeoJohnson(v, 0.5 * (a + b)));
  const m = t.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(t.reduce((s, v) => s + (v - m) ** 2, 0) / n);
  return Float64Array.from(t, (v) => (sd > 0 ? (v - m) / sd : 0));
}

interface Fit {
  ll: number;
  lengths: Float64Array;
  noise: number;
  chol: CholeskyDecomposition;
}

function kernel(a: Float64Array, b: Float64Array, lengths: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] - b[i]) / lengths[i]) ** 2;
  return Math.exp(-0.5 * s);
}

/**
 * The kernel matrix K + noise·I factorised by ml-matrix's Cholesky decomposition, and the log
 * marginal likelihood −½ yᵀK⁻¹y − ½ ln det K (constant dropped). Null when K is not positive definite.
 */
function fitWith(X: readonly Float64Array[], ys: Float64Array, lengths: Float64Array, noise: number): Fit | null {
  const n = X.length;
  const K = new Matrix(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const k = kernel(X[i], X[j], lengths) + (i === j ? noise : 0);
      K.set(i, j, k);
      K.set(j, i, k);
    }
  const chol = new CholeskyDecomposition(K);
  if (!chol.isPositiveDefinite()) return null;
  const alpha = chol.solve(Matrix.columnVector(ys)).getColumn(0);
  const L = chol.lowerTriangularMatrix;
  let ll = 0;
  for (let i = 0; i < n; i++) ll += -0.5 * ys[i] * alpha[i] - Math.log(L.get(i, i));
  return { ll, lengths, noise, chol };
}

/** A row-major Float64Array copy of an ml-matrix matrix, for the prediction loops. */
function toRowMajor(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows * m.columns);
  for (let i = 0; i < m.rows; i++) out.set(m.getRow(i), i * m.columns);
  return out;
}

/**
 * Gaussian-process regression on the unit box for the Bayesian-optimisation baseline, after HEBO's
 * recipe where it is cheap: power-transformed outputs, an RBF kernel whose length scale and noise
 * are chosen by marginal likelihood from a small grid, then refined per dimension (ARD) by trying
 * a few factors. Predictions are on the transformed scale (only their order matters to the
 * acquisition). Null when no kernel matrix could be factorised.
 */
export function fitGaussianProcess(X: readonly Float64Array[], y: readonly number[]): GpPosterior | null {
  const n = X.length;
  if (n === 0) return null;
  const d = X[0].length;
  const ys = powerTransform(y);
  let best: Fit | null = null;
  for (const len of LENGTHS)
    for (const noise of NOISES) {
      const f = fitWith(X, ys, new Float64Array(d).fill(len), noise);
      if (f && (!best || f.ll > best.ll)) best = f;
    }
  if (!best) return null;
  if (d > 1)
    for (let j = 0; j < d; j++)
      for (const factor of ARD_FACTORS) {
        const lengths = Float64Array.from(best.lengths);
        lengths[j] *= factor;
        const f = fitWith(X, ys, lengths, best.noise);
        if (f && f.ll > best.ll) best = f;
      }
  const { lengths, noise, chol } = best;
  // K⁻¹y and K⁻¹ once, by ml-matrix's Cholesky solves; each prediction is then a dot product and a
  // quadratic form kᵀK⁻¹k (n² multiply-adds, as many as the two triangular solves it replaces).
  const alpha = Float64Array.from(chol.solve(Matrix.columnVector(ys)).getColumn(0));
  const kInv = toRowMajor(chol.solve(Matrix.eye(n, n)));
  const kx = new Float64Array(n);
  return {
    predict(x) {
      for (let i = 0; i < n; i++) kx[i] = kernel(x, X[i], lengths);
      let mu = 0;
      let q = 0;
      for (let i = 0; i < n; i++) {
        mu += kx[i] * alpha[i];
        let row = 0;
        for (let j = 0; j < n; j++) row += kInv[i * n + j] * kx[j];
        q += kx[i] * row;
      }
      return [mu, Math.sqrt(Math.max(1e-12, 1 + noise - q))];
    },
  };
}
