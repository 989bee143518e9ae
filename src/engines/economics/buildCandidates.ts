import { quantiles } from '../numeric/quantile';
import type { QueryTable } from './buildQueryTable';
import { candidateName, makeCandidate } from './makeCandidate';
import type { Candidate, SystemConfig } from './types';

/**
 * Supplies the threshold vectors (operating points) to try for a k-model cascade, tuned on the
 * train table, e.g. the Pareto-optimal thresholds of the tuning engine. Each vector has k − 1
 * entries (defer from model i when its confidence is below entry i).
 */
export type ThresholdSource = (req: { models: string[]; modelIndex: number[]; train: QueryTable; signal?: AbortSignal }) => { thresholds: number[][]; warnings: string[] };

export interface CandidateOptions {
  /** Which systems to build: single models, cascades, both (default 'all'), or neither ('none': routers only). */
  set?: 'models' | 'cascades' | 'all' | 'none';
  /** Also build routers with abstention (each model answers or abstains below a confidence threshold), whatever `set` says. */
  routers?: boolean;
  /** Spacing of the confidence quantiles tried as thresholds (appendix 3D: 0.025). */
  quantileStep?: number;
  /** Longer cascades to add, as model-name lists (cheapest first); thresholds come from `thresholdSource`. */
  longCascades?: string[][];
  thresholdSource?: ThresholdSource;
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
 * confidence (appendix 3D); optionally routers with abstention (same threshold grid) and longer
 * cascades whose thresholds come from a ThresholdSource (the tuning engine).
 */
export function buildCandidates(train: QueryTable, test: QueryTable, opts: CandidateOptions = {}): CandidateSet {
  if (train.models.join('\n') !== test.models.join('\n')) throw new Error('train and test tables must have the same model columns');
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
  const jobs: (() => Candidate | null)[] = [];
  if (set === 'models' || set === 'all') for (const m of order) jobs.push(() => makeCandidate(train.models[m], 'model', [{ models: [m], deferThresholds: [], abstainThreshold: null }], train, test));
  if (set === 'cascades' || set === 'all') {
    for (let a = 0; a < order.length; a++)
      for (let b = a + 1; b < order.length; b++) {
        const small = order[a];
        const big = order[b];
        jobs.push(() => {
          if (!train.hasConfidence[small]) {
            warnings.push(`${candidateName([train.models[small], train.models[big]], false)}: skipped, ${train.models[small]} has no confidence signal to defer on.`);
            return null;
          }
          const configs: SystemConfig[] = grid(small).map((t) => ({ models: [small, big], deferThresholds: [t], abstainThreshold: null }));
          return makeCandidate(candidateName([train.models[small], train.models[big]], false), 'cascade', configs, train, test);
        });
      }
    for (const names of opts.longCascades ?? []) jobs.push(() => longCascade(names, train, test, opts, warnings));
  }
  if (opts.routers)
    for (const m of order)
      jobs.push(() => {
        if (!train.hasConfidence[m]) {
          warnings.push(`${candidateName([train.models[m]], true)}: skipped, ${train.models[m]} has no confidence signal to abstain on.`);
          return null;
        }
        const configs: SystemConfig[] = grid(m).map((t) => ({ models: [m], deferThresholds: [], abstainThreshold: t }));
        return makeCandidate(candidateName([train.models[m]], true), 'router', configs, train, test);
      });
  const candidates: Candidate[] = [];
  jobs.forEach((job, i) => {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('cancelled');
    const c = job();
    if (c) candidates.push(c);
    opts.onProgress?.((i + 1) / jobs.length);
  });
  return { candidates, costOrder: order.map((m) => train.models[m]), warnings };
}

function longCascade(names: string[], train: QueryTable, test: QueryTable, opts: CandidateOptions, warnings: string[]): Candidate | null {
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
  warnings.push(...tuned.warnings.map((w) => `${label}: ${w}`));
  const configs = tuned.thresholds.filter((t) => t.length === names.length - 1).map((t) => ({ models: idx, deferThresholds: t, abstainThreshold: null }));
  if (configs.length === 0) {
    warnings.push(`${label}: skipped, the tuner returned no usable threshold vector.`);
    return null;
  }
  return makeCandidate(label, 'cascade', configs, train, test);
}
