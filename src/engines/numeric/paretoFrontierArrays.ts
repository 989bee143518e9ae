/**
 * Skyline (Börzsönyi, Kossmann & Stocker 2001) of many points held in typed arrays: indices of the
 * points not dominated in (lower x, higher y), ordered by increasing x — the same rule as
 * `paretoFrontier` (ties in x: the highest y wins; exact duplicates keep the first index) without
 * one object per point, for the millions of candidates of a grid search. Non-finite points are
 * skipped.
 *
 * Points are first distributed into ~n/8 buckets of equal x-width (a counting sort, O(n)), then
 * each bucket is sorted on its own and swept in order, so the cost is O(n) plus small sorts instead
 * of one comparator sort of n indices.
 */
export function paretoFrontierArrays(x: Float64Array, y: Float64Array): number[] {
  const n = x.length;
  let lo = Infinity;
  let hi = -Infinity;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      m++;
      if (x[i] < lo) lo = x[i];
      if (x[i] > hi) hi = x[i];
    }
  }
  if (m === 0) return [];
  const B = Math.max(1, Math.min(1 << 20, Math.ceil(m / 8)));
  const width = hi > lo ? (hi - lo) / B : 1;
  const bucketOf = (v: number): number => Math.min(B - 1, Math.floor((v - lo) / width));
  const start = new Int32Array(B + 1);
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) start[bucketOf(x[i]) + 1]++;
  for (let b = 0; b < B; b++) start[b + 1] += start[b];
  const fill = start.slice(0, B);
  const order = new Uint32Array(m);
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) order[fill[bucketOf(x[i])]++] = i;
  const out: number[] = [];
  let best = -Infinity;
  for (let b = 0; b < B; b++) {
    const seg = order.subarray(start[b], start[b + 1]);
    if (seg.length === 0) continue;
    // A bucket whose best y cannot beat the running best holds no frontier point: skip its sort.
    let top = -Infinity;
    for (let k = 0; k < seg.length; k++) top = Math.max(top, y[seg[k]]);
    if (top <= best) continue;
    if (seg.length > 1) seg.sort((a, c) => x[a] - x[c] || y[c] - y[a] || a - c);
    for (let k = 0; k < seg.length; k++) {
      const i = seg[k];
      if (y[i] > best) {
        out.push(i);
        best = y[i];
      }
    }
  }
  return out;
}
