import { CholeskyDecomposition, Matrix } from 'ml-matrix';
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

/** The data of a fit: intercept column first. */
interface Design {
  p: number;
  n: number;
  xAt(i: number, j: number): number;
  y: ArrayLike<number>;
}

function logLikelihood(d: Design, b: Float64Array): number {
  let ll = 0;
  for (let i = 0; i < d.n; i++) {
    let eta = b[0];
    for (let j = 1; j < d.p; j++) eta += b[j] * d.xAt(i, j);
    ll += d.y[i] ? -softplus(-eta) : -softplus(eta);
  }
  return ll;
}

/** The observed information X'WX at β (an ml-matrix matrix) and the score X'(y − μ). */
function informationAndScore(d: Design, beta: Float64Array): { info: Matrix; score: Matrix } {
  const { p, n, xAt } = d;
  const h = new Float64Array(p * p);
  const grad = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    let eta = beta[0];
    for (let j = 1; j < p; j++) eta += beta[j] * xAt(i, j);
    const mu = logistic(eta);
    const w = mu * (1 - mu);
    const r = (d.y[i] ? 1 : 0) - mu;
    for (let a = 0; a < p; a++) {
      const xa = xAt(i, a);
      grad[a] += r * xa;
      for (let b = 0; b <= a; b++) h[a * p + b] += w * xa * xAt(i, b);
    }
  }
  const info = new Matrix(p, p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b <= a; b++) {
      info.set(a, b, h[a * p + b]);
      info.set(b, a, h[a * p + b]);
    }
  return { info, score: Matrix.columnVector(grad) };
}

/**
 * The information matrix's Cholesky decomposition by ml-matrix (p is the number of coefficients, a
 * handful, so a library call costs microseconds); null when it is not positive definite.
 */
function factorInformation(info: Matrix): CholeskyDecomposition | null {
  const chol = new CholeskyDecomposition(info);
  return chol.isPositiveDefinite() ? chol : null;
}

/** Newton–Raphson with step halving from β = 0; updates `beta` in place. */
function newtonIterations(
  d: Design,
  beta: Float64Array,
  maxIt: number,
  warnings: string[],
): { ll: number; iterations: number; converged: boolean } {
  const trial = new Float64Array(d.p);
  let ll = logLikelihood(d, beta);
  for (let it = 0; it < maxIt; it++) {
    const { info, score } = informationAndScore(d, beta);
    const chol = factorInformation(info);
    if (!chol) {
      warnings.push('the information matrix is singular (a predictor is constant or the outcomes are separated)');
      return { ll, iterations: it, converged: false };
    }
    const step = chol.solve(score).getColumn(0);
    let t = 1;
    let llNew = ll;
    for (let h = 0; h < 30; h++) {
      for (let j = 0; j < d.p; j++) trial[j] = beta[j] + t * step[j];
      llNew = logLikelihood(d, trial);
      if (llNew >= ll - 1e-12) break;
      t *= 0.5;
    }
    let change = 0;
    for (let j = 0; j < d.p; j++) change = Math.max(change, Math.abs(trial[j] - beta[j]) / (1 + Math.abs(beta[j])));
    beta.set(trial);
    const gain = llNew - ll;
    ll = llNew;
    if (change < 1e-10 || Math.abs(gain) < 1e-13 * (1 + Math.abs(ll)))
      return { ll, iterations: it + 1, converged: true };
  }
  return { ll, iterations: maxIt, converged: false };
}

/** Standard errors from the diagonal of the inverse information at β, and two-sided Wald p-values. */
function waldStatistics(
  d: Design,
  beta: Float64Array,
): { standardErrors: (number | null)[]; pValues: (number | null)[] } {
  const chol = factorInformation(informationAndScore(d, beta).info);
  const inv = chol ? chol.solve(Matrix.eye(d.p, d.p)) : null;
  const standardErrors: (number | null)[] = [];
  const pValues: (number | null)[] = [];
  for (let j = 0; j < d.p; j++) {
    const v = inv ? inv.get(j, j) : Number.NaN;
    if (v > 0 && Number.isFinite(v)) {
      const se = Math.sqrt(v);
      standardErrors.push(se);
      // The hand-written normalSf keeps full relative precision in the tail (jstat's Φ is off by 3%
      // at z = 8), and the CLI prints these p-values in exponent form.
      pValues.push(Math.min(1, 2 * normalSf(Math.abs(beta[j] / se))));
    } else {
      standardErrors.push(null);
      pValues.push(null);
    }
  }
  return { standardErrors, pValues };
}

/**
 * Maximum-likelihood logistic regression P(y = 1 | x) = σ(β₀ + Σ βⱼ xⱼ) by Newton–Raphson (=
 * iteratively reweighted least squares) with step halving, the calibrator of thesis §2.4 (eq. 2.3)
 * and the Markov-predictor regressions of Table 2.3. Returns standard errors and Wald p-values.
 * Perfectly separated data has no finite maximum: the fit stops and says so in `warnings`.
 */
export function logisticRegression(opts: LogisticOptions): LogisticFit {
  const d: Design = {
    p: opts.columns.length + 1,
    n: opts.y.length,
    xAt: (i, j) => (j === 0 ? 1 : opts.columns[j - 1][i]),
    y: opts.y,
  };
  const maxIt = opts.maxIterations ?? 100;
  const beta = new Float64Array(d.p);
  const warnings: string[] = [];
  const { ll, iterations, converged } = newtonIterations(d, beta, maxIt, warnings);
  let large = false;
  for (let j = 0; j < d.p; j++) if (Math.abs(beta[j]) > 50) large = true;
  if (large && ll > -1e-6 * d.n)
    warnings.push(
      'the outcomes are (nearly) perfectly separated by the predictors: the coefficients grow without bound',
    );
  if (!converged && !warnings.length) warnings.push(`Newton iterations did not converge in ${maxIt} steps`);
  return {
    coefficients: Array.from(beta),
    ...waldStatistics(d, beta),
    logLikelihood: ll,
    iterations,
    converged,
    warnings,
  };
}

/** σ(β₀ + β₁x): a fitted single-predictor logistic curve at x. */
export function logisticPredict(intercept: number, slope: number, x: number): number {
  return logistic(intercept + slope * x);
}
