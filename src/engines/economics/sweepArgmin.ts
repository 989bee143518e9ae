/**
 * For lines y_j(x) = a[j] + s[j]·x (j < n) and query points x (≥ 0 or not, any order), writes into
 * `out[q]` the index j of a lowest line at xs[q]. Builds the lower envelope once (convex-hull
 * trick, O(n log n)) and walks it in ascending x, so a whole row of a price map costs
 * O(n log n + #queries log #queries) instead of O(n · #queries).
 *
 * Ties: among lines equal everywhere (same a and s) the lowest index is kept; at an exact crossing
 * either line may be returned (both are lowest). `order` is scratch space of at least n entries,
 * `xOrder` the query indices sorted by ascending x (shared by every call on the same queries).
 */
export function sweepArgmin(a: Float64Array, s: Float64Array, n: number, xs: ArrayLike<number>, xOrder: ArrayLike<number>, out: Int32Array, order: Int32Array): void {
  if (n === 0) throw new Error('sweepArgmin needs at least one line');
  for (let j = 0; j < n; j++) order[j] = j;
  // Steepest first (lowest for x → −∞ is irrelevant: the walk starts at the smallest x), then the lower intercept, then the lower index.
  const idx = order.subarray(0, n).sort((i, j) => s[j] - s[i] || a[i] - a[j] || i - j);
  // Lower hull, slopes strictly decreasing, compacted in place into `order` (h = its length): h ≤ t
  // at step t, so every idx[t] is read before its slot can be overwritten.
  let h = 0;
  for (let t = 0; t < n; t++) {
    const j = idx[t];
    if (h > 0 && s[order[h - 1]] === s[j]) continue; // same slope, higher (or equal, later) intercept: never lowest
    while (h >= 2 && removable(a, s, order[h - 2], order[h - 1], j)) h--;
    order[h++] = j;
  }
  let p = 0;
  for (let q = 0; q < xOrder.length; q++) {
    const c = xOrder[q];
    const x = xs[c];
    while (p + 1 < h && a[order[p + 1]] + s[order[p + 1]] * x < a[order[p]] + s[order[p]] * x) p++;
    out[c] = order[p];
  }
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
