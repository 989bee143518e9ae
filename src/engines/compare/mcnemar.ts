import { normalSf } from '../numeric/normalDistribution';
import { regularizedIncompleteBeta } from '../numeric/regularizedIncompleteBeta';

/** Below this many discordant pairs the exact binomial test is used, from it on the χ² approximation (the usual textbook rule). */
export const EXACT_BELOW = 25;

/** McNemar's test of equal accuracy on paired answers. */
export interface McNemarResult {
  /** Queries only A got right (b) and only B got right (c). */
  only_a: number;
  only_b: number;
  /**
   * `exact`: two-sided binomial test of b ~ Bin(b + c, 1/2), p = min(1, 2·P(X ≤ min(b, c))).
   * `chi2`: (|b − c| − 1)² / (b + c) against χ² with 1 degree of freedom (Edwards' continuity correction).
   */
  method: 'exact' | 'chi2';
  /** The χ² statistic (null for the exact test). */
  statistic: number | null;
  p_value: number;
}

/** P(X ≤ k) for X ~ Bin(n, 1/2), via P(X ≤ k) = I_{1/2}(n − k, k + 1) (1 when k ≥ n). */
function binomialHalfCdf(k: number, n: number): number {
  if (k >= n) return 1;
  return regularizedIncompleteBeta(0.5, n - k, k + 1);
}

/**
 * McNemar's test from the discordant counts: `onlyA` queries A answered right and B wrong,
 * `onlyB` the reverse (concordant pairs carry no information about the difference). Exact
 * binomial below EXACT_BELOW discordant pairs, else the continuity-corrected χ² test, whose
 * upper tail with 1 degree of freedom is P(χ²₁ > x) = 2·(1 − Φ(√x)). No discordant pair: p = 1.
 */
export function mcnemarTest(onlyA: number, onlyB: number): McNemarResult {
  if (!(Number.isInteger(onlyA) && Number.isInteger(onlyB) && onlyA >= 0 && onlyB >= 0))
    throw new RangeError(`McNemar's test needs counts, got ${onlyA} and ${onlyB}`);
  const n = onlyA + onlyB;
  if (n < EXACT_BELOW) {
    const p = n === 0 ? 1 : Math.min(1, 2 * binomialHalfCdf(Math.min(onlyA, onlyB), n));
    return { only_a: onlyA, only_b: onlyB, method: 'exact', statistic: null, p_value: p };
  }
  const excess = Math.max(0, Math.abs(onlyA - onlyB) - 1);
  const statistic = (excess * excess) / n;
  return {
    only_a: onlyA,
    only_b: onlyB,
    method: 'chi2',
    statistic,
    p_value: Math.min(1, 2 * normalSf(Math.sqrt(statistic))),
  };
}
