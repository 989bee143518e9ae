import { cholesky, choleskySolve } from '../numeric/cholesky';
import { normalCdf, normalPdf } from '../numeric/normalDistribution';
import type { Rng } from '../numeric/rng';
import { empiricalEstimate } from './empiricalEstimate';
import { modelCdf, type MarkovCopulaModel } from './markovCopulaModel';
import type { SplitData } from './prepareCascadeData';
import { infill } from './rationalTuning';
import type { FrontierPoint, RunControl } from './types';

export interface BayesOptOptions extends RunControl {
  train: SplitData;
  /** Used only for the box (φmin, φmax) and the infill's probability-mass gaps, as for RT. */
  model: MarkovCopulaModel;
  cascade: number[];
  rng: Rng;
  r?: number;
  infillMass?: number;
  /** Objective evaluations per λ (default 30). */
  budget?: number;
}

const LENGTHS = [0.08, 0.16, 0.32, 0.64];

/** Gaussian-process posterior (RBF kernel on the unit box, standardised y) at the data. */
function fitGp(X: Float64Array[], y: number[]): { predict: (x: Float64Array) => [number, number] } | null {
  const n = X.length;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / n) || 1;
  const ys = Float64Array.from(y, (v) => (v - mean) / sd);
  const d2 = (a: Float64Array, b: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
    return s;
  };
  let best: { ll: number; len: number; L: Float64Array; alpha: Float64Array } | null = null;
  for (const len of LENGTHS) {
    const K = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) K[i * n + j] = Math.exp(-d2(X[i], X[j]) / (2 * len * len)) + (i === j ? 1e-6 : 0);
    const L = cholesky(K, n);
    if (!L) continue;
    const alpha = choleskySolve(L, n, ys, new Float64Array(n));
    let ll = 0;
    for (let i = 0; i < n; i++) ll += -0.5 * ys[i] * alpha[i] - Math.log(L[i * n + i]);
    if (!best || ll > best.ll) best = { ll, len, L, alpha };
  }
  if (!best) return null;
  const { len, L, alpha } = best;
  const kx = new Float64Array(n);
  const v = new Float64Array(n);
  return {
    predict(x) {
      for (let i = 0; i < n; i++) kx[i] = Math.exp(-d2(x, X[i]) / (2 * len * len));
      let mu = 0;
      for (let i = 0; i < n; i++) mu += kx[i] * alpha[i];
      choleskySolve(L, n, kx, v);
      let q = 0;
      for (let i = 0; i < n; i++) q += kx[i] * v[i];
      return [mean + sd * mu, sd * Math.sqrt(Math.max(1e-12, 1 + 1e-6 - q))];
    },
  };
}

/**
 * The Bayesian-optimisation baseline of thesis §2.4: for each λ of the same sweep as Rational
 * Tuning, minimise the training-data estimate of (1 − P(correct)) + λ·E[cost] with a Gaussian-process
 * surrogate (RBF kernel, length scale by marginal likelihood) and expected improvement, maximised
 * over random and local candidates; stop when the best value has not improved by 1e-5 over four
 * evaluations (the thesis ran HEBO with four suggestions per round to the same tolerance) or the
 * budget is spent. Then the same infill (eq. 2.13).
 */
export function bayesianOptimization(opts: BayesOptOptions): { points: FrontierPoint[]; evaluations: number; warnings: string[] } {
  const { train, model, cascade, rng } = opts;
  const k = cascade.length;
  const d = k - 1;
  const r = opts.r ?? 1;
  const budget = opts.budget ?? 30;
  const lo = cascade.slice(0, -1).map((m) => model.marginals[m].phiMin + Math.min(1e-3, 0.25 * (model.marginals[m].phiMax - model.marginals[m].phiMin)));
  const hi = cascade.slice(0, -1).map((m) => model.marginals[m].phiMax - Math.min(1e-3, 0.25 * (model.marginals[m].phiMax - model.marginals[m].phiMin)));
  const toT = (u: Float64Array): number[] => Array.from(u, (v, i) => lo[i] + v * (hi[i] - lo[i]));
  const fullCost = cascade.reduce((s, m) => s + train.meanCost[m], 0);
  const firstCost = train.meanCost[cascade[0]];
  const scale = fullCost > 0 ? fullCost : 1;
  const stopCost = firstCost + 0.01 * (fullCost - firstCost);
  let evaluations = 0;
  const point = (t: number[], lambda: number | null): FrontierPoint => {
    const e = empiricalEstimate(train, cascade, t);
    return { thresholds: t, expectedCost: e.expectedCost, expectedError: 1 - e.pCorrect, expectedShares: e.shares, lambda, testCost: null, testError: null, testShares: null };
  };
  const points: FrontierPoint[] = [];
  for (let step = 0; step < 80; step++) {
    opts.signal?.throwIfAborted();
    const lambda = step === 0 ? 0 : 1e-4 * Math.pow(1 + r, step - 1);
    const f = (u: Float64Array): number => {
      evaluations++;
      const e = empiricalEstimate(train, cascade, toT(u));
      return 1 - e.pCorrect + (lambda * e.expectedCost) / scale;
    };
    const X: Float64Array[] = [new Float64Array(d).fill(0.5)];
    for (let i = 0; i < 3; i++) X.push(Float64Array.from({ length: d }, () => rng.uniform()));
    const y = X.map(f);
    let stall = 0;
    while (X.length < budget && stall < 4) {
      const gp = fitGp(X, y);
      if (!gp) break;
      let bestI = 0;
      for (let i = 1; i < y.length; i++) if (y[i] < y[bestI]) bestI = i;
      const yBest = y[bestI];
      let cand: Float64Array | null = null;
      let candEi = -Infinity;
      for (let c = 0; c < 256; c++) {
        const u = c < 128 ? Float64Array.from({ length: d }, () => rng.uniform()) : Float64Array.from(X[bestI], (v) => Math.min(1, Math.max(0, v + 0.05 * (rng.uniform() - 0.5))));
        const [mu, s] = gp.predict(u);
        const z = (yBest - mu) / s;
        const ei = (yBest - mu) * normalCdf(z) + s * normalPdf(z);
        if (ei > candEi) {
          candEi = ei;
          cand = u;
        }
      }
      const v = f(cand!);
      stall = v < yBest - 1e-5 ? 0 : stall + 1;
      X.push(cand!);
      y.push(v);
    }
    let bestI = 0;
    for (let i = 1; i < y.length; i++) if (y[i] < y[bestI]) bestI = i;
    const p = point(toT(X[bestI]), lambda);
    points.push(p);
    opts.onProgress?.(Math.min(0.9, step / 40));
    if (p.expectedCost <= stopCost) break;
  }
  points.sort((a, b) => b.expectedCost - a.expectedCost);
  const filled = infill(points, (a, b) => {
    let worst = 0;
    for (let i = 0; i < d; i++) worst = Math.max(worst, Math.abs(modelCdf(model, cascade[i], a[i]) - modelCdf(model, cascade[i], b[i])));
    return worst;
  }, opts.infillMass ?? 0.1, (t) => point(t, null));
  opts.onProgress?.(1);
  return { points: filled, evaluations, warnings: [] };
}
