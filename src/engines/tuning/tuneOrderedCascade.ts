import { Rng } from '../numeric/rng';
import { bayesianOptimization } from './bayesianOptimization';
import { bootstrapBand, type BootstrapBand } from './bootstrapBand';
import { errorCostAuc, sharedCostInterval, type CurvePoint } from './errorCostAuc';
import { gridSearch } from './gridSearch';
import type { MarkovCopulaModel } from './markovCopulaModel';
import type { CascadeData } from './prepareCascadeData';
import { rationalTuning } from './rationalTuning';
import { scoreOnTest } from './scoreOnTest';
import type { FrontierPoint, RunControl, TuneMethod, TuningSettings } from './types';

/** One method's frontier for one ordered cascade. */
export interface MethodFrontier {
  method: TuneMethod;
  /** Sorted by expected cost. */
  points: FrontierPoint[];
  /** Wall-clock seconds of the search (scoring excluded). */
  seconds: number;
  /**
   * Objective evaluations the search spent: Rational Tuning, evaluations of the Markov-copula model
   * by L-BFGS; grid search, candidates scored on the training data; Bayesian optimisation,
   * training-data evaluations (4 per round, thesis §2.4).
   */
  evaluations: number;
  /** Cost sensitivities λ solved (RT and BO; null for the grid). */
  lambdas: number | null;
  /** Mean test error over the cost interval shared by the RT and grid test curves (null: none). */
  auc: number | null;
  band: BootstrapBand | null;
  warnings: string[];
}

export interface OrderedCascadeOptions extends RunControl, TuningSettings {
  data: CascadeData;
  model: MarkovCopulaModel;
  cascade: number[];
  methods: TuneMethod[];
}

export interface OrderedCascadeResult {
  methods: Partial<Record<TuneMethod, MethodFrontier>>;
  /**
   * The test cost interval of the AUCs ($ per query): the range the Rational Tuning and grid-search
   * test curves share (the paper's definition, docs/eval-log-format.md), whichever methods were
   * asked for — RT and the grid are run for it when they were not — so a method's AUC does not
   * depend on the other methods of the call.
   */
  aucInterval: [number, number] | null;
}

/** The methods whose test curves define the AUC interval. */
export const AUC_INTERVAL_METHODS: readonly TuneMethod[] = ['rt', 'grid'];

/** Runs one method's search (no scoring). */
function search(
  method: TuneMethod,
  opts: OrderedCascadeOptions,
  onProgress: (f: number) => void,
): Omit<MethodFrontier, 'auc' | 'band' | 'seconds' | 'method'> {
  const { data, model, cascade } = opts;
  if (method === 'rt') {
    const r = rationalTuning({
      model,
      cascade,
      r: opts.r,
      infillMass: opts.infillMass,
      signal: opts.signal,
      onProgress,
    });
    return { points: r.points, evaluations: r.evaluations, lambdas: r.lambdas, warnings: r.warnings };
  }
  if (method === 'grid') {
    const r = gridSearch({ train: data.train, cascade, step: opts.gridStep, signal: opts.signal, onProgress });
    return { points: r.points, evaluations: r.candidates, lambdas: null, warnings: [] };
  }
  const r = bayesianOptimization({
    train: data.train,
    model,
    cascade,
    rng: new Rng(opts.seed ?? 1),
    r: opts.r,
    infillMass: opts.infillMass,
    signal: opts.signal,
    onProgress,
  });
  return { points: r.points, evaluations: r.evaluations, lambdas: r.lambdas, warnings: r.warnings };
}

/** Runs the chosen methods on one ordered cascade (k ≥ 2), scores them on the test split, AUCs. */
export function tuneOrderedCascade(opts: OrderedCascadeOptions): OrderedCascadeResult {
  const { data, cascade } = opts;
  const hasTest = data.test.queryIds.length > 0;
  const out: Partial<Record<TuneMethod, MethodFrontier>> = {};
  // RT and the grid always run (when there are test data and AUCs are wanted): they define the AUC interval.
  const wantAuc = hasTest && (opts.auc ?? true);
  const extra = wantAuc ? AUC_INTERVAL_METHODS.filter((m) => !opts.methods.includes(m)) : [];
  const all = [...opts.methods, ...extra];
  const frontiers = new Map<TuneMethod, MethodFrontier>();
  all.forEach((method, idx) => {
    const sub = (f: number): void => opts.onProgress?.((idx + f) / all.length);
    const started = performance.now();
    const found = search(method, opts, sub);
    const seconds = (performance.now() - started) / 1000;
    const points = found.points;
    if (hasTest) {
      for (const p of points) {
        const s = scoreOnTest(data.test, cascade, p.thresholds, opts.costMode);
        p.testCost = s.cost;
        p.testError = s.error;
        p.testShares = s.shares;
      }
    }
    points.sort((a, b) => a.expectedCost - b.expectedCost);
    const B = opts.bootstrap ?? 200;
    const requested = opts.methods.includes(method);
    const band =
      requested && hasTest && B > 0
        ? bootstrapBand(data.test, cascade, points, new Rng((opts.seed ?? 1) + 7919), B, 0.9, opts.costMode)
        : null;
    frontiers.set(method, { method, ...found, points, seconds, auc: null, band });
  });
  const testCurve = (m: MethodFrontier): CurvePoint[] =>
    m.points.filter((p) => p.testCost !== null).map((p) => ({ cost: p.testCost!, error: p.testError! }));
  const interval = wantAuc ? sharedCostInterval(AUC_INTERVAL_METHODS.map((m) => testCurve(frontiers.get(m)!))) : null;
  for (const method of opts.methods) {
    const m = frontiers.get(method)!;
    if (interval) m.auc = errorCostAuc(testCurve(m), interval[0], interval[1]);
    out[method] = m;
  }
  return { methods: out, aucInterval: interval };
}
