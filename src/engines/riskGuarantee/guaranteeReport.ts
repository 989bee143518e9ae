import type { EvalRecord } from '../logs/types';
import { acceptRule, resolveSignal, signalValue, type SignalChoice, type SignalName, type SignalSpec } from '../abstention/certaintySignal';
import { modelAnswers, type ScoredAnswer } from '../abstention/modelAnswers';
import { applyThreshold, guaranteedThreshold } from './guaranteedThreshold';
import { appendAll } from '../../shared/arrays';

export interface GuaranteeReportOptions {
  model: string;
  alpha: number;
  delta: number;
  signal?: SignalChoice;
  calSplit?: string;
  testSplit?: string;
  curvePoints?: number;
  /** Start the scan where this many calibration answers are accepted (see `guaranteedThreshold`). */
  minAccepted?: number;
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
  coverageTest: number;
  riskTest: number | null;
  upperBound: number | null;
  acceptedTest: number;
  errorsTest: number;
  minAccepted: number;
  curve: GuaranteeCurvePoint[];
  warnings: string[];
}

/**
 * The guaranteed-risk threshold of one model (see `guaranteedThreshold`): fitted on the calibration
 * split, then applied to the test split to report coverage and the realised risk next to α.
 */
export function guaranteeReport(records: readonly EvalRecord[], opts: GuaranteeReportOptions): GuaranteeReport {
  const calSplit = opts.calSplit ?? 'train';
  const testSplit = opts.testSplit ?? 'test';
  const own = records.filter((r) => r.model === opts.model);
  // A `calibrated` signal is fitted on the calibration split only, so the test split stays untouched.
  const { spec, warnings } = resolveSignal(opts.signal ?? 'auto', own, own.filter((r) => r.split === calSplit));
  const cal = modelAnswers(own, opts.model, spec, calSplit);
  const test = modelAnswers(own, opts.model, spec, testSplit);
  appendAll(appendAll(warnings, cal.warnings), test.warnings);
  if (cal.answers.length === 0) warnings.push(`${opts.model} has no calibration answers in split "${calSplit}"`);
  if (test.answers.length === 0) warnings.push(`${opts.model} has no test answers in split "${testSplit}"`);
  const shift = errorRateShift(cal.answers, test.answers);
  if (shift) warnings.push(`the calibration split "${calSplit}" and the test split "${testSplit}" look different: error rate ${shift.cal.toFixed(3)} vs ${shift.test.toFixed(3)} (z = ${shift.z.toFixed(1)}); the guarantee assumes both are drawn from the same distribution`);
  const g = guaranteedThreshold(cal.answers, { alpha: opts.alpha, delta: opts.delta, curvePoints: opts.curvePoints, minAccepted: opts.minAccepted });
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
    coverageTest: t.coverage,
    riskTest: t.risk,
    upperBound: g.upperBound,
    acceptedTest: t.accepted,
    errorsTest: t.errors,
    minAccepted: g.minAccepted,
    curve: testRiskCurve(g.curve, cal.answers.length, test.answers, spec),
    warnings: [...warnings, ...g.warnings],
  };
}

function testRiskCurve(points: ReturnType<typeof guaranteedThreshold>['curve'], nCal: number, test: readonly ScoredAnswer[], spec: SignalSpec): GuaranteeCurvePoint[] {
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

/**
 * Two-proportion z-test of the overall error rate on calibration vs test answers. The guarantee needs
 * the two to be exchangeable; |z| > 3 (two-sided p < 0.003) is reported as a likely shift.
 */
export function errorRateShift(cal: readonly ScoredAnswer[], test: readonly ScoredAnswer[]): { cal: number; test: number; z: number } | null {
  if (cal.length === 0 || test.length === 0) return null;
  const e1 = cal.filter((a) => !a.correct).length;
  const e2 = test.filter((a) => !a.correct).length;
  const p1 = e1 / cal.length;
  const p2 = e2 / test.length;
  const pooled = (e1 + e2) / (cal.length + test.length);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / cal.length + 1 / test.length));
  if (!(se > 0)) return null;
  const z = (p1 - p2) / se;
  return Math.abs(z) > 3 ? { cal: p1, test: p2, z } : null;
}
