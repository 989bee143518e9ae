/**
 * Mean silhouette width (Rousseeuw, J. Comput. Appl. Math. 20, 1987): for each point,
 * s = (b − a)/max(a, b) with a the mean distance to its own cluster and b the smallest mean distance
 * to another cluster; points alone in their cluster count 0. O(n²·p); pass `sample` to score a
 * seeded subset of rows for large n (distances still use all points).
 */
import type { Rng } from '../numeric/rng';
import { runSteps, type Steps } from '../cancellation';

export function silhouetteScore(
  X: Float64Array,
  labels: Int32Array,
  p: number,
  opts: { sample?: number; rng?: Rng } = {},
): number | null {
  return runSteps(silhouetteScoreSteps(X, labels, p, opts));
}

/** silhouetteScore as steps: a pause after each scored point (O(n·p) work each). */
export function* silhouetteScoreSteps(
  X: Float64Array,
  labels: Int32Array,
  p: number,
  opts: { sample?: number; rng?: Rng } = {},
): Steps<number | null> {
  const n = labels.length;
  let k = 0;
  for (const l of labels) k = Math.max(k, l + 1);
  const sizes = new Int32Array(k);
  for (const l of labels) sizes[l]++;
  if (sizes.filter((s) => s > 0).length < 2) return null;
  let rows = Array.from({ length: n }, (_, i) => i);
  if (opts.sample && opts.sample < n) {
    if (!opts.rng) throw new Error('silhouetteScore: a sample needs an rng');
    rows = opts.rng.shuffle(rows).slice(0, opts.sample);
  }
  const sums = new Float64Array(k);
  let total = 0;
  for (const i of rows) {
    yield;
    sumDistances(X, labels, i, p, sums);
    const own = labels[i];
    if (sizes[own] === 1) continue;
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    total += (b - a) / Math.max(a, b);
  }
  return total / rows.length;
}

/** sums[c] = Σ over the other points j of cluster c of the distance from point i to j. */
function sumDistances(X: Float64Array, labels: Int32Array, i: number, p: number, sums: Float64Array): void {
  sums.fill(0);
  const oi = i * p;
  for (let j = 0; j < labels.length; j++) {
    if (j === i) continue;
    const oj = j * p;
    let d2 = 0;
    for (let d = 0; d < p; d++) {
      const t = X[oi + d] - X[oj + d];
      d2 += t * t;
    }
    sums[labels[j]] += Math.sqrt(d2);
  }
}
