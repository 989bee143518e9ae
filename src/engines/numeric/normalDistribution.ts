/**
 * Standard normal distribution to double precision: density, CDF, survival function and quantile.
 * CDF: Taylor series Φ(x) = 1/2 + φ(x)(x + x³/3 + x⁵/(3·5) + …) for |x| < 3 and Laplace's continued
 * fraction for the Mills ratio beyond (Abramowitz & Stegun 26.2.11 and 26.2.14), so tails keep full
 * relative precision. Quantile: Acklam's rational approximation polished by two Halley steps.
 *
 * Kept beside jstat for the uses that need tail precision: jstat's Φ is within 4.5e-16 absolute but
 * off by 3% relative at z = ±8 (its erf loses the tail), and its Φ⁻¹ by 6e-4 at p = 2⁻⁵³ (measured
 * 2026-12). Cluster overlaps of 1e-6 and below (clusters/overlap.ts), p-values printed to three
 * significant digits (McNemar, Wald, exchangeability) and inverse-CDF sampling of price
 * distributions use these; engines that need only absolute accuracy call jstat
 * (test/engines/numeric/jstatAccuracy.test.ts).
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** φ(x), the standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Upper tail Q(x) = 1 − Φ(x) for x ≥ 3 by Lentz's evaluation of the continued fraction φ(x)/(x + 1/(x + 2/(x + …))). */
function upperTailCf(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = x + k * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + k / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return normalPdf(x) / f;
}

/** Φ(x) − 1/2 for |x| < 3 by the Taylor series (all terms positive for x > 0: no cancellation). */
function centralSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 3; k < 200; k += 2) {
    term *= x2 / k;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return normalPdf(x) * sum;
}

/** Φ(x) = P(Z ≤ x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 3) return 1 - upperTailCf(x);
  if (x <= -3) return upperTailCf(-x);
  return 0.5 + centralSeries(x);
}

/** 1 − Φ(x) = P(Z > x), accurate in the upper tail (e.g. 2·normalSf(q) is a tiny overlap). */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

function acklam(p: number): number {
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
    );
  }
  if (p > 1 - pLow) return -acklam(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
  );
}

/**
 * Φ⁻¹(p): the z with P(Z ≤ z) = p. Returns ±Infinity at p = 0 or 1.
 * @throws RangeError when p is outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile requires p in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalQuantile(1 - p);
  // p ≤ 1/2: refine in the lower tail, where Φ keeps full relative precision.
  let x = acklam(p);
  for (let i = 0; i < 2; i++) {
    const e = normalCdf(x) - p;
    const u = e / normalPdf(x);
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}
