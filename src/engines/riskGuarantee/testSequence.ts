import { regularizedIncompleteBeta } from '../numeric/regularizedIncompleteBeta';
import { minAcceptedForBound } from './clopperPearsonUpper';

/**
 * How the candidate thresholds are tested (see docs/risk-guarantee.md):
 * - `fixed-sequence`: a coarse coverage grid, tested in order of growing coverage at level δ each,
 *   stopping at the first failure (Bauer's fixed-sequence testing on a pre-specified grid);
 * - `bonferroni`: the same grid, every point tested at level δ/m (Learn-then-Test with Bonferroni),
 *   the largest passing coverage wins; no ordering or monotonicity needed;
 * - `every-answer`: fixed-sequence testing over every distinct certainty (Inter-Cascade's
 *   Algorithm 1 as written), fine-grained but stopped by the first unlucky error.
 */
export type GuaranteeMethod = 'fixed-sequence' | 'bonferroni' | 'every-answer';

export const GUARANTEE_METHODS: readonly GuaranteeMethod[] = ['fixed-sequence', 'bonferroni', 'every-answer'];

/** Default spacing of the coverage grid: one point per 5% of the calibration answers. */
export const DEFAULT_GRID_STEP = 0.05;

/** Whether a string names a method (for options and messages from the webview). */
export function isGuaranteeMethod(x: unknown): x is GuaranteeMethod {
  return typeof x === 'string' && (GUARANTEE_METHODS as readonly string[]).includes(x);
}

/**
 * Whether k errors among n accepted answers certify risk ≤ α at level δ: the one-sided Clopper–Pearson
 * bound U(k, n) is ≤ α exactly when P(Bin(n, α) ≤ k) ≤ δ (the binomial tail falls as p grows), and
 * P(Bin(n, α) ≤ k) = I_{1−α}(n − k, k + 1), one incomplete-beta evaluation.
 */
export function certifies(k: number, n: number, alpha: number, delta: number): boolean {
  return k < n && regularizedIncompleteBeta(1 - alpha, n - k, k + 1) <= delta;
}

/**
 * The default first point of the grid: the smallest number m of accepted answers at which an observed
 * error rate of α/2 (⌊m·α/2⌋ errors) would already be certified at level δ — below it, a model erring
 * at half the tolerance is refused unless it is lucky, so testing there mostly risks an early stop —
 * but at most half of the n calibration answers (so that a small calibration set still leaves a
 * sequence to test), and never below the zero-error minimum ln δ / ln(1 − α). Depends on α, δ and n
 * only, never on which answers are right.
 */
export function defaultStartCount(alpha: number, delta: number, n: number): number {
  const floor = minAcceptedForBound(alpha, delta);
  const cap = Math.ceil(n / 2);
  for (let m = floor; m < cap; m++) if (certifies(Math.floor((m * alpha) / 2), m, alpha, delta)) return m;
  return Math.max(floor, cap);
}

/**
 * Target numbers of accepted answers for a coverage grid over n calibration answers: `start`, then
 * ⌈c·n⌉ for c = step, 2·step, … up to n, keeping those above `start`. Label-free by construction.
 * A step below 1/n makes every count from `start` to n a point.
 */
export function coverageGridCounts(n: number, start: number, step: number): number[] {
  if (!(step > 0 && step <= 1)) throw new RangeError(`the grid step must be in (0, 1], got ${step}`);
  if (start > n) return [];
  if (step * n <= 1) return Array.from({ length: n - start + 1 }, (_, i) => start + i);
  const counts = [start];
  const points = Math.round(1 / step);
  for (let i = 1; i <= points; i++) {
    const c = Math.min(n, Math.ceil(Math.min(1, i * step) * n - 1e-9));
    if (c > counts[counts.length - 1]) counts.push(c);
  }
  if (counts[counts.length - 1] < n) counts.push(n);
  return counts;
}

/**
 * Candidate indices into the certainty blocks (most certain first; `cumulative[j]` = answers with
 * certainty ≥ block j) for each target count: the first block whose cumulative count reaches it
 * (tied certainties are accepted together, so a target may round up). Duplicates are dropped.
 */
export function blocksForCounts(cumulative: readonly number[], counts: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const c of counts) {
    while (j < cumulative.length && cumulative[j] < c) j++;
    if (j >= cumulative.length) break;
    if (out[out.length - 1] !== j) out.push(j);
  }
  return out;
}
