import type { ExchangeabilityCheck } from '../../engines/riskGuarantee/exchangeability';
import type { ScanSummary } from '../../engines/riskGuarantee/guaranteeReport';
import { stepPercent } from '../../engines/riskGuarantee/scanNote';
import { formatSig } from '../../protocol/format';

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
