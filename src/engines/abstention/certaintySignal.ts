import type { EvalRecord } from '../logs/types';

/**
 * Which per-record number ranks answers from most to least certain (thesis §4.3):
 * - `confidence`: the record's confidence (e.g. the answer token's probability), optionally passed
 *   through a calibration map;
 * - `p_true`: the same field, for logs whose signal is a P(True) self-check (Kadavath et al.);
 * - `output_tokens`: the answer's length for reasoning models — a longer trace means less certain.
 * `auto` picks `output_tokens` for models marked `reasoning: true` that log token counts, else `confidence`.
 */
export type SignalName = 'confidence' | 'p_true' | 'output_tokens';
export type SignalChoice = SignalName | 'auto';

export interface SignalSpec {
  name: SignalName;
  /**
   * Monotone non-decreasing map applied to the confidence (a calibration curve from the calibration
   * engine). Rankings, curves and coverage do not change under it; thresholds are then reported in
   * calibrated units. Ignored for `output_tokens`.
   */
  calibrate?: (confidence: number) => number;
}

/**
 * The certainty of one record under a signal: larger means more certain; null when the record
 * lacks the signal. For `output_tokens` it is minus the token count, so every engine can sort the
 * same way; `signalValue` turns it back into the signal's own units.
 */
export function certaintyOf(record: EvalRecord, spec: SignalSpec): number | null {
  if (spec.name === 'output_tokens') return record.outputTokens === null ? null : -record.outputTokens;
  if (record.confidence === null) return null;
  return spec.calibrate ? spec.calibrate(record.confidence) : record.confidence;
}

/** A certainty back in the signal's own units (a confidence, or a number of output tokens). */
export function signalValue(certainty: number, spec: SignalSpec): number {
  return spec.name === 'output_tokens' ? -certainty : certainty;
}

/** Plain-language acceptance rule for a threshold in certainty units. */
export function acceptRule(certainty: number, spec: SignalSpec): string {
  return spec.name === 'output_tokens' ? `accept when output tokens <= ${-certainty}` : `accept when ${spec.name} >= ${certainty}`;
}

/** Resolves `auto` for one model's records and says what was chosen and why. */
export function resolveSignal(choice: SignalChoice, records: readonly EvalRecord[]): { spec: SignalSpec; warnings: string[] } {
  const warnings: string[] = [];
  if (choice === 'auto') {
    const reasoning = records.length > 0 && records.every((r) => r.reasoning === true);
    const tokens = records.length > 0 && records.every((r) => r.outputTokens !== null);
    return { spec: { name: reasoning && tokens ? 'output_tokens' : 'confidence' }, warnings };
  }
  if (choice === 'p_true') {
    const other = records.filter((r) => r.confidence !== null && !/p_?true/i.test(r.signal)).length;
    if (other > 0) warnings.push(`${other} record(s) give a confidence whose signal is not P(True) (signal field: "${records.find((r) => !/p_?true/i.test(r.signal))?.signal ?? ''}"); it is used as given.`);
  }
  if (choice === 'output_tokens') {
    const nonReasoning = records.filter((r) => r.reasoning === false).length;
    if (nonReasoning > 0) warnings.push(`${nonReasoning} record(s) are marked as non-reasoning; output length is a weak uncertainty signal for them.`);
  }
  return { spec: { name: choice }, warnings };
}
