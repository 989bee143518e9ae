import { jStat } from 'jstat';
import type { Rng } from '../numeric/rng';
import { empiricalEstimate } from './empiricalEstimate';
import { fitGaussianProcess } from './gaussianProcess';
import { modelCdf, type MarkovCopulaModel } from './markovCopulaModel';
import type { SplitData } from './prepareCascadeData';
import { infill } from './rationalTuning';
import type { FrontierPoint, RunControl } from './types';
import { minOf } from '../../shared/arrays';
import { nonDominated3 } from '../numeric/nonDominated3';

export interface BayesOptOptions extends RunControl {
  train: SplitData;
  /** Used only for the box (φmin, φmax) and the infill's probability-mass gaps, as for RT. */
  model: MarkovCopulaModel;
  cascade: number[];
  rng: Rng;
  r?: number;
  infillMass?: number;
}

/** Suggestions evaluated per round (thesis §2.4: "four parallel suggestions during each iteration"). */
export const BO_BATCH = 4;
/** Rounds per λ at most (the thesis observed 2 to 14 until convergence). */
export const BO_MAX_ROUNDS = 25;
/** Stop when the best loss changed by less than this between successive rounds (thesis: ε = 1e-5). */
const TOLERANCE = 1e-5;
const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19];

/** Radical inverse of i in base b (the Halton sequence). */
function radicalInverse(i: number, b: number): number {
  let f = 1;
  let r = 0;
  while (i > 0) {
    f /= b;
    r += f * (i % b);
    i = Math.floor(i / b);
  }
  return r;
}

/**
 * Space-filling start of an optimiser: a Halton sequence with a random shift (Cranley–Patterson),
 * standing in for HEBO's scrambled Sobol points; `next()` continues the sequence.
 */
function quasiRandom(d: number, rng: Rng): () => Float64Array {
  const shift = Float64Array.from({ length: d }, () => rng.uniform());
  let i = 0;
  return () => {
    i++;
    return Float64Array.from({ length: d }, (_, j) => (radicalInverse(i, PRIMES[j % PRIMES.length]) + shift[j]) % 1);
  };
}

/**
 * One batch of HEBO-style suggestions (Cowen-Rivers et al. 2022, the MACE acquisition): a Gaussian
 * process on the observations; candidates from the whole box and around the incumbent; the Pareto
 * set of (LCB, −log EI, −log PI); from it the point of lowest predicted mean, the point of largest
 * uncertainty and random others, `size` in all (topped up with quasi-random points).
 */
function suggestBatch(
  X: readonly Float64Array[],
  y: readonly number[],
  size: number,
  rng: Rng,
  fill: () => Float64Array,
): Float64Array[] {
  const d = X[0].length;
  const gp = fitGaussianProcess(X, y);
  if (!gp) return Array.from({ length: size }, fill);
  let bestI = 0;
  for (let i = 1; i < y.length; i++) if (y[i] < y[bestI]) bestI = i;
  const [tau] = gp.predict(X[bestI]);
  const rounds = Math.max(1, Math.floor(X.length / size));
  const kappa = Math.sqrt(0.5 * 2 * ((2 + d / 2) * Math.log(rounds) + Math.log((3 * Math.PI * Math.PI) / (3 * 0.01))));
  // Candidates: the whole box, and around the three best observations at three scales (HEBO
  // searches the acquisition with NSGA-II started from the incumbent; this covers the same ground).
  // Plain loops (Float64Array.from with a mapping function takes V8's slow generic path); the same draws in the same order.
  const cands: Float64Array[] = [];
  for (let c = 0; c < 1000; c++) {
    const u = new Float64Array(d);
    for (let j = 0; j < d; j++) u[j] = rng.uniform();
    cands.push(u);
  }
  const leaders = y
    .map((_, i) => i)
    .sort((a, b) => y[a] - y[b])
    .slice(0, 3);
  for (const i of leaders)
    for (const scale of [0.01, 0.05, 0.2])
      for (let c = 0; c < 100; c++) {
        const x = X[i];
        const u = new Float64Array(d);
        for (let j = 0; j < d; j++) u[j] = Math.min(1, Math.max(0, x[j] + scale * rng.normal()));
        cands.push(u);
      }
  const pred = cands.map((u) => gp.predict(u));
  const obj = new Float64Array(3 * pred.length);
  pred.forEach(([mu, s], i) => {
    const z = (tau - 1e-4 - mu) / s;
    // jstat's Φ and φ: within 4.5e-16 (absolute) of the double-precision normalCdf over z ∈ [−40, 40]
    // (test/engines/numeric/jstatAccuracy.test.ts); the acquisition only ranks candidates, and a
    // tail this small is already clamped at 1e-300 below, so absolute accuracy is what counts.
    const pi = jStat.normal.cdf(z, 0, 1);
    const ei = s * (z * pi + jStat.normal.pdf(z, 0, 1));
    obj[3 * i] = mu - kappa * s;
    obj[3 * i + 1] = -Math.log(Math.max(ei, 1e-300));
    obj[3 * i + 2] = -Math.log(Math.max(pi, 1e-300));
  });
  // the candidates no other beats in all three objectives, in increasing order
  const front = nonDominated3(obj);
  for (let i = front.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [front[i], front[j]] = [front[j], front[i]];
  }
  const chosen = front.slice(0, size);
  if (size > 2 && front.length) {
    const bestMean = front.reduce((a, b) => (pred[b][0] < pred[a][0] ? b : a));
    const mostUnsure = front.reduce((a, b) => (pred[b][1] > pred[a][1] ? b : a));
    if (!chosen.includes(mostUnsure)) chosen[0] = mostUnsure;
    if (!chosen.includes(bestMean)) chosen[1] = bestMean;
  }
  const out = chosen.map((i) => cands[i]);
  while (out.length < size) out.push(fill());
  return out;
}

