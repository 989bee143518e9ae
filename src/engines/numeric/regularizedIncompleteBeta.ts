import { logBeta } from './logGamma';

const EPS = 1e-16;
const TINY = 1e-300;

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), i.e. the CDF of a
 * Beta(a, b) variable at x. Evaluated by the continued fraction of DiDonato & Morris (modified Lentz
 * algorithm, Numerical Recipes 3rd ed. §6.4), using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) on the
 * side where the fraction converges fast. Also the binomial tail: P(Bin(n,p) ≥ k) = I_p(k, n−k+1).
 * @throws RangeError when a or b is not positive or x is outside [0, 1].
 * @example regularizedIncompleteBeta(0.5, 2, 2) // 0.5
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0))
    throw new RangeError(`regularizedIncompleteBeta requires a > 0 and b > 0, got a=${a}, b=${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedIncompleteBeta requires x in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * continuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * continuedFraction(1 - x, b, a)) / b;
}

/** The Beta(a, b) density at x (the derivative of I_x(a, b) in x). */
export function betaDensity(x: number, a: number, b: number): number {
  if (x <= 0 || x >= 1) {
    if (x === 0) return a < 1 ? Infinity : a === 1 ? Math.exp(-logBeta(a, b)) : 0;
    if (x === 1) return b < 1 ? Infinity : b === 1 ? Math.exp(-logBeta(a, b)) : 0;
    return 0;
  }
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b));
}

function continuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  // Enough for a, b up to ~1e8 (the number of terms grows like sqrt(max(a, b))).
  const maxIter = 10000 + Math.ceil(10 * Math.sqrt(Math.max(a, b)));
  for (let m = 1; m <= maxIter; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  return h;
}
