import { bootstrapMeans } from '../uncertainty/bootstrapMeans';
import {
  CI_LEVEL,
  DEFAULT_REPLICATES,
  differenceTest,
  estimate,
  percentileInterval,
  type DifferenceTest,
  type Estimate,
  type Interval,
} from '../uncertainty/intervals';
import { errorCostAuc, sharedCostInterval, type CurvePoint } from './errorCostAuc';
import type { SplitData } from './prepareCascadeData';
import type { MethodFrontier } from './tuneOrderedCascade';
import type { TuneMethod } from './types';

/** 95% intervals of one frontier point's test error rate and cost ($ per query). */
export interface PointInterval {
  error: Interval;
  cost: Interval;
}

/** A method's AUC against the best method's: other − best (positive: the best has the lower mean error). */
export type AucDifference = DifferenceTest & { method: TuneMethod; versus: TuneMethod };

/** The point to use when accuracy comes first: the cheapest one statistically as accurate as the method's most accurate point. */
export interface SuggestedPoint {
  method: TuneMethod;
  /** Index into the method's points. */
  index: number;
  /** The method's point with the lowest test error. */
  lowest: number;
  /** Its test error minus the lowest point's (positive: the lowest is better). */
  vs_lowest: DifferenceTest;
}

/** Paired bootstrap over the test queries of the methods' AUCs and of every frontier point (thresholds fixed). */
export interface MethodComparison {
  replicates: number;
  seed: number;
  level: number;
  n_test: number;
  /** Resamples in which every method's AUC was defined (the methods' test cost ranges overlapped). */
  valid_replicates: number;
  /** Each method's test AUC with its interval (null when undefined). */
  auc: Partial<Record<TuneMethod, Estimate | null>>;
  /** The method with the lowest test AUC (null when no AUC is defined). */
  best: TuneMethod | null;
  differences: AucDifference[];
  /** Per method, per point in the method's order. */
  points: Partial<Record<TuneMethod, PointInterval[]>>;
  suggested: SuggestedPoint | null;
  seconds: number;
}

export interface CompareMethodsOptions {
  replicates?: number;
  seed?: number;
  level?: number;
  costMode?: 'mean' | 'query';
  signal?: AbortSignal;
}

/** AUCs closer than this count as equal (rounding of resampled means). */
const AUC_TOLERANCE = 1e-12;

/**
 * Paired bootstrap of the test split for tuned cascades: the thresholds of every frontier point
 * stay fixed (they were tuned on train); each resample draws the test queries with replacement
 * once, recomputes every point's test error and cost on that draw, the shared cost interval and
 * each method's AUC over it, so the AUC differences between methods are paired. In 'mean' cost
 * mode a consulted model costs its mean test cost, held fixed (as `scoreOnTest` and the band do).
 * Also picks the suggested point (see SuggestedPoint) of the best method.
 */
