import { certaintyBlocks, type SelectiveItem } from '../abstention/accuracyRejectionCurve';
import { clopperPearsonUpper, minAcceptedForBound } from './clopperPearsonUpper';
import {
  blocksForCounts,
  certifies,
  coverageGridCounts,
  DEFAULT_GRID_STEP,
  defaultStartCount,
  type GuaranteeMethod,
} from './testSequence';

/** The bound at one candidate threshold (accept answers with certainty ≥ threshold). */
export interface BoundPoint {
  threshold: number;
  accepted: number;
  errors: number;
  /** One-sided Clopper–Pearson upper bound on the error rate among accepted answers, at the test level. */
  upperBound: number;
  /** Whether the procedure tested this threshold (false: not in the sequence, or after the stop). */
  tested: boolean;
}

/** One test the procedure ran: the bound at a point of the sequence and whether it was ≤ α. */
export interface ScanTest {
  /** 1-based position in the sequence. */
  position: number;
  threshold: number;
  accepted: number;
  errors: number;
  upperBound: number;
  passed: boolean;
}

export interface GuaranteeResult {
  alpha: number;
  delta: number;
  method: GuaranteeMethod;
  /** Level of each test: δ for fixed-sequence testing, δ/m for Bonferroni over m points. */
  level: number;
  /** Coverage spacing of the grid; null for `every-answer`. */
  gridStep: number | null;
  /** Calibration answers. */
  n: number;
  /** Chosen threshold in certainty units (accept certainty ≥ threshold); null when none passes. */
  threshold: number | null;
  acceptedCal: number;
  errorsCal: number;
  coverageCal: number;
  /** The bound at the chosen threshold (null when none was chosen). */
  upperBound: number | null;
  /** Points of the pre-specified sequence (fixed before any label is looked at). */
  sequenceLength: number;
  /** The tests run, in sequence order (for long sequences an even subsample plus the chosen point and the stop; none when `curvePoints` is 0). */
  tests: ScanTest[];
  /** How many tests were run and how many passed (all of them, whatever `tests` keeps). */
  testsRun: number;
  testsPassed: number;
  /** The failed test that ended a fixed-sequence scan; null when every point passed, or for Bonferroni. */
  stop: ScanTest | null;
  /** Accepted answers at the first point of the sequence. */
  minAccepted: number;
  /** Bound at every candidate (or an even subsample of at most `curvePoints` plus start, choice and stop). */
  curve: BoundPoint[];
  warnings: string[];
}

export interface GuaranteeOptions {
  alpha: number;
  delta: number;
  /** Default `fixed-sequence` (see `GuaranteeMethod`). */
  method?: GuaranteeMethod;
  /** Coverage spacing of the grid of `fixed-sequence` and `bonferroni` (default 0.05). */
  gridStep?: number;
  /** Cap on the number of points in `curve` and `tests` (default 400); 0 skips the curve. */
  curvePoints?: number;
  /**
   * Number of accepted calibration answers at the first point of the sequence (never below the
   * zero-error minimum ln δ / ln(1 − α)). Default: `defaultStartCount` for the grid methods, the
   * zero-error minimum for `every-answer`. It must be chosen without looking at correctness.
   */
  minAccepted?: number;
}

/**
 * Threshold with a guaranteed risk (Inter-Cascade §2.1 and Appendix E, after Jung et al. 2025).
 * A sequence of candidate thresholds is fixed from the calibration certainties alone (never from
 * correctness): the points of a coverage grid, or every distinct certainty. At each point the
 * one-sided Clopper–Pearson upper bound on the error among the accepted calibration answers is
 * compared with α. Fixed-sequence testing (Bauer 1991) walks the sequence from the most certain
 * point and stops at the first bound above α, returning the last point that passed; Bonferroni tests
 * every point at δ/m and returns the passing point with the largest coverage. Either way,
 * P(error | accepted) ≤ α holds with probability ≥ 1 − δ over the draw of the calibration set
 * (docs/risk-guarantee.md states the conditions).
 * @throws RangeError when α or δ is outside (0, 1) or the grid step outside (0, 1].
 */
