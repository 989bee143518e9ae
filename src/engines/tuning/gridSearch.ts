import { paretoFrontierArrays } from '../numeric/paretoFrontierArrays';
import { quantiles } from '../numeric/quantile';
import { empiricalEstimate } from './empiricalEstimate';
import type { SplitData } from './prepareCascadeData';
import type { FrontierPoint, RunControl } from './types';

export interface GridSearchOptions extends RunControl {
  train: SplitData;
  cascade: number[];
  /** Quantile step of the grid (default 0.025: levels 0.01, 0.035, …, 0.985 — 40 per model). */
  step?: number;
}

export interface GridSearchResult {
  points: FrontierPoint[];
  candidates: number;
}

/**
 * The high-resolution grid-search baseline of thesis §2.4: every combination of thresholds taken
 * from the quantiles of each model's calibrated training confidence (40^(k−1) candidates), each
 * scored on the training data — estimated P(correct) = mean calibrated confidence of the answering
 * model, cost = mean cumulative cost — then reduced to its Pareto set (skyline).
 *
 * Fast enumeration: queries are bucketed by how many grid thresholds lie below their confidence;
 * at each cascade level a counting sort makes "who defers at threshold j" a prefix, so the
 * 2.56 M candidates of a 5-model cascade cost O(40^(k−2)·(n + 40)) instead of O(40^(k−1)·n·k).
 */
export function gridSearch(opts: GridSearchOptions): GridSearchResult {
  const { train, cascade } = opts;
  const k = cascade.length;
  const n = train.queryIds.length;
  const step = opts.step ?? 0.025;
  const levels: number[] = [];
  for (let p = 0.01; p < 0.99 - 1e-12; p += step) levels.push(p);
  const G = levels.length;
  const grids = cascade.slice(0, -1).map((m) => quantiles(train.phi[m], levels));
  // bucket[d][q] = number of grid thresholds strictly below φ_d(q): model d answers at index j iff j < bucket.
  const bucket = grids.map((g, d) => thresholdBuckets(g, train.phi[cascade[d]]));
  const cum: number[] = [];
  cascade.reduce((s, m, i) => (cum[i] = s + train.meanCost[m]), 0);
  const N = Math.pow(G, k - 1);
  const correct = new Float64Array(N);
  const cost = new Float64Array(N);
  const phiLast = train.phi[cascade[k - 1]];
  let done = 0;
  // Scratch per level, allocated once and reused by every visit of its level (each is done with it
  // before the next starts): allocating it per visit was most of the time (64,000 visits of the last
  // level for 5 models: 0.75 s on MMLU's 285 training queries, 2026-12-05).
  const scratch = Array.from({ length: Math.max(1, k - 1) }, () => ({
    counts: new Int32Array(G + 2),
    pos: new Int32Array(G + 1),
    sorted: new Int32Array(n),
    pre: new Float64Array(n + 1),
  }));
  // The last model's prefix sums, needed at the last level only.
  const preLast = new Float64Array(n + 1);
  // Depth-first over levels; `list` holds the queries still deferred, answered sums so far.
  const visit = (d: number, list: Int32Array, sumPhi: number, sumCost: number, prefix: number): void => {
    const phi = train.phi[cascade[d]];
    const b = bucket[d];
    const { counts, pos, sorted, pre } = scratch[d];
    const len = list.length;
    // Counting sort of `list` by bucket (stable: list order within a bucket).
    counts.fill(0);
    for (let i = 0; i < len; i++) counts[b[list[i]] + 1]++;
    for (let c = 1; c <= G + 1; c++) counts[c] += counts[c - 1];
    for (let c = 0; c <= G; c++) pos[c] = counts[c];
    for (let i = 0; i < len; i++) sorted[pos[b[list[i]]]++] = list[i];
    // Prefix sums of this model's φ (and the last model's φ at the last level) in sorted order.
    const lastLevel = d === k - 2;
    pre[0] = 0;
    if (lastLevel) {
      preLast[0] = 0;
      for (let i = 0; i < len; i++) {
        const q = sorted[i];
        pre[i + 1] = pre[i] + phi[q];
        preLast[i + 1] = preLast[i] + phiLast[q];
      }
    } else for (let i = 0; i < len; i++) pre[i + 1] = pre[i] + phi[sorted[i]];
    const total = pre[len];
    for (let j = 0; j < G; j++) {
      const deferred = counts[j + 1]; // queries with bucket ≤ j
      const answered = len - deferred;
      const sPhi = sumPhi + (total - pre[deferred]);
      const sCost = sumCost + answered * cum[d];
      const idx = prefix * G + j;
      if (lastLevel) {
        correct[idx] = (sPhi + preLast[deferred]) / n;
        cost[idx] = (sCost + deferred * cum[k - 1]) / n;
      } else {
        visit(d + 1, sorted.subarray(0, deferred), sPhi, sCost, idx);
      }
    }
    if (d === 0 || (d === 1 && k > 3)) {
      done++;
      opts.signal?.throwIfAborted();
      opts.onProgress?.(Math.min(0.95, done / (d === 0 ? 1 : G)));
    }
  };
  const all = new Int32Array(n);
  for (let q = 0; q < n; q++) all[q] = q;
  if (n > 0) visit(0, all, 0, 0, 0);
  const front = paretoFrontierArrays(cost, correct);
  const points = front.map((idx) => gridPoint(idx, grids, train, cascade, cost[idx], correct[idx]));
  opts.onProgress?.(1);
  return { points, candidates: N };
}

/** Per query, the number of grid thresholds `g` (ascending) strictly below its confidence `phi[q]`. */
function thresholdBuckets(g: readonly number[], phi: Float64Array): Uint8Array {
  const G = g.length;
  const n = phi.length;
  const b = new Uint8Array(n);
  for (let q = 0; q < n; q++) {
    let c = 0;
    while (c < G && g[c] < phi[q]) c++;
    b[q] = c;
  }
  return b;
}

/**
 * The frontier point of grid candidate `idx` (its threshold indices as the digits of `idx` in base
 * G, the first model's most significant), with its estimated cost and P(correct) on train.
 */
function gridPoint(
  idx: number,
  grids: readonly (readonly number[])[],
  train: SplitData,
  cascade: readonly number[],
  cost: number,
  correct: number,
): FrontierPoint {
  const k = cascade.length;
  const t: number[] = new Array<number>(k - 1);
  let rest = idx;
  for (let d = k - 2; d >= 0; d--) {
    const G = grids[d].length;
    t[d] = grids[d][rest % G];
    rest = Math.floor(rest / G);
  }
  return {
    thresholds: t,
    expectedCost: cost,
    expectedError: 1 - correct,
    expectedShares: empiricalEstimate(train, cascade, t).shares,
    lambda: null,
    testCost: null,
    testError: null,
    testShares: null,
  };
}
