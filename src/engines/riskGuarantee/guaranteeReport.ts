import type { EvalRecord } from '../logs/types';
import {
  acceptRule,
  resolveSignal,
  signalValue,
  type SignalChoice,
  type SignalName,
  type SignalSpec,
} from '../abstention/certaintySignal';
import { modelAnswers, type ScoredAnswer } from '../abstention/modelAnswers';
import { exchangeabilityCheck, type ExchangeabilityCheck } from './exchangeability';
import { applyThreshold, guaranteedThreshold, type GuaranteeResult } from './guaranteedThreshold';
import { scanNote } from './scanNote';
import type { GuaranteeMethod } from './testSequence';
import { appendAll } from '../../shared/arrays';

/** What both the single-model and the cascade report take besides the data. */
export interface SequenceOptions {
  /** Default `fixed-sequence` (see `GuaranteeMethod`). */
  method?: GuaranteeMethod;
  /** Coverage spacing of the grid (default 0.05). */
  gridStep?: number;
  /** Accepted answers at the first point of the sequence (see `guaranteedThreshold`). */
  minAccepted?: number;
  curvePoints?: number;
}

export interface GuaranteeReportOptions extends SequenceOptions {
  model: string;
  alpha: number;
  delta: number;
  signal?: SignalChoice;
  calSplit?: string;
  testSplit?: string;
}

/** A point of the bound curve, with the threshold in the signal's units and the realised test risk. */
export interface GuaranteeCurvePoint {
  threshold: number;
  coverageCal: number;
  upperBound: number;
  /** Calibration error rate among accepted answers. */
  riskCal: number;
  /** Realised test error among accepted answers at the same threshold (null when none accepted). */
  riskTest: number | null;
  tested: boolean;
}

/** One test of the sequence, with the threshold in the signal's units. */
export interface SequenceTest {
  position: number;
  threshold: number;
  coverageCal: number;
  accepted: number;
  errors: number;
  upperBound: number;
  passed: boolean;
}

/** How the threshold was found: the method, its sequence, the tests run and where a scan stopped. */
export interface ScanSummary {
  method: GuaranteeMethod;
  /** Level of each test (δ, or δ/m for Bonferroni; δ/2 per stage in a cascade). */
  level: number;
  gridStep: number | null;
  /** Accepted answers at the first point of the sequence. */
  minAccepted: number;
  sequenceLength: number;
  tests: SequenceTest[];
  /** The failing test that ended a fixed-sequence scan (null: every point passed, or Bonferroni). */
  stop: SequenceTest | null;
  /** Plain sentence: where and why the scan stopped and what it certified. */
  note: string;
}

export interface GuaranteeReport {
  model: string;
  signal: SignalName;
  alpha: number;
  delta: number;
  calSplit: string;
  testSplit: string;
  nCal: number;
  nTest: number;
  /** In the signal's units (a confidence, or an output-token count); null = abstain on everything. */
  threshold: number | null;
  acceptRule: string;
  coverageCal: number;
  acceptedCal: number;
  errorsCal: number;
  coverageTest: number;
  riskTest: number | null;
  upperBound: number | null;
  acceptedTest: number;
  errorsTest: number;
  minAccepted: number;
  scan: ScanSummary;
  /** Calibration against test split (null when either is empty). */
  exchangeability: ExchangeabilityCheck | null;
  curve: GuaranteeCurvePoint[];
  warnings: string[];
}

/**
 * The guaranteed-risk threshold of one model (see `guaranteedThreshold`): fitted on the calibration
 * split, then applied to the test split to report coverage and the realised risk next to α, with a
 * check that the two splits look exchangeable (the assumption the guarantee rests on).
 */
