/**
 * Quantile of an ascending-sorted sample by linear interpolation between order statistics
 * (Hyndman & Fan 1996, definition 7; the default of R's `quantile` and NumPy's `np.quantile`).
 * Infinite values are allowed; the result is finite whenever both neighbours are.
 *
 * @throws when the sample is empty or p is outside [0, 1].
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error('quantile requires at least 1 data point');
  if (!(p >= 0 && p <= 1)) throw new Error(`quantile level must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo];
  const b = sorted[hi];
  if (a === b || h === lo) return a;
  // (1 − w)·a + w·b with 0 < w < 1 is −∞ when a is, +∞ when b is (avoids ∞ − ∞).
  if (a === -Infinity) return a;
  if (b === Infinity) return b;
  return a + (h - lo) * (b - a);
}

/** Quantiles of an unsorted sample at every level in `levels` (the sample is copied, not modified). */
export function quantiles(sample: ArrayLike<number>, levels: readonly number[]): number[] {
  const sorted = Float64Array.from(sample).sort();
  return levels.map((p) => quantileSorted(sorted, p));
}
