/**
 * Gaussian mixture with full covariances fitted by expectation–maximisation (Dempster, Laird & Rubin,
 * 1977), with `regCovar` added to every covariance diagonal (as in scikit-learn) so small or
 * degenerate clusters stay positive definite. Stops when the mean log-likelihood improves by less
 * than `tol`. Runs `nInit` times and keeps the highest likelihood. Labels are the most probable
 * component.
 *
 * Initialisation (`init`): 'kmeans' starts from a k-means solution (best of 4 restarts);
 * 'kmeans++' starts from k-means++ seeds alone, each point given to its nearest seed, which is what
 * scikit-learn's `init_params='k-means++'` amounts to (its first M-step puts a component of
 * variance `reg_covar` on each seed, so the first E-step is a nearest-seed assignment). The thesis's
 * EM-GMM column of Table 5.2 matches the second (see docs/synthetic-clusters.md, "Benchmark").
 */
import type { Rng } from '../numeric/rng';
import { cholesky } from '../numeric/cholesky';
import { kMeans, kMeansPlusPlusSeeds, nearestCenterLabels } from './kMeansPlusPlus';

export interface GmmResult {
  labels: Int32Array;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

export interface GmmOptions {
  maxIter?: number;
  tol?: number;
  regCovar?: number;
  nInit?: number;
  /** How the first responsibilities are set (default 'kmeans'). */
  init?: 'kmeans' | 'kmeans++';
}

export function gaussianMixtureEm(rng: Rng, X: Float64Array, p: number, k: number, opts: GmmOptions = {}): GmmResult {
  let best: GmmResult | null = null;
  for (let r = 0; r < (opts.nInit ?? 2); r++) {
    const res = emOnce(rng, X, p, k, opts);
    if (!best || res.logLikelihood > best.logLikelihood) best = res;
  }
  return best!;
}

/** The mixture's current parameters: weights, means, Cholesky factors and log-determinants. */
interface MixtureParams {
  weights: Float64Array;
  means: Float64Array;
  chol: Float64Array[];
  logDet: Float64Array;
}

function emOnce(rng: Rng, X: Float64Array, p: number, k: number, opts: GmmOptions): GmmResult {
  const n = X.length / p;
  const maxIter = opts.maxIter ?? 100;
  const tol = opts.tol ?? 1e-3;
  const reg = opts.regCovar ?? 1e-6;
  const resp = new Float64Array(n * k);
  const start =
    opts.init === 'kmeans++'
      ? nearestCenterLabels(X, p, kMeansPlusPlusSeeds(rng, X, p, k), k)
      : kMeans(rng, X, p, k).labels;
  for (let i = 0; i < n; i++) resp[i * k + start[i]] = 1;
  const params: MixtureParams = {
    weights: new Float64Array(k),
    means: new Float64Array(k * p),
    chol: new Array<Float64Array>(k),
    logDet: new Float64Array(k),
  };
  const y = new Float64Array(p);
  const logp = new Float64Array(k);
  let prevLl = -Infinity;
  let ll = -Infinity;
  let it = 0;
  let converged = false;
  for (; it < maxIter; it++) {
    for (let c = 0; c < k; c++) mStepComponent(X, p, k, resp, c, reg, params);
    ll = eStep(X, p, k, resp, params, y, logp) / n;
    if (Math.abs(ll - prevLl) < tol) {
      converged = true;
      it++;
      break;
    }
    prevLl = ll;
  }
  return { labels: mostProbableLabels(resp, n, k), logLikelihood: ll, iterations: it, converged };
}

/** M step for component `c`: its weight, mean, regularised covariance (as a Cholesky factor) and log-determinant. */
function mStepComponent(
  X: Float64Array,
  p: number,
  k: number,
  resp: Float64Array,
  c: number,
  reg: number,
  params: MixtureParams,
): void {
  const n = X.length / p;
  const { means } = params;
  let nk = 0;
  for (let i = 0; i < n; i++) nk += resp[i * k + c];
  nk = Math.max(nk, 10 * Number.EPSILON);
  params.weights[c] = nk / n;
  for (let d = 0; d < p; d++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += resp[i * k + c] * X[i * p + d];
    means[c * p + d] = s / nk;
  }
  const cov = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const r = resp[i * k + c];
    if (r < 1e-12) continue;
    for (let a = 0; a < p; a++) {
      const da = r * (X[i * p + a] - means[c * p + a]);
      for (let b = 0; b <= a; b++) cov[a * p + b] += da * (X[i * p + b] - means[c * p + b]);
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      cov[a * p + b] /= nk;
      cov[b * p + a] = cov[a * p + b];
    }
    cov[a * p + a] += reg;
  }
  const l = cholesky(cov, p);
  if (!l) throw new Error(`Gaussian mixture: covariance of component ${c} is not positive definite; increase regCovar`);
  params.chol[c] = l;
  let ld = 0;
  for (let a = 0; a < p; a++) ld += 2 * Math.log(l[a * p + a]);
  params.logDet[c] = ld;
}

/** E step: every point's responsibilities (written into `resp`); returns the summed log-likelihood. `y` and `logp` are scratch. */
function eStep(
  X: Float64Array,
  p: number,
  k: number,
  resp: Float64Array,
  params: MixtureParams,
  y: Float64Array,
  logp: Float64Array,
): number {
  const n = X.length / p;
  const { weights, means, chol, logDet } = params;
  let ll = 0;
  for (let i = 0; i < n; i++) {
    let mx = -Infinity;
    for (let c = 0; c < k; c++) {
      const l = chol[c];
      let q = 0;
      for (let a = 0; a < p; a++) {
        let s = X[i * p + a] - means[c * p + a];
        for (let b = 0; b < a; b++) s -= l[a * p + b] * y[b];
        y[a] = s / l[a * p + a];
        q += y[a] * y[a];
      }
      logp[c] = Math.log(weights[c]) - 0.5 * (q + logDet[c] + p * Math.log(2 * Math.PI));
      mx = Math.max(mx, logp[c]);
    }
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(logp[c] - mx);
    const lse = mx + Math.log(s);
    ll += lse;
    for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp(logp[c] - lse);
  }
  return ll;
}

/** Each point's most probable component (the first on ties). */
function mostProbableLabels(resp: Float64Array, n: number, k: number): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (resp[i * k + c] > resp[i * k + best]) best = c;
    labels[i] = best;
  }
  return labels;
}
