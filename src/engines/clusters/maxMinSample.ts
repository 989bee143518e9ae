import type { Rng } from '../numeric/rng';
import { triangular } from '../numeric/distributions';

/**
 * Pairwise max-min sampling (thesis appendix 4A). Draws `n` values whose smallest is `lo`, largest is
 * `hi` and whose arithmetic mean is exactly `mean` (the location constraint; callers work in log space
 * when the constraint is a geometric mean). Besides the two extremes, values come in pairs: the first
 * from a triangular distribution with mode at the pair's target mean, the second fixed by the
 * constraint; with an odd count one value sits at the target mean. Returned in random order.
 *
 * @throws RangeError when the constraint cannot hold (mean outside [lo, hi], or n = 2 and lo + hi ≠ 2·mean).
 */
export function maxMinSample(rng: Rng, n: number, lo: number, hi: number, mean: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 0) return out;
  const tol = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
  if (n === 1 || hi - lo <= tol) {
    out.fill(n === 1 ? mean : lo);
    return out;
  }
  if (mean < lo - tol || mean > hi + tol) throw new RangeError(`maxMinSample: mean ${mean} outside [${lo}, ${hi}]`);
  out[0] = lo;
  out[1] = hi;
  if (n === 2) {
    if (Math.abs(lo + hi - 2 * mean) > tol)
      throw new RangeError(`maxMinSample: two values ${lo}, ${hi} cannot have mean ${mean}`);
    return shuffleInPlace(rng, out);
  }
  const m = n - 2;
  const t = Math.min(hi, Math.max(lo, (n * mean - lo - hi) / m));
  const left = Math.max(lo, 2 * t - hi);
  const right = Math.min(hi, 2 * t - lo);
  let i = 2;
  for (; i + 1 < n; i += 2) {
    const x = triangular(rng, left, t, right);
    out[i] = x;
    out[i + 1] = 2 * t - x;
  }
  if (i < n) out[i] = t;
  return shuffleInPlace(rng, out);
}

function shuffleInPlace(rng: Rng, xs: Float64Array): Float64Array {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = xs[i];
    xs[i] = xs[j];
    xs[j] = t;
  }
  return xs;
}
