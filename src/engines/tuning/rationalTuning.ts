import { boundedLbfgs } from '../numeric/boundedLbfgs';
import { evaluateCascade } from './evaluateCascade';
import { modelCdf, type MarkovCopulaModel } from './markovCopulaModel';
import type { FrontierPoint, RunControl } from './types';

export interface RationalTuningOptions extends RunControl {
  model: MarkovCopulaModel;
  /** Indices into model.models, in cascade order (length ≥ 2). */
  cascade: number[];
  /** λ growth rate r of eq. 2.12 (default 1, i.e. doubling; the thesis suggests 0.25–1). */
  r?: number;
  /** Largest probability mass a threshold may jump between neighbouring points (q of eq. 2.13; default 0.1). */
  infillMass?: number;
  /** Distance kept from φmin and φmax (default 1e-3, in calibrated-confidence units). */
  margin?: number;
}

export interface RationalTuningResult {
  points: FrontierPoint[];
  evaluations: number;
  optimizerRuns: number;
  /** Cost sensitivities λ solved (one L-BFGS run each). */
  lambdas: number;
  warnings: string[];
}

/**
 * Rational Tuning (thesis §2.3): for a growing cost sensitivity λ (λ ← (1 + r)λ, eq. 2.12, from 0
 * and a tiny value, with cost measured relative to running every model), minimise
 * (1 − P(correct)) + λ·E[cost] (eq. 2.11) with bounded L-BFGS inside (φmin, φmax), each time
 * started from the centre of the box (a warm start from the previous λ lets the optimiser follow a
 * branch where a middle model's threshold sits at φmax, where the Markov step forgets the earlier
 * models' deferral and the model is too optimistic; on MMLU that costs 0.005 test AUC); stop once the expected cost is within 1% of the
 * range above the first model's cost, or every threshold sits at its lower bound. Then infill midpoints (eq. 2.13) until no threshold moves by
 * more than probability mass q between neighbours. Every point has model-predicted error and cost.
 */
export function rationalTuning(opts: RationalTuningOptions): RationalTuningResult {
  const { model, cascade } = opts;
  const k = cascade.length;
  const r = opts.r ?? 1;
  const q = opts.infillMass ?? 0.1;
  const margin = opts.margin ?? 1e-3;
  const warnings: string[] = [];
  const lo = new Float64Array(k - 1);
  const hi = new Float64Array(k - 1);
  for (let i = 0; i < k - 1; i++) {
    const mg = model.marginals[cascade[i]];
    const eps = Math.min(margin, 0.25 * (mg.phiMax - mg.phiMin));
    lo[i] = mg.phiMin + eps;
    hi[i] = mg.phiMax - eps;
  }
  const fullCost = cascade.reduce((s, m) => s + model.cost[m], 0);
  const firstCost = model.cost[cascade[0]];
  const scale = fullCost > 0 ? fullCost : 1;
  let evaluations = 0;
  let runs = 0;
  const shares = new Float64Array(k);
  const point = (t: ArrayLike<number>, lambda: number | null): FrontierPoint => {
    const e = evaluateCascade(model, cascade, t, shares);
    return {
      thresholds: Array.from(t),
      expectedCost: e.expectedCost,
      expectedError: 1 - e.pCorrect,
      expectedShares: Array.from(shares),
      lambda,
      testCost: null,
      testError: null,
      testShares: null,
    };
  };
  const solve = (lambda: number, start: Float64Array): Float64Array<ArrayBufferLike> => {
    const f = (x: Float64Array): number => {
      evaluations++;
      const e = evaluateCascade(model, cascade, x);
      return 1 - e.pCorrect + (lambda * e.expectedCost) / scale;
    };
    runs++;
    return boundedLbfgs({ f, x0: start, lo, hi, maxIterations: 200, gradTol: 1e-9, fdStep: 1e-5 }).x;
  };
  const centre = Float64Array.from(lo, (l, i) => 0.5 * (l + hi[i]));
  const points: FrontierPoint[] = [];
  const lambdas = [0, 1e-4];
  const stopCost = firstCost + 0.01 * (fullCost - firstCost);
  const maxSteps = 80;
  for (let step = 0; step < maxSteps; step++) {
    opts.signal?.throwIfAborted();
    const lambda =
      step < lambdas.length ? lambdas[step] : lambdas[lambdas.length - 1] * Math.pow(1 + r, step - lambdas.length + 1);
    const best = solve(lambda, centre);
    const p = point(best, lambda);
    points.push(p);
    opts.onProgress?.(Math.min(0.8, 0.8 * (step / 40)));
    if (p.expectedCost <= stopCost) break;
    // Every threshold at its lower bound: the cheapest setting there is (with few training queries
    // the point mass at φmin, one query in n, keeps the cost above the 1% mark); larger λ repeat it.
    if (best.every((v, i) => v <= lo[i])) break;
    if (step === maxSteps - 1) warnings.push('the λ sweep stopped before reaching the first model’s cost');
  }
  const filled = infill(
    points,
    (a, b) => {
      let worst = 0;
      for (let i = 0; i < k - 1; i++)
        worst = Math.max(worst, Math.abs(modelCdf(model, cascade[i], a[i]) - modelCdf(model, cascade[i], b[i])));
      return worst;
    },
    q,
    (t) => point(t, null),
  );
  opts.onProgress?.(1);
  return { points: filled, evaluations, optimizerRuns: runs, lambdas: points.length, warnings };
}

/**
 * Adaptive infill (eq. 2.13): while two neighbouring points' thresholds differ by more than
 * probability mass q (as measured by `gap`), insert their midpoint. Capped at 4,000 points.
 */
export function infill(
  points: FrontierPoint[],
  gap: (a: number[], b: number[]) => number,
  q: number,
  make: (t: number[]) => FrontierPoint,
): FrontierPoint[] {
  const out = [...points];
  let i = 0;
  while (i < out.length - 1 && out.length < 4000) {
    const a = out[i].thresholds;
    const b = out[i + 1].thresholds;
    if (gap(a, b) > q) out.splice(i + 1, 0, make(a.map((v, j) => 0.5 * (v + b[j]))));
    else i++;
  }
  return out;
}
