import { asView, type RecordView } from './recordView';
import type { EvalRecord } from './types';

/**
 * What a log without any confidence score can and cannot give, said once (issue 15 item 3): the
 * analyses that rank answers by confidence cannot run; accuracy, cost, latency and the economics
 * of single models can.
 */
export const NO_CONFIDENCE_MESSAGE =
  'This log has no confidence scores (no logprob or confidence field): cascades, calibration, abstention and risk guarantees need them; accuracy, cost and single-model economics are shown.';

/** Whether no record of the log carries a confidence signal (an empty log has none). */
export function hasNoConfidence(records: readonly EvalRecord[] | RecordView): boolean {
  const view = asView(records);
  for (let i = 0; i < view.length; i++) if (view.confidence(i) !== null || view.logprob(i) !== null) return false;
  return true;
}

/** The sentence for a command or view that needs confidences: what is missing, and what it would have shown. */
export function needsConfidence(what: string): string {
  return `This log has no confidence scores (no logprob or confidence field), and ${what} needs them: accuracy, cost and single-model economics are in the summary and the Economic Evaluation.`;
}
