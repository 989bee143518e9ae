import type { CascadeGuaranteeReport, CascadeStage } from '../../engines/riskGuarantee/cascadeGuaranteeReport';
import type { ExchangeabilityCheck } from '../../engines/riskGuarantee/exchangeability';
import type { GuaranteeReport, ScanSummary } from '../../engines/riskGuarantee/guaranteeReport';
import { stepPercent } from '../../engines/riskGuarantee/scanNote';
import { formatFixed, formatSig } from '../../protocol/format';
import { maxOf } from '../../shared/arrays';

/** The scan in `--json`: method, level, sequence, the stop (null when none) and the plain note. */
export function scanJson(s: ScanSummary): Record<string, unknown> {
  const stop = s.stop && {
    position: s.stop.position,
    threshold: s.stop.threshold,
    accepted: s.stop.accepted,
    errors: s.stop.errors,
    coverage_cal: s.stop.coverageCal,
    upper_bound: s.stop.upperBound,
  };
  return {
    method: s.method,
    level: s.level,
    grid_step: s.gridStep,
    min_accepted: s.minAccepted,
    sequence_length: s.sequenceLength,
    tests_run: s.tests.length,
    stop,
    note: s.note,
  };
}

/** The exchangeability check in `--json` (null when calibration and test are the same split or one is empty). */
export function exchangeabilityJson(x: ExchangeabilityCheck | null): Record<string, unknown> | null {
  return (
    x && {
      exchangeable: x.exchangeable,
      n_cal: x.nCal,
      n_test: x.nTest,
      error_rate_cal: x.errorRate.cal,
      error_rate_test: x.errorRate.test,
      z: x.errorRate.z,
      p_error_rate: x.errorRate.p,
      ks_d: x.signal.d,
      p_signal: x.signal.p,
      summary: x.summary,
    }
  );
}

/** One text line naming the method and its sequence. */
export function methodLine(s: ScanSummary): string {
  const level = `each test at level ${formatSig(s.level, 3)}`;
  if (s.method === 'every-answer')
    return `method: every-answer (fixed-sequence over every distinct certainty from ${s.minAccepted} accepted answers, ${s.sequenceLength} points, ${level})`;
  const grid = `${s.sequenceLength} coverage points from ${s.minAccepted} accepted answers, every ${stepPercent(s.gridStep)} of coverage`;
  return `method: ${s.method} (${grid}, ${level})`;
}

/** The exchangeability line of the text output; a split shift is a warning instead (see the command). */
export function exchangeabilityLine(x: ExchangeabilityCheck | null, prefix = ''): string[] {
  return x && x.exchangeable ? [`${prefix}exchangeability: ${x.summary}`] : [];
}

/** What a guarantee was asked for: the risk level, the confidence and the two splits. */
export interface GuaranteeRun {
  alpha: number;
  delta: number;
  calSplit: string;
  testSplit: string;
}

/** `costrisk guarantee --json` for one model. */
export function guaranteeJson(g: GuaranteeReport): Record<string, unknown> {
  return {
    threshold: g.threshold,
    coverage_cal: g.coverageCal,
    coverage_test: g.coverageTest,
    risk_test: g.riskTest,
    upper_bound: g.upperBound,
    accepted_cal: g.acceptedCal,
    errors_cal: g.errorsCal,
    accepted_test: g.acceptedTest,
    errors_test: g.errorsTest,
    scan: scanJson(g.scan),
    exchangeability: exchangeabilityJson(g.exchangeability),
  };
}

