import type { Rng } from '../numeric/rng';

const TWO_32 = 4294967296;

/**
 * A uniform integer in [0, n) from one 32-bit draw, without modulo bias (Lemire's multiply-shift
 * with rejection). x·n is exact in a double while n ≤ 2^21; larger n fall back to `rng.int(n)`.
 */
export function uniformIndex(rng: Rng, n: number): number {
  if (n > 2097152) return rng.int(n);
  // m = x·n < 2^53 is exact, and so are its high and low 32-bit halves computed with floor (a
  // power-of-two division) instead of the % of doubles, which V8 compiles to a slow fmod call.
  let m = rng.nextUint32() * n;
  let high = Math.floor(m / TWO_32);
  let low = m - high * TWO_32;
  if (low < n) {
    const reject = (TWO_32 - n) % n;
    while (low < reject) {
      m = rng.nextUint32() * n;
      high = Math.floor(m / TWO_32);
      low = m - high * TWO_32;
    }
  }
  return high;
}

/**
 * One bootstrap resample of n items as counts: `counts[i]` is how often item i was drawn in n
 * draws with replacement (a multinomial(n; 1/n, …, 1/n) vector). Draw t picks `uniformIndex(rng, n)`.
 */
export function drawCounts(rng: Rng, counts: Int32Array | Float64Array): void {
  const n = counts.length;
  counts.fill(0);
  for (let t = 0; t < n; t++) counts[uniformIndex(rng, n)]++;
}
