import { clopperPearsonUpper } from '../../../src/engines/riskGuarantee/clopperPearsonUpper';
import { jStat } from 'jstat';

export interface RiskDropOptions {
  /** Calibration answers accepted at the threshold without strategies, and how many were wrong. */
  acceptedBefore: number;
  errorsBefore: number;
  /** The same with strategies, at the same threshold. */
  acceptedAfter: number;
  errorsAfter: number;
  delta: number;
}

export interface RiskDropResult {
  /** One-sided (1 − δ) Clopper–Pearson upper bounds on the error among accepted answers (Lemma E.1). */
  boundBefore: number;
  boundAfter: number;
  /** boundBefore − boundAfter (positive: the guaranteed risk fell). */
  drop: number;
  /** Theorem 2.2(a)'s condition: at least as many accepted and no more errors, so the bound cannot rise. */
  dropGuaranteed: boolean;
  /** Theorem 2.2(b): the normal approximation μ + z₁₋δ σ of each Beta(k + 1, n − k) quantile; null where it is undefined (k = n). */
  approxBefore: number | null;
  approxAfter: number | null;
  approxDrop: number | null;
  warnings: string[];
}

/**
 * How much strategies lower the guaranteed risk at an unchanged threshold (Inter-Cascade
 * Theorem 2.2, Appendix F). With n answers accepted and k wrong, the bound is the Beta quantile
 * U(k, n) = Beta⁻¹(1 − δ; k + 1, n − k); strategies change the counts to (n', k'), and when
 * n' ≥ n and k' ≤ k the bound cannot rise (part a). Part (b) approximates each quantile by
 * μ + z₁₋δ σ with μ = (k + 1)/(n + 1) and σ² = (k + 1)(n − k)/((n + 1)²(n + 2)), so the drop is
 * about (μ − μ') + z₁₋δ (σ − σ'); it is accurate when n is large and k/n not extreme.
 * @throws RangeError for counts that are not integers with 0 ≤ k ≤ n, or δ outside (0, 1).
 */
export function strategyRiskDrop(opts: RiskDropOptions): RiskDropResult {
  const { acceptedBefore: n, errorsBefore: k, acceptedAfter: n2, errorsAfter: k2, delta } = opts;
  const boundBefore = clopperPearsonUpper(k, n, delta);
  const boundAfter = clopperPearsonUpper(k2, n2, delta);
  // jstat's Φ⁻¹: within 4e-12 of the double-precision normalQuantile for δ ≥ 1e-6 and 1.4e-6 at
  // δ = 1e-12 (test/engines/numeric/jstatAccuracy.test.ts), far inside the error of the normal
  // approximation it feeds (the exact bounds above use the hand-written Beta quantile).
  const z = jStat.normal.inv(1 - delta, 0, 1);
  const approxBefore = normalApproxBound(k, n, z);
  const approxAfter = normalApproxBound(k2, n2, z);
  const dropGuaranteed = n2 >= n && k2 <= k;
  const warnings: string[] = [];
  if (!dropGuaranteed)
    warnings.push(
      `Theorem 2.2 assumes n' ≥ n and k' ≤ k (got n = ${n}, k = ${k}, n' = ${n2}, k' = ${k2}); the bound may rise`,
    );
  if (Math.min(n, n2) < 30)
    warnings.push('fewer than 30 accepted answers: the normal approximation of part (b) is rough');
  return {
    boundBefore,
    boundAfter,
    drop: boundBefore - boundAfter,
    dropGuaranteed,
    approxBefore,
    approxAfter,
    approxDrop: approxBefore !== null && approxAfter !== null ? approxBefore - approxAfter : null,
    warnings,
  };
}

/** μ + z σ of Beta(k + 1, n − k); null when k = n (the Beta's second shape would be 0). */
function normalApproxBound(k: number, n: number, z: number): number | null {
  if (k >= n) return null;
  const a = k + 1;
  const b = n - k;
  const mean = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
  return mean + z * sd;
}
