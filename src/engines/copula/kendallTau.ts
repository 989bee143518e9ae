/**
 * Kendall's rank correlation τ_b = (C − D) / √((n₀ − n₁)(n₀ − n₂)) with tie corrections (n₁, n₂:
 * pairs tied in x, in y), in O(n log n) by Knight's algorithm (J. Am. Stat. Assoc. 61, 1966): sort
 * by x (ties by y), count the discordant pairs as the inversions of the y sequence with a merge sort,
 * and C − D = n₀ − n₁ − n₂ + n₃ − 2D (n₃: pairs tied in both). The same counts as comparing every
 * pair, so the same value, but a 300,000-answer log takes a fraction of a second, not minutes.
 * Returns null when it is undefined (n < 2 or one variable constant). Thesis eq. 2.10 turns it into
 * the Gumbel θ.
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = Math.min(x.length, y.length);
  if (n < 2) return null;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b] || y[a] - y[b]);
  let tiesX = 0;
  let tiesXY = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && x[order[j]] === x[order[i]]) j++;
    tiesX += pairs(j - i);
    for (let a = i; a < j; ) {
      let b = a + 1;
      while (b < j && y[order[b]] === y[order[a]]) b++;
      tiesXY += pairs(b - a);
      a = b;
    }
    i = j;
  }
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = y[order[i]];
  const discordant = countInversions(ys);
  let tiesY = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && ys[j] === ys[i]) j++;
    tiesY += pairs(j - i);
    i = j;
  }
  const n0 = pairs(n);
  const denom = Math.sqrt((n0 - tiesX) * (n0 - tiesY));
  return denom > 0 ? (n0 - tiesX - tiesY + tiesXY - 2 * discordant) / denom : null;
}

const pairs = (m: number): number => (m * (m - 1)) / 2;

/** Pairs i < j with a[i] > a[j] (strictly), by a bottom-up merge sort; sorts `a` ascending in place. */
function countInversions(a: Float64Array): number {
  const n = a.length;
  let src: Float64Array = a;
  let dst: Float64Array = new Float64Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (src[j] < src[i]) {
          inversions += mid - i;
          dst[k++] = src[j++];
        } else dst[k++] = src[i++];
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== a) a.set(src);
  return inversions;
}
