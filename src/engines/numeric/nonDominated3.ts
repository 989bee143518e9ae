/**
 * Indices of the points no other point beats in all three objectives (all minimised: a point is
 * beaten by one at least as good in each and better in one), in increasing order; point i's
 * objectives are obj[3i], obj[3i+1], obj[3i+2]. A point with a NaN objective compares false with
 * everything, so it is neither beaten nor beats any other, and is kept; equal points keep each other.
 *
 * Comparing every pair cost the Bayesian optimiser 3.6 million comparisons a round (1,900
 * acquisition candidates; ~1.8 s of the paper-acceptance test). Instead (Kung, Luccio & Preparata's
 * sweep): the points are sorted lexicographically, so a point can be beaten only by points before
 * it, and a beaten point is beaten by an unbeaten one (dominance is a strict partial order). Then a
 * point is beaten exactly when an unbeaten point before it, other than an equal one, is no worse in
 * the second and third objectives: a staircase of the unbeaten points' (second, third) objectives,
 * kept sorted by the second with the third falling, answers that with one binary search. An equal
 * point (the sort puts equal points side by side) shares its twin's fate.
 */
export function nonDominated3(obj: Float64Array): number[] {
  const n = Math.floor(obj.length / 3);
  const kept: number[] = [];
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(obj[3 * i]) || Number.isNaN(obj[3 * i + 1]) || Number.isNaN(obj[3 * i + 2])) kept.push(i);
    else order.push(i);
  }
  order.sort((a, b) => obj[3 * a] - obj[3 * b] || obj[3 * a + 1] - obj[3 * b + 1] || obj[3 * a + 2] - obj[3 * b + 2]);
  // The staircase: second objectives rising, third objectives falling.
  const s1: number[] = [];
  const s2: number[] = [];
  let prev = -1;
  let prevKept = false;
  for (const i of order) {
    const b1 = obj[3 * i + 1];
    const b2 = obj[3 * i + 2];
    let keep: boolean;
    if (prev >= 0 && obj[3 * prev] === obj[3 * i] && obj[3 * prev + 1] === b1 && obj[3 * prev + 2] === b2)
      keep = prevKept;
    else {
      // the last step whose second objective is ≤ b1 has the smallest third objective among them
      const at = lastAtMost(s1, b1);
      keep = at < 0 || s2[at] > b2;
      if (keep) addStep(s1, s2, at, b1, b2);
    }
    if (keep) kept.push(i);
    prev = i;
    prevKept = keep;
  }
  return kept.sort((a, b) => a - b);
}

/** Index of the last entry of `xs` (sorted, rising) that is ≤ v, or −1. */
function lastAtMost(xs: number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Puts (b1, b2) on the staircase after entry `at` (the last with s1 ≤ b1, whose s2 is above b2) and
 * drops the steps it covers: those after it with s2 ≥ b2 (their s1 is ≥ b1, so any query that finds
 * them finds (b1, b2) too, with a third objective no larger).
 */
function addStep(s1: number[], s2: number[], at: number, b1: number, b2: number): void {
  let end = at + 1;
  while (end < s1.length && s2[end] >= b2) end++;
  s1.splice(at + 1, end - at - 1, b1);
  s2.splice(at + 1, end - at - 1, b2);
}
