import type { EvalRecord } from '../logs/types';
import { resolveSignal, signalValue, type SignalChoice, type SignalName } from '../abstention/certaintySignal';
import { pairAnswers } from '../abstention/pairAnswers';
import { guaranteedCascade, runCascade, type CascadeItem, type CascadeOutcome } from './guaranteedCascade';
import type { BoundPoint } from './guaranteedThreshold';

export interface CascadeGuaranteeOptions {
  weak: string;
  strong: string;
  alpha: number;
  delta: number;
  weakSignal?: SignalChoice;
  strongSignal?: SignalChoice;
  calSplit?: string;
  testSplit?: string;
  curvePoints?: number;
}

export interface CascadeStage {
  model: string;
  signal: SignalName;
  /** In the signal's units; null = this model never accepts. */
  threshold: number | null;
  upperBound: number | null;
  /** Calibration answers this stage was calibrated on. */
  nCal: number;
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
export function cascadeGuaranteeReport(records: readonly EvalRecord[], opts: CascadeGuaranteeOptions): CascadeGuaranteeReport {
  const calSplit = opts.calSplit ?? 'train';
  const testSplit = opts.testSplit ?? 'test';
  const of = (m: string) => records.filter((r) => r.model === m);
  const ws = resolveSignal(opts.weakSignal ?? 'auto', of(opts.weak), of(opts.weak).filter((r) => r.split === calSplit));
  const ss = resolveSignal(opts.strongSignal ?? 'auto', of(opts.strong), of(opts.strong).filter((r) => r.split === calSplit));
  const pairOpts = { fast: opts.weak, reasoning: opts.strong, fastSignal: ws.spec, reasoningSignal: ss.spec };
  const calPairs = pairAnswers(records, { ...pairOpts, split: calSplit });
  const testPairs = pairAnswers(records, { ...pairOpts, split: testSplit });
  const items = (p: typeof calPairs): CascadeItem[] => p.fast.map((w, i) => ({ weak: w, strong: p.reasoning[i] }));
  const cal = items(calPairs);
  const test = items(testPairs);
  const g = guaranteedCascade(cal, { alpha: opts.alpha, delta: opts.delta, curvePoints: opts.curvePoints });
  const stage = (model: string, spec: typeof ws.spec, r: typeof g.weak, nCal: number): CascadeStage => ({
    model,
    signal: spec.name,
    threshold: r.threshold === null ? null : signalValue(r.threshold, spec),
    upperBound: r.upperBound,
    nCal,
    curve: r.curve.map((p: BoundPoint) => ({ threshold: signalValue(p.threshold, spec), coverage: nCal ? p.accepted / nCal : 0, upperBound: p.upperBound, tested: p.tested })),
  });
  const passedCal = cal.filter((q) => g.weak.threshold === null || q.weak.certainty < g.weak.threshold).length;
  return {
    alpha: opts.alpha,
    delta: opts.delta,
    weak: stage(opts.weak, ws.spec, g.weak, cal.length),
    strong: stage(opts.strong, ss.spec, g.strong, passedCal),
    cal: g.cal,
    test: runCascade(test, g.weak.threshold, g.strong.threshold),
    nCal: cal.length,
    nTest: test.length,
    warnings: [...ws.warnings, ...ss.warnings, ...calPairs.warnings.map((w) => `calibration split: ${w}`), ...testPairs.warnings.map((w) => `test split: ${w}`), ...g.warnings],
  };
}