export function compareMethods(
  test: SplitData,
  cascade: readonly number[],
  frontiers: Partial<Record<TuneMethod, MethodFrontier>>,
  opts: CompareMethodsOptions = {},
): MethodComparison {
  const started = performance.now();
  const B = opts.replicates ?? DEFAULT_REPLICATES;
  const seed = opts.seed ?? 1;
  const level = opts.level ?? CI_LEVEL;
  const methods = (Object.keys(frontiers) as TuneMethod[]).filter((m) => frontiers[m]);
  const n = test.queryIds.length;
  const outcome = methods.map((m) =>
    frontiers[m]!.points.map((p) => pointOutcome(test, cascade, p.thresholds, opts.costMode ?? 'mean')),
  );
  const groups = outcome.flatMap((pts) => [pts.map((o) => o.error), pts.map((o) => o.cost)]);
  const reps = bootstrapMeans(groups, { replicates: B, seed, signal: opts.signal });
  const errReps = methods.map((_, i) => reps[2 * i]);
  const costReps = methods.map((_, i) => reps[2 * i + 1]);
  const { aucReps, valid } = resampledAucs(errReps, costReps, B);
  const keep = (v: Float64Array): Float64Array => v.filter((_, b) => valid[b] === 1);
  const validCount = valid.reduce((a, v) => a + v, 0);
  const observed = methods.map((m) => frontiers[m]!.auc);
  const auc: MethodComparison['auc'] = {};
  methods.forEach(
    (m, i) =>
      (auc[m] =
        observed[i] !== null && validCount > 0 ? estimate(observed[i] as number, keep(aucReps[i]), level) : null),
  );
  let bestI = -1;
  methods.forEach((_, i) => {
    const a = observed[i];
    if (a !== null && (bestI < 0 || a < (observed[bestI] as number))) bestI = i;
  });
  const differences: AucDifference[] = [];
  if (bestI >= 0 && validCount > 0)
    methods.forEach((m, i) => {
      if (i === bestI || observed[i] === null) return;
      const d = keep(aucReps[i].map((x, b) => x - aucReps[bestI][b]));
      differences.push({
        method: m,
        versus: methods[bestI],
        ...differenceTest((observed[i] as number) - (observed[bestI] as number), d, level, AUC_TOLERANCE),
      });
    });
  const points: MethodComparison['points'] = {};
  methods.forEach(
    (m, i) =>
      (points[m] =
        n > 0
          ? errReps[i].map((e, j) => ({
              error: percentileInterval(e, level),
              cost: percentileInterval(costReps[i][j], level),
            }))
          : []),
  );
  const pick = bestI >= 0 ? bestI : methods.length === 1 ? 0 : -1;
  const suggested = pick >= 0 && n > 0 ? suggestPoint(methods[pick], outcome[pick], errReps[pick], level) : null;
  return {
    replicates: B,
    seed,
    level,
    n_test: n,
    valid_replicates: validCount,
    auc,
    best: bestI >= 0 ? methods[bestI] : null,
    differences,
    points,
    suggested,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Each method's AUC in every resample, over the cost interval the resampled curves share; a resample
 * counts (`valid` 1) only when that interval exists and every method's AUC over it is defined.
 * `errReps[method][point][b]` and `costReps[method][point][b]` are the resampled means.
 */
function resampledAucs(
  errReps: readonly Float64Array[][],
  costReps: readonly Float64Array[][],
  B: number,
): { aucReps: Float64Array[]; valid: Uint8Array } {
  const aucReps = errReps.map(() => new Float64Array(B));
  const valid = new Uint8Array(B);
  for (let b = 0; b < B; b++) {
    const curves = errReps.map((errs, i) => errs.map((e, j): CurvePoint => ({ cost: costReps[i][j][b], error: e[b] })));
    const iv = sharedCostInterval(curves);
    if (!iv) continue;
    const aucs = curves.map((c) => errorCostAuc(c, iv[0], iv[1]));
    if (aucs.some((a) => a === null)) continue;
    valid[b] = 1;
    aucs.forEach((a, i) => (aucReps[i][b] = a as number));
  }
  return { aucReps, valid };
}

/** Per test query: 1 when the cascade at these thresholds answers wrong, and what it pays (thesis eq. 2.1). */
function pointOutcome(
  test: SplitData,
  cascade: readonly number[],
  t: readonly number[],
  costMode: 'mean' | 'query',
): { error: Float64Array; cost: Float64Array } {
  const n = test.queryIds.length;
  const k = cascade.length;
  const error = new Float64Array(n);
  const cost = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    let c = 0;
    let i = 0;
    for (; i < k; i++) {
      const m = cascade[i];
      c += costMode === 'mean' ? test.meanCost[m] : test.cost[m][q];
      if (i === k - 1 || test.phi[m][q] > t[i]) break;
    }
    error[q] = test.correct[cascade[i]][q] ? 0 : 1;
    cost[q] = c;
  }
  return { error, cost };
}

/** The cheapest point (by test cost) whose test error is not significantly above the method's lowest. */
function suggestPoint(
  method: TuneMethod,
  pts: readonly { error: Float64Array; cost: Float64Array }[],
  errReps: readonly Float64Array[],
  level: number,
): SuggestedPoint | null {
  if (pts.length === 0) return null;
  const mean = (v: Float64Array): number => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
  const err = pts.map((p) => mean(p.error));
  const cost = pts.map((p) => mean(p.cost));
  let lowest = 0;
  for (let j = 1; j < pts.length; j++)
    if (err[j] < err[lowest] || (err[j] === err[lowest] && cost[j] < cost[lowest])) lowest = j;
  const byCost = pts.map((_, j) => j).sort((a, b) => cost[a] - cost[b] || a - b);
  for (const j of byCost) {
    const same = j === lowest || pts[j].error.every((x, q) => x === pts[lowest].error[q]);
    const vs = differenceTest(
      same ? 0 : err[j] - err[lowest],
      same ? new Float64Array(errReps[j].length) : errReps[j].map((x, b) => x - errReps[lowest][b]),
      level,
      AUC_TOLERANCE,
    );
    if (vs.verdict !== 'better') return { method, index: j, lowest, vs_lowest: vs };
  }
  return null;
}
