import { bestAlongAxis } from './bestAlongAxis';
import { priceWeights } from './priceWeights';
import { ascendingOrder, slopeOrder, sweepArgmin } from './sweepArgmin';
import { ERROR, type Candidate, type MetricSpec } from './types';
import { maxOf, minOf } from '../../shared/arrays';

export interface OptimalModelMapOptions {
  /** Prices of error (columns) and latency in $/s (rows). */
  errorAxis: readonly number[];
  latencyAxis: readonly number[];
  /** Fixed price of abstention, $ per abstention. */
  abstain?: number;
  /** Fixed prices of the log's further metrics (eq. 3.11), by name; 0 when absent. */
  extraPrices?: Readonly<Record<string, number>>;
  /** Also compute the exact switch points per row (default true). */
  boundaries?: boolean;
  signal?: AbortSignal;
}

/** Where the best system switches along one latency row, at an exact price of error. */
export interface MapBoundary {
  row: number;
  price: number;
  below: number;
  above: number;
}

/**
 * The map of Figure 3.4: the best system over a λ_E × λ_L grid, plus the exact boundaries. Cell
 * [row r = latency index][column c = error index] is at r·nError + c in every per-cell array.
 */
export interface OptimalModelMap {
  errorAxis: number[];
  latencyAxis: number[];
  abstain: number;
  /** Index of the candidate with the highest test reward (ties: the first). */
  best: Int32Array;
  /** Its expected test reward, $ per query. */
  bestReward: Float64Array;
  /** Operating point of the best candidate at the cell (θ*(λ), chosen on train). */
  bestPoint: Int32Array;
  /** Second-best candidate (−1 when there is only one) and how much more the best earns there ($ per query). */
  runnerUp: Int32Array;
  margin: Float64Array;
  /** Per latency row, the exact λ_E at which the optimum switches (section 3.4), with both sides. */
  boundaries: MapBoundary[][];
}

/**
 * Evaluates every candidate on the grid and, per λ_L row, the exact critical prices of error
 * between the grid's λ_E ends. Along a row only λ_E changes, so each candidate's train loss is a
 * set of lines in λ_E: θ*(λ) comes from one sweep of their lower envelope per row and candidate
 * (sweepArgmin), and the per-cell work is O(#candidates). Memory: five typed arrays of one entry
 * per cell; no per-candidate reward matrix is kept.
 */
export function optimalModelMap(
  candidates: readonly Candidate[],
  metrics: readonly MetricSpec[],
  opts: OptimalModelMapOptions,
): OptimalModelMap {
  const abstain = opts.abstain ?? 0;
  const { errorAxis, latencyAxis, signal } = opts;
  const nE = errorAxis.length;
  const nL = latencyAxis.length;
  if (nE === 0 || nL === 0) throw new Error('the map needs at least one price of error and one price of latency');
  if (candidates.length === 0) throw new Error('the map needs at least one candidate');
  const dim = 1 + metrics.length;
  for (const c of candidates)
    if (c.dim !== dim) throw new Error(`candidate ${c.name} has ${c.dim} metrics, prices have ${dim}`);
  const cells = nE * nL;
  const map: MapCells = {
    best: new Int32Array(cells),
    bestReward: new Float64Array(cells).fill(-Infinity),
    bestPoint: new Int32Array(cells),
    runnerUp: new Int32Array(cells).fill(-1),
    margin: new Float64Array(cells),
    secondReward: new Float64Array(nE),
  };
  const maxPts = maxOf(candidates.map((c) => c.train.length / dim));
  const trainA = new Float64Array(maxPts);
  const trainS = new Float64Array(maxPts);
  const hull = new Int32Array(maxPts);
  const point = new Int32Array(nE);
  const xOrder = ascendingOrder(errorAxis);
  // A point's slope in λ_E is its train error rate, the same in every row: sorted once per candidate.
  const bySlope = candidates.map((c) =>
    slopeOrder(
      c.train.filter((_, i) => i % dim === ERROR),
      c.train.length / dim,
    ),
  );
  for (let r = 0; r < nL; r++) {
    if (signal?.aborted) throw signal.reason ?? new Error('cancelled');
    const w = priceWeights({ ...opts.extraPrices, latency: latencyAxis[r], abstain }, metrics);
    const row = r * nE;
    map.secondReward.fill(-Infinity);
    for (let k = 0; k < candidates.length; k++) {
      trainLossLines(candidates[k].train, dim, w, trainA, trainS);
      sweepArgmin(trainA, trainS, bySlope[k], errorAxis, xOrder, point, hull);
      rankCandidateInRow(map, k, row, candidates[k].test, dim, w, errorAxis, point);
    }
    for (let col = 0; col < nE; col++)
      if (map.runnerUp[row + col] >= 0) map.margin[row + col] = map.bestReward[row + col] - map.secondReward[col];
  }
  return {
    errorAxis: [...errorAxis],
    latencyAxis: [...latencyAxis],
    abstain,
    best: map.best,
    bestReward: map.bestReward,
    bestPoint: map.bestPoint,
    runnerUp: map.runnerUp,
    margin: map.margin,
    boundaries: opts.boundaries === false ? latencyAxis.map(() => []) : mapBoundaries(candidates, metrics, opts),
  };
}

