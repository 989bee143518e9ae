/**
 * For lines y_j(x) = a[j] + s[j]·x and query points x (any sign, any order), writes into `out[q]`
 * the index j of a lowest line at xs[q]. Builds the lower envelope once (convex-hull trick, O(n))
 * and walks it in ascending x, so a whole row of a price map costs O(n + #queries) instead of
 * O(n · #queries). Only the intercepts change from row to row of a map, so the slope order and
 * the query order are sorted once by the caller and shared by every call.
 *
 * Ties: among lines equal everywhere (same a and s) the lowest index is kept; at an exact crossing
 * either line may be returned (both are lowest).
 * @param bySlope the line indices sorted by descending slope, ties by ascending index (slopeOrder)
 * @param xOrder the query indices sorted by ascending x (ascendingOrder)
 * @param hull scratch space of at least bySlope.length entries
 */
export function sweepArgmin(
  a: Float64Array,
  s: Float64Array,
  bySlope: Int32Array,
  xs: ArrayLike<number>,
  xOrder: ArrayLike<number>,
  out: Int32Array,
  hull: Int32Array,
): void {
  const n = bySlope.length;
  if (n === 0) throw new Error('sweepArgmin needs at least one line');
  // Lower hull in order of decreasing slope (h = its length).
  let h = 0;
  for (let t = 0; t < n; t++) {
    const j = bySlope[t];
    if (h > 0 && s[hull[h - 1]] === s[j]) {
      // Same slope: only the lower intercept can be lowest (on a tie, the earlier index stays).
      if (a[j] >= a[hull[h - 1]]) continue;
      h--;
    }
    while (h >= 2 && removable(a, s, hull[h - 2], hull[h - 1], j)) h--;
    hull[h++] = j;
  }
  let p = 0;
  for (let q = 0; q < xOrder.length; q++) {
    const c = xOrder[q];
    const x = xs[c];
    while (p + 1 < h && a[hull[p + 1]] + s[hull[p + 1]] * x < a[hull[p]] + s[hull[p]] * x) p++;
    out[c] = hull[p];
  }
}

/** Indices of the first `n` slopes sorted by descending slope, ties by ascending index (for sweepArgmin). */
export function slopeOrder(s: ArrayLike<number>, n: number): Int32Array {
  const o = new Int32Array(n);
  for (let i = 0; i < n; i++) o[i] = i;
  return o.sort((i, j) => s[j] - s[i] || i - j);
}

/** True when line m (between l and r in slope order) is nowhere strictly below both neighbours. */
function removable(a: Float64Array, s: Float64Array, l: number, m: number, r: number): boolean {
  // m is useless when the crossing of l and r lies at or left of the crossing of l and m:
  // (a_r − a_l)/(s_l − s_r) ≤ (a_m − a_l)/(s_l − s_m), denominators > 0.
  return (a[r] - a[l]) * (s[l] - s[m]) <= (a[m] - a[l]) * (s[l] - s[r]);
}

/** Indices 0..n−1 of `xs` sorted by ascending value (ties by index). */
export function ascendingOrder(xs: ArrayLike<number>): Int32Array {
  const o = new Int32Array(xs.length);
  for (let i = 0; i < o.length; i++) o[i] = i;
  return o.sort((i, j) => xs[i] - xs[j] || i - j);
}