export function guaranteedThreshold(items: readonly SelectiveItem[], opts: GuaranteeOptions): GuaranteeResult {
  const { alpha, delta } = opts;
  const method = opts.method ?? 'fixed-sequence';
  const n = items.length;
  const floor = minAcceptedForBound(alpha, delta);
  const start = Math.max(
    floor,
    Math.ceil(opts.minAccepted ?? (method === 'every-answer' ? floor : defaultStartCount(alpha, delta, n))),
  );
  const blocks = certaintyBlocks(items);
  const { accepted, errors } = cumulativeCounts(blocks);
  const gridStep = method === 'every-answer' ? null : (opts.gridStep ?? DEFAULT_GRID_STEP);
  const sequence =
    gridStep === null
      ? everyBlockFrom(accepted, start)
      : blocksForCounts(accepted, coverageGridCounts(n, start, gridStep));
  const level = method === 'bonferroni' && sequence.length > 0 ? delta / sequence.length : delta;
  const ran =
    method === 'bonferroni'
      ? sequence.map((j, i) => ({ j, position: i + 1, passed: certifies(errors[j], accepted[j], alpha, level) }))
      : fixedSequence(sequence, accepted, errors, alpha, level);
  const chosen = ran.reduce((best, t) => (t.passed && t.j > best ? t.j : best), -1);
  const failed = method === 'bonferroni' ? undefined : ran.find((t) => !t.passed);
  const bounds = new Map<number, number>();
  const boundAt = (j: number): number => {
    let u = bounds.get(j);
    if (u === undefined) bounds.set(j, (u = clopperPearsonUpper(errors[j], accepted[j], level)));
    return u;
  };
  const testAt = (t: { j: number; position: number; passed: boolean }): ScanTest => ({
    position: t.position,
    threshold: blocks[t.j].certainty,
    accepted: accepted[t.j],
    errors: errors[t.j],
    upperBound: boundAt(t.j),
    passed: t.passed,
  });
  const warnings = sequenceWarnings(n, sequence.length, chosen, alpha, delta, method, Math.max(start, floor));
  const maxPoints = opts.curvePoints ?? 400;
  const marks = [chosen, failed?.j ?? -1, sequence[0] ?? -1];
  const reached = new Set(ran.map((t) => t.j));
  // Bounds are computed only for what is kept, so curvePoints = 0 (simulations) costs no quantiles.
  const tests = maxPoints > 0 ? thin(ran, maxPoints, (t) => marks.includes(t.j)).map(testAt) : [];
  const curve =
    maxPoints > 0
      ? thin(
          blocks.map((_, j) => j),
          maxPoints,
          (j) => marks.includes(j),
        ).map((j) => ({
          threshold: blocks[j].certainty,
          accepted: accepted[j],
          errors: errors[j],
          upperBound: boundAt(j),
          tested: reached.has(j),
        }))
      : [];
  return {
    alpha,
    delta,
    method,
    level,
    gridStep,
    n,
    threshold: chosen >= 0 ? blocks[chosen].certainty : null,
    acceptedCal: chosen >= 0 ? accepted[chosen] : 0,
    errorsCal: chosen >= 0 ? errors[chosen] : 0,
    coverageCal: chosen >= 0 && n ? accepted[chosen] / n : 0,
    upperBound: chosen >= 0 ? boundAt(chosen) : null,
    sequenceLength: sequence.length,
    tests,
    testsRun: ran.length,
    testsPassed: ran.filter((t) => t.passed).length,
    stop: failed ? testAt(failed) : null,
    minAccepted: start,
    curve,
    warnings,
  };
}

/** Accepted answers and errors among them when accepting the first 1, 2, ... certainty blocks. */
function cumulativeCounts(blocks: readonly { size: number; correct: number }[]): {
  accepted: number[];
  errors: number[];
} {
  const accepted: number[] = [];
  const errors: number[] = [];
  for (const b of blocks) {
    accepted.push((accepted[accepted.length - 1] ?? 0) + b.size);
    errors.push((errors[errors.length - 1] ?? 0) + b.size - b.correct);
  }
  return { accepted, errors };
}

/** Why no threshold is certified, when none is: too few answers for any point, or no point passed. */
function sequenceWarnings(
  n: number,
  sequenceLength: number,
  chosen: number,
  alpha: number,
  delta: number,
  method: GuaranteeMethod,
  needed: number,
): string[] {
  if (sequenceLength === 0)
    return [
      `only ${n} calibration answer(s): at α = ${alpha}, δ = ${delta} the bound needs at least ${needed} accepted answers, so no threshold can be certified`,
    ];
  if (chosen < 0)
    return [`no point of the ${method} sequence passed: no threshold is certified, abstain on every query`];
  return [];
}

/** Every block from the first one accepting `start` answers. */
function everyBlockFrom(accepted: readonly number[], start: number): number[] {
  const first = accepted.findIndex((m) => m >= start);
  return first < 0 ? [] : accepted.slice(first).map((_, i) => first + i);
}

/**
 * Fixed-sequence testing: the tests up to and including the first failure. With k unchanged since the
 * last pass, n only grew, so the bound only fell and the test passes again without computing anything.
 */
function fixedSequence(
  sequence: readonly number[],
  accepted: readonly number[],
  errors: readonly number[],
  alpha: number,
  level: number,
): { j: number; position: number; passed: boolean }[] {
  const out: { j: number; position: number; passed: boolean }[] = [];
  let passedErrors = -1;
  for (const j of sequence) {
    const passed = errors[j] === passedErrors || certifies(errors[j], accepted[j], alpha, level);
    out.push({ j, position: out.length + 1, passed });
    if (!passed) break;
    passedErrors = errors[j];
  }
  return out;
}

/** At most about `maxPoints` evenly spaced entries, always keeping the last and the marked ones. */
function thin<T>(xs: readonly T[], maxPoints: number, keep: (x: T) => boolean): T[] {
  if (xs.length <= maxPoints) return [...xs];
  const stepSize = Math.ceil(xs.length / maxPoints);
  return xs.filter((x, i) => i % stepSize === 0 || i === xs.length - 1 || keep(x));
}

/** Applies an acceptance threshold to held-out answers: coverage and the realised error among accepted. */
export function applyThreshold(
  items: readonly SelectiveItem[],
  threshold: number | null,
): { accepted: number; errors: number; coverage: number; risk: number | null } {
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
