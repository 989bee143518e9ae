import type { EvalRecord } from '../logs/types';
import {
  resolveSignal,
  signalValue,
  type SignalChoice,
  type SignalName,
  type SignalSpec,
} from '../abstention/certaintySignal';
import { pairAnswers } from '../abstention/pairAnswers';
import type { SelectiveItem } from '../abstention/accuracyRejectionCurve';
import { exchangeabilityCheck, type ExchangeabilityCheck } from './exchangeability';
import { guaranteedCascade, runCascade, type CascadeItem, type CascadeOutcome } from './guaranteedCascade';
import type { GuaranteeResult } from './guaranteedThreshold';
import { scanSummary, type ScanSummary, type SequenceOptions } from './guaranteeReport';

export interface CascadeGuaranteeOptions extends SequenceOptions {
  weak: string;
  strong: string;
  alpha: number;
  delta: number;
  weakSignal?: SignalChoice;
  strongSignal?: SignalChoice;
  calSplit?: string;
  testSplit?: string;
}

export interface CascadeStage {
  model: string;
  signal: SignalName;
  /** In the signal's units; null = this model never accepts. */
  threshold: number | null;
  upperBound: number | null;
  /** Calibration answers this stage was calibrated on. */
  nCal: number;
  /** The stage's sequence, tests and stop (at level δ/2, or δ/2m for Bonferroni). */
  scan: ScanSummary;
  /** This model's calibration against test answers (all paired queries). */
  exchangeability: ExchangeabilityCheck | null;
  curve: { threshold: number; coverage: number; upperBound: number; tested: boolean }[];
}

export interface CascadeGuaranteeReport {
  alpha: number;
  delta: number;
  weak: CascadeStage;
  strong: CascadeStage;
  cal: CascadeOutcome;
  test: CascadeOutcome;
  nCal: number;
  nTest: number;
  warnings: string[];
}

/** Two-model guaranteed-risk cascade fitted on one split and applied to another (see `guaranteedCascade`). */
export function cascadeGuaranteeReport(
  records: readonly EvalRecord[],
  opts: CascadeGuaranteeOptions,
): CascadeGuaranteeReport {
  const calSplit = opts.calSplit ?? 'train';
  const testSplit = opts.testSplit ?? 'test';
  const of = (m: string) => records.filter((r) => r.model === m);
  const ws = resolveSignal(
    opts.weakSignal ?? 'auto',
    of(opts.weak),
    of(opts.weak).filter((r) => r.split === calSplit),
  );
  const ss = resolveSignal(
    opts.strongSignal ?? 'auto',
    of(opts.strong),
    of(opts.strong).filter((r) => r.split === calSplit),
  );
  const pairOpts = { fast: opts.weak, reasoning: opts.strong, fastSignal: ws.spec, reasoningSignal: ss.spec };
  const calPairs = pairAnswers(records, { ...pairOpts, split: calSplit });
  const testPairs = pairAnswers(records, { ...pairOpts, split: testSplit });
  const items = (p: typeof calPairs): CascadeItem[] => p.fast.map((w, i) => ({ weak: w, strong: p.reasoning[i] }));
  const cal = items(calPairs);
  const test = items(testPairs);
  const g = guaranteedCascade(cal, {
    alpha: opts.alpha,
    delta: opts.delta,
    method: opts.method,
    gridStep: opts.gridStep,
    minAccepted: opts.minAccepted,
    curvePoints: opts.curvePoints,
  });
  const check = (model: string, pick: (q: CascadeItem) => SelectiveItem) =>
    calSplit === testSplit
      ? null
      : exchangeabilityCheck(cal.map(pick), test.map(pick), { cal: calSplit, test: testSplit, model });
  const weak = stage(
    opts.weak,
    ws.spec,
    g.weak,
    check(opts.weak, (q) => q.weak),
  );
  const strong = stage(
    opts.strong,
    ss.spec,
    g.strong,
    check(opts.strong, (q) => q.strong),
  );
  const shifts = [weak, strong].flatMap((s) =>
    s.exchangeability && !s.exchangeability.exchangeable ? [s.exchangeability.summary] : [],
  );
  return {
    alpha: opts.alpha,
    delta: opts.delta,
    weak,
    strong,
    cal: g.cal,
    test: runCascade(test, g.weak.threshold, g.strong.threshold),
    nCal: cal.length,
    nTest: test.length,
    warnings: [
      ...ws.warnings,
      ...ss.warnings,
      ...calPairs.warnings.map((w) => `calibration split: ${w}`),
      ...testPairs.warnings.map((w) => `test split: ${w}`),
      ...shifts,
      ...g.warnings,
    ],
  };
}

/** One stage of the cascade as reported: its threshold, bound and curve in the signal's units. */
function stage(
  model: string,
  spec: SignalSpec,
  r: GuaranteeResult,
  exchangeability: ExchangeabilityCheck | null,
): CascadeStage {
  return {
    model,
    signal: spec.name,
    threshold: r.threshold === null ? null : signalValue(r.threshold, spec),
    upperBound: r.upperBound,
    nCal: r.n,
    scan: scanSummary(r, spec),
    exchangeability,
    curve: r.curve.map((p) => ({
      threshold: signalValue(p.threshold, spec),
      coverage: r.n ? p.accepted / r.n : 0,
      upperBound: p.upperBound,
      tested: p.tested,
    })),
  };
}
