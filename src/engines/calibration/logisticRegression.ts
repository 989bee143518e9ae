import { cholesky, choleskyInverse, choleskySolve } from '../numeric/cholesky';
import { normalSf } from '../numeric/normalDistribution';

export interface LogisticFit {
  /** Intercept first, then one coefficient per predictor column. */
  coefficients: number[];
  /** From the inverse observed information (X'WX)⁻¹ at the optimum; null when it is singular. */
  standardErrors: (number | null)[];
  /** Two-sided Wald p-values 2·(1 − Φ(|β/se|)); null where the standard error is. */
  pValues: (number | null)[];
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  warnings: string[];
}

export interface LogisticOptions {
  /** Predictor columns (each of length n); an intercept is added. */
  columns: ArrayLike<number>[];
  /** 0/1 outcomes. */
  y: ArrayLike<number>;
  maxIterations?: number;
}

function logistic(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * Maximum-likelihood logistic regression P(y = 1 | x) = σ(β₀ + Σ βⱼ xⱼ) by Newton–Raphson (=
 * iteratively reweighted least squares) with step halving, the calibrator of thesis §2.4 (eq. 2.3)
 * and the Markov-predictor regressions of Table 2.3. Returns standard errors and Wald p-values.
 * Perfectly separated data has no finite maximum: the fit stops and says so in `warnings`.
 */
export function logisticRegression(opts: LogisticOptions): LogisticFit {
  const p = opts.columns.length + 1;
  const n = opts.y.length;
  const maxIt = opts.maxIterations ?? 100;
  const beta = new Float64Array(p);
  const warnings: string[] = [];
  const xAt = (i: number, j: number): number => (j === 0 ? 1 : opts.columns[j - 1][i]);
  const logLik = (b: Float64Array): number => {
    let ll = 0;
    for (let i = 0; i < n; i++) {
      let eta = b[0];
      for (let j = 1; j < p; j++) eta += b[j] * xAt(i, j);
      ll += opts.y[i] ? -softplus(-eta) : -softplus(eta);
    }
    return ll;
  };
  const H = new Float64Array(p * p);
  const grad = new Float64Array(p);
  const step = new Float64Array(p);
  const trial = new Float64Array(p);
  let ll = logLik(beta);
  let converged = false;
  let it = 0;
  let L: Float64Array | null = null;
  const buildHessian = (): void => {
    H.fill(0);
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      let eta = beta[0];
      for (let j = 1; j < p; j++) eta += beta[j] * xAt(i, j);
      const mu = logistic(eta);
      const w = mu * (1 - mu);
      const r = (opts.y[i] ? 1 : 0) - mu;
      for (let a = 0; a < p; a++) {
        const xa = xAt(i, a);
        grad[a] += r * xa;
        for (let b = 0; b <= a; b++) H[a * p + b] += w * xa * xAt(i, b);
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) H[b * p + a] = H[a * p + b];
  };
  for (; it < maxIt; it++) {
    buildHessian();
    L = cholesky(H, p);
    if (!L) {
      warnings.push('the information matrix is singular (a predictor is constant or the outcomes are separated)');
      break;
    }
    choleskySolve(L, p, grad, step);
    let t = 1;
    let llNew = ll;
    for (let h = 0; h < 30; h++) {
      for (let j = 0; j < p; j++) trial[j] = beta[j] + t * step[j];
      llNew = logLik(trial);
      if (llNew >= ll - 1e-12) break;
      t *= 0.5;
    }
    let change = 0;
    for (let j = 0; j < p; j++) change = Math.max(change, Math.abs(trial[j] - beta[j]) / (1 + Math.abs(beta[j])));
    beta.set(trial);
    const gain = llNew - ll;
    ll = llNew;
    if (change < 1e-10 || Math.abs(gain) < 1e-13 * (1 + Math.abs(ll))) {
      converged = true;
      it++;
      break;
    }
  }
  let large = false;
  for (let j = 0; j < p; j++) if (Math.abs(beta[j]) > 50) large = true;
  if (large && ll > -1e-6 * n)
    warnings.push(
      'the outcomes are (nearly) perfectly separated by the predictors: the coefficients grow without bound',
    );
  if (!converged && !warnings.length) warnings.push(`Newton iterations did not converge in ${maxIt} steps`);
  buildHessian();
  L = cholesky(H, p);
  const inv = L ? choleskyInverse(L, p) : null;
  const standardErrors: (number | null)[] = [];
  const pValues: (number | null)[] = [];
  for (let j = 0; j < p; j++) {
    const v = inv ? inv[j * p + j] : Number.NaN;
    if (v > 0 && Number.isFinite(v)) {
      const se = Math.sqrt(v);
      standardErrors.push(se);
      pValues.push(Math.min(1, 2 * normalSf(Math.abs(beta[j] / se))));
    } else {
      standardErrors.push(null);
      pValues.push(null);
    }
  }
  return {
    coefficients: Array.from(beta),
    standardErrors,
    pValues,
    logLikelihood: ll,
    iterations: it,
    converged,
    warnings,
  };
}

/** σ(β₀ + β₁x): a fitted single-predictor logistic curve at x. */
export function logisticPredict(intercept: number, slope: number, x: number): number {
  return logistic(intercept + slope * x);
}