export function guaranteeReport(records: readonly EvalRecord[], opts: GuaranteeReportOptions): GuaranteeReport {
  const calSplit = opts.calSplit ?? 'train';
  const testSplit = opts.testSplit ?? 'test';
  const own = records.filter((r) => r.model === opts.model);
  // A `calibrated` signal is fitted on the calibration split only, so the test split stays untouched.
  const { spec, warnings } = resolveSignal(
    opts.signal ?? 'auto',
    own,
    own.filter((r) => r.split === calSplit),
  );
  const cal = modelAnswers(own, opts.model, spec, calSplit);
  const test = modelAnswers(own, opts.model, spec, testSplit);
  appendAll(appendAll(warnings, cal.warnings), test.warnings);
  if (cal.answers.length === 0) warnings.push(`${opts.model} has no calibration answers in split "${calSplit}"`);
  if (test.answers.length === 0) warnings.push(`${opts.model} has no test answers in split "${testSplit}"`);
  const exchangeability =
    calSplit === testSplit
      ? null
      : exchangeabilityCheck(cal.answers, test.answers, { cal: calSplit, test: testSplit, model: opts.model });
  if (exchangeability && !exchangeability.exchangeable) warnings.push(exchangeability.summary);
  const g = guaranteedThreshold(cal.answers, {
    alpha: opts.alpha,
    delta: opts.delta,
    method: opts.method,
    gridStep: opts.gridStep,
    curvePoints: opts.curvePoints,
    minAccepted: opts.minAccepted,
  });
  const t = applyThreshold(test.answers, g.threshold);
  return {
    model: opts.model,
    signal: spec.name,
    alpha: opts.alpha,
    delta: opts.delta,
    calSplit,
    testSplit,
    nCal: cal.answers.length,
    nTest: test.answers.length,
    threshold: g.threshold === null ? null : signalValue(g.threshold, spec),
    acceptRule: g.threshold === null ? 'abstain on every query' : acceptRule(g.threshold, spec),
    coverageCal: g.coverageCal,
    acceptedCal: g.acceptedCal,
    errorsCal: g.errorsCal,
    coverageTest: t.coverage,
    riskTest: t.risk,
    upperBound: g.upperBound,
    acceptedTest: t.accepted,
    errorsTest: t.errors,
    minAccepted: g.minAccepted,
    scan: scanSummary(g, spec),
    exchangeability,
    curve: testRiskCurve(g.curve, cal.answers.length, test.answers, spec),
    warnings: [...warnings, ...g.warnings],
  };
}

/** The scan of a `guaranteedThreshold` result with thresholds in the signal's units. */
export function scanSummary(g: GuaranteeResult, spec: SignalSpec): ScanSummary {
  const test = (t: GuaranteeResult['tests'][number]): SequenceTest => ({
    position: t.position,
    threshold: signalValue(t.threshold, spec),
    coverageCal: g.n ? t.accepted / g.n : 0,
    accepted: t.accepted,
    errors: t.errors,
    upperBound: t.upperBound,
    passed: t.passed,
  });
  return {
    method: g.method,
    level: g.level,
    gridStep: g.gridStep,
    minAccepted: g.minAccepted,
    sequenceLength: g.sequenceLength,
    tests: g.tests.map(test),
    stop: g.stop ? test(g.stop) : null,
    note: scanNote(g),
  };
}

function testRiskCurve(
  points: GuaranteeResult['curve'],
  nCal: number,
  test: readonly ScoredAnswer[],
  spec: SignalSpec,
): GuaranteeCurvePoint[] {
  const sorted = [...test].sort((a, b) => b.certainty - a.certainty);
  let idx = 0;
  let accepted = 0;
  let errors = 0;
  // Curve points come in decreasing certainty, so one pass over the sorted test answers suffices.
  return [...points]
    .sort((a, b) => b.threshold - a.threshold)
    .map((p) => {
      while (idx < sorted.length && sorted[idx].certainty >= p.threshold) {
        accepted++;
        if (!sorted[idx].correct) errors++;
        idx++;
      }
      return {
        threshold: signalValue(p.threshold, spec),
        coverageCal: nCal ? p.accepted / nCal : 0,
        upperBound: p.upperBound,
        riskCal: p.accepted ? p.errors / p.accepted : 0,
        riskTest: accepted ? errors / accepted : null,
        tested: p.tested,
      };
    });
}
