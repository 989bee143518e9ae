import type { Calibrator } from '../calibration/fitCalibrator';
import type { EvalRecord } from '../logs/types';
import { compareMethods, type MethodComparison } from './compareMethods';
import { fitMarkovCopulaModel, type MarkovCopulaModel } from './markovCopulaModel';
import { prepareCascadeData, type CascadeData } from './prepareCascadeData';
import { scoreOnTest } from './scoreOnTest';
import { tuneOrderedCascade, type MethodFrontier } from './tuneOrderedCascade';
import type { RunControl, TuneMethod, TuningSettings } from './types';

export interface TuneCascadeOptions extends RunControl, TuningSettings {
  records: readonly EvalRecord[];
  /** Model names in cascade order (cheapest first, as a rule). */
  cascade: string[];
  methods?: TuneMethod[];
  trainSplit?: string;
  testSplit?: string;
  /** Low-sample mode: fit on ≤ N balanced training queries (thesis §2.4). */
  lowSample?: number;
  /**
   * Resamples of the paired test-query bootstrap behind the 95% intervals of the AUCs, their
   * differences and every point's test error and cost (`comparison`); 0 or absent: none.
   */
  intervalReplicates?: number;
}

/** Per model of the cascade: its calibration and its single-model operating point. */
export interface CascadeModelInfo {
  model: string;
  calibrator: Calibrator;
  meanCostTrain: number;
  meanCostTest: number;
  /** The model alone on the test split. */
  testError: number | null;
  /** Marginal-model parameters (eq. 2.7–2.8), for the diagnostics plots. */
  marginal: MarkovCopulaModel['marginals'][number];
}

export interface TuneCascadeResult {
  cascade: string[];
  trainQueries: number;
  testQueries: number;
  models: CascadeModelInfo[];
  /** Kendall's τ and Gumbel θ between consecutive models (training data). */
  adjacent: { from: string; to: string; tau: number | null; theta: number }[];
  methods: Partial<Record<TuneMethod, MethodFrontier>>;
  /** Shared test cost interval of the AUCs ($ per query) and each method's AUC. */
  auc: { interval: [number, number] | null } & Partial<Record<TuneMethod, number | null>>;
  /** Paired-bootstrap intervals of the AUCs, their differences and every point (null: not asked for, or no test data). */
  comparison: MethodComparison | null;
  /** Models that cannot be used, one message each; when non-empty nothing was tuned. */
  problems: { model: string; message: string }[];
  warnings: string[];
}

/** Fits the data and the Markov-copula model for a list of models (exported for sub-cascade search). */
export function fitCascade(opts: Omit<TuneCascadeOptions, 'cascade'> & { models: string[] }): {
  data: CascadeData;
  model: MarkovCopulaModel | null;
} {
  const data = prepareCascadeData({
    records: opts.records,
    models: opts.models,
    trainSplit: opts.trainSplit,
    testSplit: opts.testSplit,
    lowSample: opts.lowSample,
    seed: opts.seed,
  });
  if (data.train.queryIds.length < 5)
    data.problems.push({
      model: '(all)',
      message: `only ${data.train.queryIds.length} training quer(ies) answered by every model; at least 5 are needed`,
    });
  if (data.problems.length) return { data, model: null };
  return { data, model: fitMarkovCopulaModel({ models: data.models, phi: data.train.phi, cost: data.train.meanCost }) };
}

/**
 * Everything issue 3 asks of one cascade: calibrate, fit the Markov-copula model, run Rational
 * Tuning and/or the grid and BO baselines, score every frontier point on the test split, AUCs over
 * the shared cost interval and a bootstrap band. Degenerate models give per-model problems and
 * empty frontiers — never NaN.
 */
export function tuneCascade(opts: TuneCascadeOptions): TuneCascadeResult {
  const methods = opts.methods ?? ['rt'];
  if (opts.cascade.length < 2) throw new Error('a cascade needs at least 2 models');
  if (new Set(opts.cascade).size !== opts.cascade.length) throw new Error('a model appears twice in the cascade');
  const { data, model } = fitCascade({ ...opts, models: opts.cascade });
  const idx = opts.cascade.map((_, i) => i);
  const models: CascadeModelInfo[] = opts.cascade.map((m, i) => ({
    model: m,
    calibrator: data.calibrators[i],
    meanCostTrain: data.train.meanCost[i],
    meanCostTest: data.test.meanCost[i],
    testError: data.test.queryIds.length ? scoreOnTest(data.test, [i], [], opts.costMode).error : null,
    marginal: model
      ? model.marginals[i]
      : { phiMin: 0, phiMax: 0, wMin: 1, wMax: 0, n: 0, pi: 1, a1: 1, b1: 1, a2: 1, b2: 1, converged: false },
  }));
  const base = {
    cascade: [...opts.cascade],
    trainQueries: data.train.queryIds.length,
    testQueries: data.test.queryIds.length,
    models,
    problems: data.problems,
    warnings: data.warnings,
  };
  if (!model) return { ...base, adjacent: [], methods: {}, auc: { interval: null }, comparison: null };
  const run = tuneOrderedCascade({
    data,
    model,
    cascade: idx,
    methods,
    seed: opts.seed,
    bootstrap: opts.bootstrap,
    costMode: opts.costMode,
    r: opts.r,
    infillMass: opts.infillMass,
    gridStep: opts.gridStep,
    auc: opts.auc,
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
  const auc: TuneCascadeResult['auc'] = { interval: run.aucInterval };
  for (const m of methods) auc[m] = run.methods[m]?.auc ?? null;
  const adjacent = idx.slice(1).map((j) => ({
    from: opts.cascade[j - 1],
    to: opts.cascade[j],
    tau: model.tau[j - 1][j],
    theta: model.theta[j - 1][j],
  }));
  for (const a of adjacent)
    if (a.tau !== null && a.tau <= 0)
      data.warnings.push(
        `${a.from} → ${a.to}: Kendall's τ = ${a.tau.toFixed(3)} ≤ 0; the Gumbel copula falls back to independence`,
      );
  const B = opts.intervalReplicates ?? 0;
  const comparison =
    B > 0 && data.test.queryIds.length > 0
      ? compareMethods(data.test, idx, run.methods, {
          replicates: B,
          seed: (opts.seed ?? 1) + 104729,
          costMode: opts.costMode,
          signal: opts.signal,
        })
      : null;
  return { ...base, adjacent, methods: run.methods, auc, comparison };
}
