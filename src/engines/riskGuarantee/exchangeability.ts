import type { SelectiveItem } from '../abstention/accuracyRejectionCurve';
import { normalSf } from '../numeric/normalDistribution';

/** Family level of the two tests below; each is run at half of it (Bonferroni). */
export const EXCHANGEABILITY_LEVEL = 0.01;

/** Two-sample comparison of the calibration and test answers of one model. */
export interface ExchangeabilityCheck {
  nCal: number;
  nTest: number;
  /** Error rates of the two splits and the two-sided p-value of the two-proportion z-test. */
  errorRate: { cal: number; test: number; z: number; p: number };
  /** Two-sample Kolmogorov–Smirnov statistic of the certainties and its (asymptotic) p-value. */
  signal: { d: number; p: number };
  /** False when either p-value is below EXCHANGEABILITY_LEVEL / 2. */
  exchangeable: boolean;
  /** One plain sentence with the numbers. */
  summary: string;
}

/**
 * Checks the assumption behind the guarantee: calibration and test answers drawn from one
 * distribution. Compares the error rates (two-proportion z-test) and the signal distributions
 * (two-sample Kolmogorov–Smirnov) and calls the splits different when either two-sided p-value is
 * below 0.005 (family level 0.01 over the two tests). A large p-value does not prove exchangeability;
 * it only says these two tests see no difference. Null when a split is empty.
 */
export function exchangeabilityCheck(
  cal: readonly SelectiveItem[],
  test: readonly SelectiveItem[],
  labels: { cal: string; test: string; model: string },
): ExchangeabilityCheck | null {
  if (cal.length === 0 || test.length === 0) return null;
  const errorRate = twoProportionTest(
    cal.filter((a) => !a.correct).length,
    cal.length,
    test.filter((a) => !a.correct).length,
    test.length,
  );
  const signal = kolmogorovSmirnov(
    cal.map((a) => a.certainty),
    test.map((a) => a.certainty),
  );
  const each = EXCHANGEABILITY_LEVEL / 2;
  const exchangeable = errorRate.p >= each && signal.p >= each;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const numbers = `${labels.model} errs on ${pct(errorRate.cal)} of "${labels.cal}" answers (${cal.length}) and ${pct(errorRate.test)} of "${labels.test}" answers (${test.length}), two-proportion z = ${errorRate.z.toFixed(2)}, p = ${formatP(errorRate.p)}; signal distributions: Kolmogorov–Smirnov D = ${signal.d.toFixed(3)}, p = ${formatP(signal.p)}`;
  const lowest = Math.min(errorRate.p, signal.p);
  const summary = exchangeable
    ? `calibration "${labels.cal}" and test "${labels.test}" look exchangeable (both p-values ≥ ${each}): ${numbers}${lowest < 0.05 ? `; p = ${formatP(lowest)} is low though: check how the splits were drawn` : ''}`
    : `calibration "${labels.cal}" and test "${labels.test}" are not exchangeable (p < ${each}): ${numbers}; a threshold certified on "${labels.cal}" need not hold on "${labels.test}"`;
  return { nCal: cal.length, nTest: test.length, errorRate, signal, exchangeable, summary };
}

/** Two-sided two-proportion z-test of k1/n1 against k2/n2 (pooled variance); z = 0, p = 1 when both rates are 0 or 1. */
export function twoProportionTest(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
): { cal: number; test: number; z: number; p: number } {
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se > 0 ? (p1 - p2) / se : 0;
  return { cal: p1, test: p2, z, p: Math.min(1, 2 * normalSf(Math.abs(z))) };
}

/**
 * Two-sample Kolmogorov–Smirnov test: D = max |F₁ − F₂| over the pooled values (ties stepped
 * together) and the asymptotic p-value Q_KS((√m + 0.12 + 0.11/√m)·D) with m = n₁n₂/(n₁ + n₂)
 * (Stephens' correction). With tied values the p-value is conservative (too large).
 */
export function kolmogorovSmirnov(xs: readonly number[], ys: readonly number[]): { d: number; p: number } {
  const a = [...xs].sort((u, v) => u - v);
  const b = [...ys].sort((u, v) => u - v);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i], b[j]);
    while (i < a.length && a[i] === v) i++;
    while (j < b.length && b[j] === v) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  const m = (a.length * b.length) / (a.length + b.length);
  const root = Math.sqrt(m);
  return { d, p: kolmogorovSf((root + 0.12 + 0.11 / root) * d) };
}

/** Q_KS(λ) = 2 Σ_{k≥1} (−1)^(k−1) exp(−2k²λ²), the Kolmogorov distribution's upper tail (1 for small λ). */
function kolmogorovSf(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-17 * sum) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** A p-value for prose: two significant digits, "< 1e-300" at underflow. */
export function formatP(p: number): string {
  if (!(p > 0)) return '< 1e-300';
  return p >= 0.001 ? String(Number(p.toPrecision(2))) : p.toExponential(1);
}
