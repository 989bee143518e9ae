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
  /** Mean test error over the cost interval shared by all methods run (null: no shared interval). */
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
  /** The shared test cost interval of the AUCs ($ per query). */
  aucInterval: [number, number] | null;
}

/** Runs the chosen methods on one ordered cascade (k ≥ 2), scores them on the test split, AUCs. */
export function tuneOrderedCascade(opts: OrderedCascadeOptions): OrderedCascadeResult {
  const { data, model, cascade } = opts;
  const hasTest = data.test.queryIds.length > 0;
  const out: Partial<Record<TuneMethod, MethodFrontier>> = {};
  const nm = opts.methods.length;
  opts.methods.forEach((method, idx) => {
    const sub = (f: number): void => opts.onProgress?.((idx + f) / nm);
    const started = performance.now();
    let points: FrontierPoint[];
    let warnings: string[] = [];
    if (method === 'rt') {
      const r = rationalTuning({ model, cascade, r: opts.r, infillMass: opts.infillMass, signal: opts.signal, onProgress: sub });
      points = r.points;
      warnings = r.warnings;
    } else if (method === 'grid') {
      points = gridSearch({ train: data.train, cascade, step: opts.gridStep, signal: opts.signal, onProgress: sub }).points;
    } else {
      const r = bayesianOptimization({ train: data.train, model, cascade, rng: new Rng(opts.seed ?? 1), r: opts.r, infillMass: opts.infillMass, signal: opts.signal, onProgress: sub });
      points = r.points;
      warnings = r.warnings;
    }
    const seconds = (performance.now() - started) / 1000;
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
    const band = hasTest && B > 0 ? bootstrapBand(data.test, cascade, points, new Rng((opts.seed ?? 1) + 7919), B, 0.9, opts.costMode) : null;
    out[method] = { method, points, seconds, auc: null, band, warnings };
  });
  const curves = Object.values(out).map((m) => m!.points.filter((p) => p.testCost !== null).map((p): CurvePoint => ({ cost: p.testCost!, error: p.testError! })));
  const interval = hasTest ? sharedCostInterval(curves) : null;
  if (interval) for (const m of Object.values(out)) m!.auc = errorCostAuc(m!.points.map((p) => ({ cost: p.testCost!, error: p.testError! })), interval[0], interval[1]);
  return { methods: out, aucInterval: interval };
}
