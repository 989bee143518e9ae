import { applyCalibrator, fitCalibrator } from '../calibration/fitCalibrator';
import type { EvalRecord } from '../logs/types';

/**
 * Which per-record number ranks answers from most to least certain (thesis §4.3):
 * - `confidence`: the record's raw confidence (e.g. the answer token's probability);
 * - `calibrated`: the confidence through a logistic calibrator (thesis §2.4) fitted on a
 *   calibration split — same ranking, but thresholds read as probabilities of being right;
 * - `p_true`: the same field, for logs whose signal is a P(True) self-check (Kadavath et al.);
 * - `output_tokens`: the answer's length for reasoning models — a longer trace means less certain.
 * `auto` picks `output_tokens` for models marked `reasoning: true` that log token counts, else `confidence`.
 */
export type SignalName = 'confidence' | 'calibrated' | 'p_true' | 'output_tokens';
export type SignalChoice = SignalName | 'auto';

export interface SignalSpec {
  name: SignalName;
  /**
   * Monotone non-decreasing map from a record's confidence signal (logprob and/or confidence) to a
   * calibrated probability; set by `resolveSignal` for `calibrated`, or plugged in by a caller.
   * Rankings, curves and coverage do not change under it; thresholds are then reported in
   * calibrated units. Ignored for `output_tokens`.
   */
  calibrate?: (signal: Pick<EvalRecord, 'logprob' | 'confidence'>) => number;
}

/**
 * The certainty of one record under a signal: larger means more certain; null when the record
 * lacks the signal. For `output_tokens` it is minus the token count, so every engine can sort the
 * same way; `signalValue` turns it back into the signal's own units.
 */
export function certaintyOf(record: EvalRecord, spec: SignalSpec): number | null {
  if (spec.name === 'output_tokens') return record.outputTokens === null ? null : -record.outputTokens;
  if (record.confidence === null) return null;
  return spec.calibrate ? spec.calibrate(record) : record.confidence;
}

/** A certainty back in the signal's own units (a confidence, or a number of output tokens). */
export function signalValue(certainty: number, spec: SignalSpec): number {
  return spec.name === 'output_tokens' ? -certainty : certainty;
}

/** Plain-language acceptance rule for a threshold in certainty units. */
export function acceptRule(certainty: number, spec: SignalSpec): string {
  return spec.name === 'output_tokens'
    ? `accept when output tokens <= ${-certainty}`
    : `accept when ${spec.name} >= ${certainty}`;
}

/**
 * Resolves `auto` for one model's records and says what was chosen and why. For `calibrated`, the
 * calibrator is fitted on `fitOn` (the model's calibration-split records; default: `records`).
 */
export function resolveSignal(
  choice: SignalChoice,
  records: readonly EvalRecord[],
  fitOn: readonly EvalRecord[] = records,
): { spec: SignalSpec; warnings: string[] } {
  const warnings: string[] = [];
  if (choice === 'calibrated') return calibratedSignal(fitOn);
  if (choice === 'auto') {
    const reasoning = records.length > 0 && records.every((r) => r.reasoning === true);
    const tokens = records.length > 0 && records.every((r) => r.outputTokens !== null);
    return { spec: { name: reasoning && tokens ? 'output_tokens' : 'confidence' }, warnings };
  }
  if (choice === 'p_true') {
    const other = records.filter((r) => r.confidence !== null && !/p_?true/i.test(r.signal)).length;
    if (other > 0)
      warnings.push(
        `${other} record(s) give a confidence whose signal is not P(True) (signal field: "${records.find((r) => !/p_?true/i.test(r.signal))?.signal ?? ''}"); it is used as given.`,
      );
  }
  if (choice === 'output_tokens') {
    const nonReasoning = records.filter((r) => r.reasoning === false).length;
    if (nonReasoning > 0)
      warnings.push(
        `${nonReasoning} record(s) are marked as non-reasoning; output length is a weak uncertainty signal for them.`,
      );
  }
  return { spec: { name: choice }, warnings };
}

/** Fits the logistic calibrator (thesis eqs. 2.3, 2.16–2.18) on records that carry a confidence. */
function calibratedSignal(fitOn: readonly EvalRecord[]): { spec: SignalSpec; warnings: string[] } {
  const usable = fitOn.filter((r) => r.confidence !== null);
  const model = usable[0]?.model ?? fitOn[0]?.model ?? 'model';
  if (usable.length === 0)
    return { spec: { name: 'confidence' }, warnings: [`${model}: no confidence to calibrate; the raw signal is used`] };
  const fit = fitCalibrator({ signals: usable, correct: usable.map((r) => r.correct), taskType: usable[0].taskType });
  const warnings = fit.warnings.map((w) => `${model} calibration: ${w}`);
  if (fit.degenerate)
    return {
      spec: { name: 'confidence' },
      warnings: [...warnings, `${model}: ${fit.degenerate}; the raw confidence is used instead`],
    };
  if (fit.calibrator.slope <= 0)
    return {
      spec: { name: 'confidence' },
      warnings: [
        ...warnings,
        `${model}: the calibrator does not increase with confidence; the raw confidence is used instead`,
      ],
    };
  const cal = fit.calibrator;
  return { spec: { name: 'calibrated', calibrate: (r) => applyCalibrator(cal, r) }, warnings };
}