/**
 * The box searched over: each threshold but the last model's, inside its model's confidence range by
 * 1e-3 (or a quarter of the range, when narrower) at both ends.
 */
function searchBox(model: MarkovCopulaModel, cascade: readonly number[]): { lo: number[]; hi: number[] } {
  const lo = cascade
    .slice(0, -1)
    .map(
      (m) => model.marginals[m].phiMin + Math.min(1e-3, 0.25 * (model.marginals[m].phiMax - model.marginals[m].phiMin)),
    );
  const hi = cascade
    .slice(0, -1)
    .map(
      (m) => model.marginals[m].phiMax - Math.min(1e-3, 0.25 * (model.marginals[m].phiMax - model.marginals[m].phiMin)),
    );
  return { lo, hi };
}

/**
 * One BO run on the unit cube of dimension `d`: rounds of {@link BO_BATCH} suggestions (quasi-random
 * until 1 + d points are known, then from the acquisition) until the best value changes by less than
 * the tolerance (at least two rounds, at most {@link BO_MAX_ROUNDS}). Returns the best point seen (the first on ties).
 */
function minimise(f: (u: Float64Array) => number, d: number, rng: Rng): Float64Array {
  const X: Float64Array[] = [];
  const y: number[] = [];
  const fill = quasiRandom(d, rng);
  let previous = Infinity;
  for (let round = 0; round < BO_MAX_ROUNDS; round++) {
    const batch = X.length < 1 + d ? Array.from({ length: BO_BATCH }, fill) : suggestBatch(X, y, BO_BATCH, rng, fill);
    for (const u of batch) {
      X.push(u);
      y.push(f(u));
    }
    const best = minOf(y);
    if (round > 0 && Math.abs(previous - best) < TOLERANCE) break;
    previous = best;
  }
  let bestI = 0;
  for (let i = 1; i < y.length; i++) if (y[i] < y[bestI]) bestI = i;
  return X[bestI];
}

/**
 * The Bayesian-optimisation baseline of thesis §2.4, set up as the thesis ran HEBO: for each λ of
 * the same sweep as Rational Tuning, minimise the training-data estimate of
 * (1 − P(correct)) + λ·E[cost] in rounds of four suggestions — quasi-random while fewer than
 * 1 + (k − 1) points are known (HEBO's default), then a batch from the Gaussian-process MACE
 * acquisition — until the best loss changes by less than 1e-5 between successive rounds (at least
 * two rounds, at most {@link BO_MAX_ROUNDS}). Then the same infill (eq. 2.13) as RT.
 */
export function bayesianOptimization(opts: BayesOptOptions): {
  points: FrontierPoint[];
  evaluations: number;
  lambdas: number;
  warnings: string[];
} {
  const { train, model, cascade, rng } = opts;
  const k = cascade.length;
  const d = k - 1;
  const r = opts.r ?? 1;
  const { lo, hi } = searchBox(model, cascade);
  const toT = (u: Float64Array): number[] => Array.from(u, (v, i) => lo[i] + v * (hi[i] - lo[i]));
  const fullCost = cascade.reduce((s, m) => s + train.meanCost[m], 0);
  const firstCost = train.meanCost[cascade[0]];
  const scale = fullCost > 0 ? fullCost : 1;
  // Stop the sweep within 1% of the first model's cost, or at the cost of the cheapest setting
  // there is (every threshold at its lower bound), whichever is higher (few training queries).
  const stopCost = Math.max(
    firstCost + 0.01 * (fullCost - firstCost),
    empiricalEstimate(train, cascade, lo).expectedCost,
  );
  let evaluations = 0;
  const point = (t: number[], lambda: number | null): FrontierPoint => {
    const e = empiricalEstimate(train, cascade, t);
    return {
      thresholds: t,
      expectedCost: e.expectedCost,
      expectedError: 1 - e.pCorrect,
      expectedShares: e.shares,
      lambda,
      testCost: null,
      testError: null,
      testShares: null,
    };
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
    const p = point(toT(minimise(f, d, rng)), lambda);
    points.push(p);
    opts.onProgress?.(Math.min(0.9, step / 40));
    if (p.expectedCost <= stopCost) break;
  }
  // Infill between consecutive λ (eq. 2.13), which for BO's noisy optima is not cost order.
  const filled = infill(
    points,
    (a, b) => {
      let worst = 0;
      for (let i = 0; i < d; i++)
        worst = Math.max(worst, Math.abs(modelCdf(model, cascade[i], a[i]) - modelCdf(model, cascade[i], b[i])));
      return worst;
    },
    opts.infillMass ?? 0.1,
    (t) => point(t, null),
  );
  opts.onProgress?.(1);
  return { points: filled, evaluations, lambdas: points.length, warnings: [] };
}
