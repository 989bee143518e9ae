import { betaQuantile } from '../numeric/betaQuantile';

/**
 * One-sided (1 − δ) Clopper–Pearson upper confidence limit for a binomial error rate after k errors
 * in n trials: the largest p with P(Bin(n, p) ≤ k) ≥ δ, which is the Beta quantile
 * U = Beta⁻¹(1 − δ; k + 1, n − k) (Inter-Cascade paper, Lemma E.1, eqs. 11–16). Edge conventions:
 * U = 1 when k = n (including n = 0, no evidence at all); for k = 0 the closed form is 1 − δ^(1/n).
 * @throws RangeError for non-integer or out-of-range k, n, or δ outside (0, 1).
 * @example clopperPearsonUpper(0, 100, 0.05) // 1 − 0.05^(1/100) ≈ 0.0295
 */
export function clopperPearsonUpper(k: number, n: number, delta: number): number {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`clopperPearsonUpper requires a non-negative integer n, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n)
    throw new RangeError(`clopperPearsonUpper requires an integer k in [0, n], got k=${k}, n=${n}`);
  if (!(delta > 0 && delta < 1)) throw new RangeError(`clopperPearsonUpper requires delta in (0, 1), got ${delta}`);
  if (k === n) return 1;
  if (k === 0) return -Math.expm1(Math.log(delta) / n);
  return betaQuantile(1 - delta, k + 1, n - k);
}

/**
 * The smallest number of accepted answers for which the bound can fall to α at all (zero errors):
 * n ≥ ln δ / ln(1 − α). Fewer accepted answers fail the test whatever their labels.
 */
export function minAcceptedForBound(alpha: number, delta: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`minAcceptedForBound requires alpha in (0, 1), got ${alpha}`);
  if (!(delta > 0 && delta < 1)) throw new RangeError(`minAcceptedForBound requires delta in (0, 1), got ${delta}`);
  let n = Math.max(1, Math.ceil(Math.log(delta) / Math.log1p(-alpha)) - 1);
  while (clopperPearsonUpper(0, n, delta) > alpha) n++;
  return n;
}
