import { quantiles } from '../numeric/quantile';
import type { QueryTable } from './buildQueryTable';
import { makeRouter, NO_OVERHEAD, routerModelSets } from './buildRouters';
import { calibratedTables, type CalibratedTables } from './calibratedTables';
import { candidateName, makeCandidate } from './makeCandidate';
import type { Candidate, RouterOverhead, SystemConfig } from './types';
import { appendAll } from '../../shared/arrays';

/**
 * Supplies the threshold vectors (operating points) to try for a k-model cascade, tuned on the
 * train split, e.g. the frontier of the tuning engine. Each vector has k − 1 entries. When
 * `calibrate` is given, thresholds apply to the recalibrated confidence of the cascade's i-th
 * model; with `answersAbove`, model i answers when its confidence is strictly above entry i (else
 * it answers when at or above, i.e. defers when below).
 */
export type ThresholdSource = (req: {
  models: string[];
  modelIndex: number[];
  train: QueryTable;
  signal?: AbortSignal;
}) => {
  thresholds: number[][];
  warnings: string[];
  calibrate?: (position: number, signal: { logprob: number | null; confidence: number | null }) => number;
  answersAbove?: boolean;
};

export interface CandidateOptions {
  /** Which systems to build: single models, cascades, both (default 'all'), or neither ('none': only what `abstention` and `routers` add). */
  set?: 'models' | 'cascades' | 'all' | 'none';
  /** Also build models with abstention (each model answers or abstains below a confidence threshold), whatever `set` says. */
  abstention?: boolean;
  /**
   * Also build one-step routers (eqs. 3.8–3.9) over every pair of models and over all of them
   * (≥ 3 models), deciding on calibrated confidences fitted on train, whatever `set` says.
   */
  routers?: boolean;
  /** With `routers`: also build each router with abstention (default true). */
  routerAbstention?: boolean;
  /** With `routers`: the overhead c₀ ($ per query) and l₀ (s per query) of the routing decision (default 0 and 0). */
  routerOverhead?: RouterOverhead;
  /** Spacing of the confidence quantiles tried as thresholds (appendix 3D: 0.025). */
  quantileStep?: number;
  /** Longer cascades to add, as model-name lists (cheapest first); thresholds come from `thresholdSource`. */
  longCascades?: string[][];
  thresholdSource?: ThresholdSource;
  /** Add the cascade of every model, cheapest first, when there are ≥ 3 models and a threshold source (default true). */
  fullChain?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface CandidateSet {
  candidates: Candidate[];
  /** Models from cheapest to dearest (mean train cost; the order cascades follow). */
  costOrder: string[];
  warnings: string[];
}

/**
 * Builds the candidate systems of chapter 3 from a train and a test table with the same model
 * columns: every single model; every two-model cascade small→big (small = cheaper on train) whose
 * deferral threshold ranges over the `quantileStep` quantiles of the small model's train
 * confidence (appendix 3D); optionally models with abstention (same threshold grid), one-step
 * routers with and without abstention (buildRouters), and longer cascades whose thresholds come
 * from a ThresholdSource (the tuning engine).
 */
export function buildCandidates(train: QueryTable, test: QueryTable, opts: CandidateOptions = {}): CandidateSet {
  if (train.models.join('\n') !== test.models.join('\n'))
    throw new Error('train and test tables must have the same model columns');
  const set = opts.set ?? 'all';
  const step = opts.quantileStep ?? 0.025;
  if (!(step > 0 && step <= 0.5)) throw new Error(`quantileStep must be in (0, 0.5], got ${step}`);
  const warnings: string[] = [];
  const meanCost = train.models.map((_, m) => train.cost[m].reduce((s, c) => s + c, 0) / Math.max(1, train.n));
  const order = train.models.map((_, m) => m).sort((a, b) => meanCost[a] - meanCost[b] || a - b);
  const levels: number[] = [];
  for (let i = 0; i * step <= 1 + 1e-12; i++) levels.push(Math.min(1, i * step));
  const grid = (m: number): number[] => {
    const finite = train.confidence[m].filter((c) => c > -Infinity);
    if (finite.length === 0) return [-Infinity];
    return [...new Set(quantiles(finite, levels))].sort((a, b) => a - b);
  };
  const jobs: CandidateJob[] = [];
  if (set === 'models' || set === 'all')
    for (const m of order)
      jobs.push(() =>
        makeCandidate(
          train.models[m],
          'model',
          [{ models: [m], deferThresholds: [], abstainThreshold: null }],
          train,
          test,
        ),
      );
  if (set === 'cascades' || set === 'all') appendAll(jobs, cascadeJobs(train, test, order, grid, opts, warnings));
  if (opts.abstention) appendAll(jobs, abstentionJobs(train, test, order, grid, warnings));
  if (opts.routers) appendAll(jobs, routerJobs(train, test, order, step, opts, warnings));
  const candidates: Candidate[] = [];
  jobs.forEach((job, i) => {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('cancelled');
    const c = job();
    if (c) candidates.push(c);
    opts.onProgress?.((i + 1) / jobs.length);
  });
  return { candidates, costOrder: order.map((m) => train.models[m]), warnings };
}

/** Builds one candidate system when run, or returns null after a warning when it cannot be built. */
type CandidateJob = () => Candidate | null;

/**
 * The jobs that build every two-model cascade small→big over `order` (deferral thresholds from
 * `grid`), then each longer cascade (`longCascades`, and the full chain when asked), once per model list.
 */
function cascadeJobs(
  train: QueryTable,
  test: QueryTable,
  order: number[],
  grid: (m: number) => number[],
  opts: CandidateOptions,
  warnings: string[],
): CandidateJob[] {
  const jobs: CandidateJob[] = [];
  for (let a = 0; a < order.length; a++)
    for (let b = a + 1; b < order.length; b++) {
      const small = order[a];
      const big = order[b];
      jobs.push(() => {
        if (!train.hasConfidence[small]) {
          warnings.push(
            `${candidateName([train.models[small], train.models[big]], false)}: skipped, ${train.models[small]} has no confidence signal to defer on.`,
          );
          return null;
        }
        const configs: SystemConfig[] = grid(small).map((t) => ({
          models: [small, big],
          deferThresholds: [t],
          abstainThreshold: null,
        }));
        return makeCandidate(
          candidateName([train.models[small], train.models[big]], false),
          'cascade',
          configs,
          train,
          test,
        );
      });
    }
  const long = [...(opts.longCascades ?? [])];
  if ((opts.fullChain ?? true) && opts.thresholdSource && order.length >= 3)
    long.push(order.map((m) => train.models[m]));
  const seen = new Set<string>();
  for (const names of long) {
    if (seen.has(names.join('>'))) continue;
    seen.add(names.join('>'));
    jobs.push(() => longCascade(names, train, test, opts, warnings));
  }
  return jobs;
}

/** The jobs that build each model of `order` with abstention below a confidence threshold from `grid`. */
function abstentionJobs(
  train: QueryTable,
  test: QueryTable,
  order: number[],
  grid: (m: number) => number[],
  warnings: string[],
): CandidateJob[] {
  return order.map((m) => () => {
    if (!train.hasConfidence[m]) {
      warnings.push(
        `${candidateName([train.models[m]], true)}: skipped, ${train.models[m]} has no confidence signal to abstain on.`,
      );
      return null;
    }
    const configs: SystemConfig[] = grid(m).map((t) => ({ models: [m], deferThresholds: [], abstainThreshold: t }));
    return makeCandidate(candidateName([train.models[m]], true), 'abstention', configs, train, test);
  });
}

/**
 * The jobs that build the one-step routers over `order`'s model sets (each also with abstention
 * unless `routerAbstention` is false), on calibrated tables fitted once, when the first router is built.
 */
function routerJobs(
  train: QueryTable,
  test: QueryTable,
  order: number[],
  step: number,
  opts: CandidateOptions,
  warnings: string[],
): CandidateJob[] {
  const jobs: CandidateJob[] = [];
  let calibrated: CalibratedTables | null = null;
  const tables = (): CalibratedTables => {
    if (!calibrated) {
      calibrated = calibratedTables(train, test);
      appendAll(warnings, calibrated.warnings);
    }
    return calibrated;
  };
  const overhead = opts.routerOverhead ?? NO_OVERHEAD;
  const variants = opts.routerAbstention === false ? [false] : [false, true];
  if (order.length < 2) warnings.push('routers: skipped, a router needs at least two models.');
  for (const models of routerModelSets(order))
    for (const abstain of variants)
      jobs.push(() => {
        const t = tables();
        return makeRouter(t.train, t.test, { models, abstain, quantileStep: step, overhead });
      });
  return jobs;
}

function longCascade(
  names: string[],
  train: QueryTable,
  test: QueryTable,
  opts: CandidateOptions,
  warnings: string[],
): Candidate | null {
  const label = candidateName(names, false);
  const idx = names.map((n) => train.models.indexOf(n));
  if (idx.some((i) => i < 0)) {
    warnings.push(`${label}: skipped, unknown model ${names[idx.findIndex((i) => i < 0)]}.`);
    return null;
  }
  if (!opts.thresholdSource) {
    warnings.push(`${label}: skipped, no threshold tuner available for cascades of ${names.length} models.`);
    return null;
  }
  const tuned = opts.thresholdSource({ models: names, modelIndex: idx, train, signal: opts.signal });
  appendAll(
    warnings,
    tuned.warnings.map((w) => `${label}: ${w}`),
  );
  // "Answers when above t" is "defers when below the next double after t".
  const shift = tuned.answersAbove ? nextUp : (t: number) => t;
  const configs = tuned.thresholds
    .filter((t) => t.length === names.length - 1 && t.every(Number.isFinite))
    .map((t) => ({ models: idx, deferThresholds: t.map(shift), abstainThreshold: null }));
  if (configs.length === 0) {
    warnings.push(`${label}: skipped, the tuner returned no usable threshold vector.`);
    return null;
  }
  const cal = tuned.calibrate;
  const [tr, te] = cal ? [recalibrated(train, idx, cal), recalibrated(test, idx, cal)] : [train, test];
  const c = makeCandidate(label, 'cascade', configs, tr, te);
  return {
    ...c,
    thresholds: tuned.thresholds
      .filter((t) => t.length === names.length - 1 && t.every(Number.isFinite))
      .map((t) => [...t]),
  };
}

/** A table whose confidence columns of the cascade's models are replaced by recalibrated ones. */
function recalibrated(
  table: QueryTable,
  idx: number[],
  calibrate: NonNullable<ReturnType<ThresholdSource>['calibrate']>,
): QueryTable {
  const confidence = [...table.confidence];
  idx.forEach((m, position) => {
    const col = new Float64Array(table.n);
    for (let i = 0; i < table.n; i++) {
      const raw = table.confidence[m][i];
      const lp = table.logprob[m][i];
      col[i] =
        raw === -Infinity ? -Infinity : calibrate(position, { logprob: Number.isNaN(lp) ? null : lp, confidence: raw });
    }
    confidence[m] = col;
  });
  return { ...table, confidence };
}

/** The smallest double greater than x. */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}
