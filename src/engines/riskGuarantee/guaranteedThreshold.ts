import { certaintyBlocks, type SelectiveItem } from '../abstention/accuracyRejectionCurve';
import { regularizedIncompleteBeta } from '../numeric/regularizedIncompleteBeta';
import { clopperPearsonUpper, minAcceptedForBound } from './clopperPearsonUpper';

/** The bound at one candidate threshold (accept answers with certainty ≥ threshold). */
export interface BoundPoint {
  threshold: number;
  accepted: number;
  errors: number;
  /** One-sided (1 − δ) Clopper–Pearson upper bound on the error rate among accepted answers. */
  upperBound: number;
  /** Whether the fixed-sequence scan reached this threshold (false: skipped before it, or after the stop). */
  tested: boolean;
}

export interface GuaranteeResult {
  alpha: number;
  delta: number;
  /** Chosen threshold in certainty units (accept certainty ≥ threshold); null when none passes. */
  threshold: number | null;
  acceptedCal: number;
  errorsCal: number;
  coverageCal: number;
  /** The bound at the chosen threshold (null when none was chosen). */
  upperBound: number | null;
  /** Threshold at which the scan stopped (its bound exceeded α); null when every candidate passed. */
  stoppedAt: number | null;
  /** The scan starts at the first threshold accepting this many answers (fewer can never pass, or the caller asked for more). */
  minAccepted: number;
  /** Bound at every candidate (or an even subsample of at most `curvePoints` plus the scan's end). */
  curve: BoundPoint[];
  warnings: string[];
}

export interface GuaranteeOptions {
  alpha: number;
  delta: number;
  /** Cap on the number of points in `curve` (default 400); 0 skips the curve after the stop. */
  curvePoints?: number;
  /**
   * Start the scan at the first threshold accepting at least this many calibration answers (never
   * below the theoretical minimum). A later start is still label-free, so still valid; it makes the
   * scan robust to one unlucky error among the very first answers, at the price of never certifying
   * a coverage below minAccepted / n.
   */
  minAccepted?: number;
}

/**
 * Threshold with a guaranteed risk (Inter-Cascade §2.1 and Appendix E, after Jung et al. 2025):
 * candidate thresholds are the distinct calibration certainties, scanned from most to least
 * certain. At each, the one-sided (1 − δ) Clopper–Pearson upper bound on the error among the
 * calibration answers accepted so far is computed; the scan stops at the first candidate whose
 * bound exceeds α, and the answer is the last candidate before it (fixed-sequence testing, Bauer
 * 1991), so that P(error | accepted) ≤ α holds with probability at least 1 − δ.
 *
 * Candidates that accept fewer than n_min = ⌈ln δ / ln(1 − α)⌉ answers cannot pass even with zero
 * errors; the scan starts at the first candidate accepting n_min. That start depends only on the
 * certainties, never on correctness, so the test sequence is still fixed before any test is run.
 * @throws RangeError when α or δ is outside (0, 1).
 */
export function guaranteedThreshold(items: readonly SelectiveItem[], opts: GuaranteeOptions): GuaranteeResult {
  const { alpha, delta } = opts;
  const minAccepted = Math.max(minAcceptedForBound(alpha, delta), Math.ceil(opts.minAccepted ?? 0));
  const warnings: string[] = [];
  const blocks = certaintyBlocks(items);
  const accepted = new Array<number>(blocks.length);
  const errors = new Array<number>(blocks.length);
  let n = 0;
  let k = 0;
  blocks.forEach((b, j) => {
    n += b.size;
    k += b.size - b.correct;
    accepted[j] = n;
    errors[j] = k;
  });
  let chosen = -1;
  let stop = -1;
  const bounds = new Map<number, number>();
  const boundAt = (j: number): number => {
    let u = bounds.get(j);
    if (u === undefined) bounds.set(j, (u = clopperPearsonUpper(errors[j], accepted[j], delta)));
    return u;
  };
  const start = accepted.findIndex((m) => m >= minAccepted);
  if (start < 0) warnings.push(`only ${items.length} calibration answer(s): at α = ${alpha}, δ = ${delta} the bound needs at least ${minAccepted} accepted answers, so no threshold can be certified`);
  else {
    // U(k, n) ≤ α ⇔ P(Bin(n, α) ≤ k) ≤ δ (the binomial tail is decreasing in p), so each test is one
    // incomplete-beta evaluation instead of a quantile; and with k unchanged since the last pass, n
    // only grew, so the bound only fell and the test passes again without computing anything.
    let passedErrors = -1;
    for (let j = start; j < blocks.length; j++) {
      const k = errors[j];
      const n = accepted[j];
      const pass = k === passedErrors || (k < n && regularizedIncompleteBeta(1 - alpha, n - k, k + 1) <= delta);
      if (!pass) {
        stop = j;
        break;
      }
      passedErrors = k;
      chosen = j;
    }
    if (chosen < 0) warnings.push(`already the ${accepted[start]} most certain calibration answers have ${errors[start]} error(s), bound ${boundAt(start).toFixed(4)} > α = ${alpha}: no threshold is certified, abstain on everything`);
  }
  const curve = boundCurve(blocks.length, opts.curvePoints ?? 400, start, stop, chosen).map((j) => ({
    threshold: blocks[j].certainty,
    accepted: accepted[j],
    errors: errors[j],
    upperBound: boundAt(j),
    tested: start >= 0 && j >= start && (stop < 0 || j <= stop),
  }));
  return {
    alpha,
    delta,
    threshold: chosen >= 0 ? blocks[chosen].certainty : null,
    acceptedCal: chosen >= 0 ? accepted[chosen] : 0,
    errorsCal: chosen >= 0 ? errors[chosen] : 0,
    coverageCal: chosen >= 0 && items.length ? accepted[chosen] / items.length : 0,
    upperBound: chosen >= 0 ? boundAt(chosen) : null,
    stoppedAt: stop >= 0 ? blocks[stop].certainty : null,
    minAccepted,
    curve,
    warnings,
  };
}

/** Block indices to draw: an even subsample of all candidates plus the scan's start, choice and stop. */
function boundCurve(count: number, maxPoints: number, start: number, stop: number, chosen: number): number[] {
  if (count === 0 || maxPoints <= 0) return [];
  const picks = new Set<number>();
  const stepSize = Math.max(1, Math.ceil(count / maxPoints));
  for (let j = 0; j < count; j += stepSize) picks.add(j);
  picks.add(count - 1);
  for (const j of [start, stop, chosen]) if (j >= 0) picks.add(j);
  return [...picks].sort((a, b) => a - b);
}

/** Applies an acceptance threshold to held-out answers: coverage and the realised error among accepted. */
export function applyThreshold(items: readonly SelectiveItem[], threshold: number | null): { accepted: number; errors: number; coverage: number; risk: number | null } {
  if (threshold === null || items.length === 0) return { accepted: 0, errors: 0, coverage: 0, risk: null };
  let accepted = 0;
  let errors = 0;
  for (const it of items) {
    if (it.certainty < threshold) continue;
    accepted++;
    if (!it.correct) errors++;
  }
  return { accepted, errors, coverage: accepted / items.length, risk: accepted ? errors / accepted : null };
}