/** `costrisk guarantee` for one model: the threshold, its bound, coverage and risk on both splits, the scan. */
export function guaranteeText(g: GuaranteeReport, { alpha, delta, calSplit, testSplit }: GuaranteeRun): string {
  return [
    `${g.model}, signal ${g.signal}, α = ${alpha}, δ = ${delta}; calibration "${calSplit}" (${g.nCal} answers), test "${testSplit}" (${g.nTest})`,
    methodLine(g.scan),
    `threshold: ${g.threshold === null ? 'none (abstain on every query)' : `${g.threshold} (${g.acceptRule})`}`,
    `upper bound on error among accepted calibration answers: ${formatFixed(g.upperBound, 4)} (≤ α with probability ≥ ${1 - delta})`,
    `coverage: calibration ${formatFixed(g.coverageCal, 4)} (${g.acceptedCal} of ${g.nCal}, ${g.errorsCal} wrong), test ${formatFixed(g.coverageTest, 4)} (${g.acceptedTest} of ${g.nTest} answers)`,
    `risk among accepted test answers: ${formatFixed(g.riskTest, 4)}  (α = ${alpha})${g.riskTest !== null && g.riskTest > alpha ? '  ← above α on this split' : ''}`,
    `scan: ${g.scan.note}`,
    ...exchangeabilityLine(g.exchangeability),
  ].join('\n');
}

/** The larger of the two stages' bounds (null when neither stage has one). */
function cascadeUpperBound(c: CascadeGuaranteeReport): number | null {
  const bounds = [c.weak.upperBound, c.strong.upperBound].filter((b): b is number => b !== null);
  return bounds.length ? maxOf(bounds) : null;
}

function stageJson(s: CascadeStage): Record<string, unknown> {
  return {
    model: s.model,
    signal: s.signal,
    threshold: s.threshold,
    upper_bound: s.upperBound,
    n_cal: s.nCal,
    scan: scanJson(s.scan),
    exchangeability: exchangeabilityJson(s.exchangeability),
  };
}

/** `costrisk guarantee --strong M2 --json`: both thresholds, the cascade's coverage and risk, each stage. */
export function cascadeGuaranteeJson(c: CascadeGuaranteeReport, method: string): Record<string, unknown> {
  return {
    threshold: c.weak.threshold,
    threshold_strong: c.strong.threshold,
    coverage_cal: c.cal.coverage,
    coverage_test: c.test.coverage,
    risk_test: c.test.risk,
    upper_bound: cascadeUpperBound(c),
    method,
    stages: [stageJson(c.weak), stageJson(c.strong)],
  };
}

/** When a stage accepts its model's answer, in words. */
function acceptsWhen(s: CascadeStage): string {
  return s.threshold === null
    ? 'never accepts'
    : `accepts when ${s.signal} ${s.signal === 'output_tokens' ? '<=' : '>='} ${s.threshold}`;
}

/** `costrisk guarantee --strong M2`: each stage's rule and bound, the cascade's coverage and risk on the test split. */
export function cascadeGuaranteeText(
  c: CascadeGuaranteeReport,
  { alpha, delta, calSplit, testSplit }: GuaranteeRun,
): string {
  const [model, strong] = [c.weak.model, c.strong.model];
  return [
    `cascade ${model} → ${strong} → abstain, α = ${alpha}, δ = ${delta} (δ/2 per stage); calibration "${calSplit}" (${c.nCal} queries), test "${testSplit}" (${c.nTest})`,
    methodLine(c.weak.scan),
    `${model}: ${acceptsWhen(c.weak)} (bound ${formatFixed(c.weak.upperBound, 4)})`,
    `  scan: ${c.weak.scan.note}`,
    `${strong}: ${acceptsWhen(c.strong)} (bound ${formatFixed(c.strong.upperBound, 4)}; calibrated on the ${c.strong.nCal} queries ${model} passes on)`,
    `  scan: ${c.strong.scan.note}`,
    `coverage: calibration ${formatFixed(c.cal.coverage, 4)}, test ${formatFixed(c.test.coverage, 4)} (${model} ${formatFixed(c.test.weakShare, 4)}, ${strong} ${formatFixed(c.test.strongShare, 4)})`,
    `risk among accepted test answers: ${formatFixed(c.test.risk, 4)}  (α = ${alpha}; bound ${formatFixed(cascadeUpperBound(c), 4)})`,
    ...exchangeabilityLine(c.weak.exchangeability, `${model} `),
    ...exchangeabilityLine(c.strong.exchangeability, `${strong} `),
  ].join('\n');
}
