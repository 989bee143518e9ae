/**
 * Percentile intervals and paired-difference tests from bootstrap replicates, with one convention
 * everywhere (CLI, views, tests):
 *
 * - Interval at level 1 − α from B replicates: with k = ⌊(α/2)·B⌋, the lower end is the (k+1)-th
 *   smallest replicate and the upper end the (k+1)-th largest (order statistics, no interpolation).
 * - Difference D = leader − other, oriented so that D > 0 means the leader is better. Over the
 *   replicates D*: `p_value` = min(1, 2·min(#{D* ≤ 0}, #{D* ≥ 0}) / B), two-sided; `p_better` =
 *   #{D* > 0} / B, the share of resamples in which the leader is strictly better.
 * - Verdict: 'better' when #{D* ≤ 0} ≤ k, 'worse' when #{D* ≥ 0} ≤ k, else 'tied'. With the rule
 *   above this is exactly "the interval excludes 0", and exactly "p_value ≤ α".
 */

/** Default number of bootstrap resamples. */
export const DEFAULT_REPLICATES = 2000;
/** Default confidence level of every interval. */
export const CI_LEVEL = 0.95;

/** A two-sided confidence interval. */
export interface Interval {
  ci_low: number;
  ci_high: number;
}

/** A point estimate with its interval. */
export interface Estimate extends Interval {
  value: number;
}

/** The leader against one other system: the difference leader − other (positive: the leader is better). */
export interface DifferenceTest extends Estimate {
  p_value: number;
  p_better: number;
  verdict: 'better' | 'tied' | 'worse';
}

/** Replicates in each tail outside the interval: ⌊(1 − level)/2 · B⌋. */
export function tailCount(replicates: number, level: number): number {
  if (!(level > 0 && level < 1)) throw new Error(`confidence level must be in (0, 1), got ${level}`);
  return Math.floor(((1 - level) / 2) * replicates + 1e-9);
}

/** Percentile interval of bootstrap replicates (copied, not modified), by the order-statistic rule above. */
export function percentileInterval(replicates: ArrayLike<number>, level = CI_LEVEL): Interval {
  const B = replicates.length;
  if (B === 0) throw new Error('a bootstrap interval needs at least one replicate');
  const work = Float64Array.from(replicates);
  const k = Math.min(tailCount(B, level), Math.floor((B - 1) / 2));
  return { ci_low: select(work, k), ci_high: select(work, B - 1 - k) };
}

/**
 * The k-th smallest value (0-based) of `a` by quickselect with median-of-three pivots, reordering
 * `a` in place: O(B) on average instead of a full sort. NaN never occurs here (means of finite data).
 */
export function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of a[lo], a[mid], a[hi] as the pivot.
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** The estimate `value` with the percentile interval of its replicates. */
export function estimate(value: number, replicates: ArrayLike<number>, level = CI_LEVEL): Estimate {
  return { value, ...percentileInterval(replicates, level) };
}

/**
 * Paired test of `observed` = leader − other from its replicates (see the module comment).
 * Replicates within `zeroTolerance` of 0 count as ties (0), so rounding noise of a difference that
 * is exactly 0 in every resample cannot make a verdict.
 */
export function differenceTest(
  observed: number,
  replicates: ArrayLike<number>,
  level = CI_LEVEL,
  zeroTolerance = 0,
): DifferenceTest {
  const B = replicates.length;
  const k = Math.min(tailCount(B, level), Math.floor((B - 1) / 2));
  let atMost = 0;
  let atLeast = 0;
  let above = 0;
  for (let b = 0; b < B; b++) {
    const d = Math.abs(replicates[b]) <= zeroTolerance ? 0 : replicates[b];
    if (d <= 0) atMost++;
    if (d >= 0) atLeast++;
    if (d > 0) above++;
  }
  const verdict = atMost <= k ? 'better' : atLeast <= k ? 'worse' : 'tied';
  return {
    ...estimate(observed, replicates, level),
    p_value: Math.min(1, (2 * Math.min(atMost, atLeast)) / B),
    p_better: above / B,
    verdict,
  };
}

/** "p = 0.034", or "p < 0.001" when no replicate went the other way (the smallest non-zero p that B replicates can show is 2/B). */
export function formatP(p: number, replicates: number): string {
  if (p <= 0) return `p < ${Number((2 / replicates).toPrecision(2))}`;
  return `p = ${p >= 0.1 ? p.toFixed(2) : Number(p.toPrecision(2))}`;
}