/** The per-cell arrays of the map being filled, and the runner-up's reward per column of the current row. */
interface MapCells {
  best: Int32Array;
  bestReward: Float64Array;
  bestPoint: Int32Array;
  runnerUp: Int32Array;
  margin: Float64Array;
  secondReward: Float64Array;
}

/**
 * A candidate's train loss at λ_E = x as lines a + s·x, one per operating point: `trainA` gets a, the
 * loss of every other priced metric at the prices `w`, and `trainS` gets s, the train error rate.
 */
function trainLossLines(
  tr: Float64Array,
  dim: number,
  w: Float64Array,
  trainA: Float64Array,
  trainS: Float64Array,
): void {
  const n = tr.length / dim;
  for (let j = 0, o = 0; j < n; j++, o += dim) {
    let ta = 0;
    for (let d = 0; d < dim; d++) if (d !== ERROR) ta += w[d] * tr[o + d];
    trainA[j] = ta;
    trainS[j] = tr[o + ERROR];
  }
}

/**
 * Scores candidate `k` on the test split at its chosen operating point `point[col]` in every cell of
 * the row starting at `row`, and keeps the best and runner-up per cell. Sets `w[ERROR]` to each column's price.
 */
function rankCandidateInRow(
  map: MapCells,
  k: number,
  row: number,
  te: Float64Array,
  dim: number,
  w: Float64Array,
  errorAxis: readonly number[],
  point: Int32Array,
): void {
  const { best, bestReward, bestPoint, runnerUp, secondReward } = map;
  const nE = errorAxis.length;
  for (let col = 0; col < nE; col++) {
    // Test reward summed in metric order, as evaluatePriceGrid does, so both give the same bits.
    w[ERROR] = errorAxis[col];
    const j = point[col];
    let testLoss = 0;
    for (let d = 0, o = j * dim; d < dim; d++) testLoss += w[d] * te[o + d];
    const reward = -testLoss;
    const cell = row + col;
    if (reward > bestReward[cell]) {
      if (k > 0) {
        runnerUp[cell] = best[cell];
        secondReward[col] = bestReward[cell];
      }
      best[cell] = k;
      bestReward[cell] = reward;
      bestPoint[cell] = j;
    } else if (reward > secondReward[col]) {
      runnerUp[cell] = k;
      secondReward[col] = reward;
    }
  }
}

/** Per latency row, the exact switch points along λ_E between the axis' ends (bestAlongAxis). */
function mapBoundaries(
  candidates: readonly Candidate[],
  metrics: readonly MetricSpec[],
  opts: OptimalModelMapOptions,
): MapBoundary[][] {
  const lo = minOf(opts.errorAxis);
  const hi = maxOf(opts.errorAxis);
  return opts.latencyAxis.map((l, row) => {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('cancelled');
    if (!(hi > lo)) return [];
    const regimes = bestAlongAxis(
      candidates,
      priceWeights({ ...opts.extraPrices, latency: l, abstain: opts.abstain ?? 0 }, metrics),
      ERROR,
      lo,
      hi,
    );
    return regimes.slice(1).map((g, i) => ({ row, price: g.from, below: regimes[i].best, above: g.best }));
  });
}
