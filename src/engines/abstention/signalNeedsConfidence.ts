import type { EvalRecord } from '../logs/types';
import { resolveSignal, type SignalChoice } from './certaintySignal';
import { hasNoConfidence } from '../logs/confidencePresence';
import type { RecordView } from '../logs/recordView';

/**
 * Whether ranking one model's answers by `choice` needs confidence scores: every signal but output
 * tokens does, and `auto` does unless it resolves to output tokens (a reasoning model that logs
 * token counts). `records` are that model's records.
 */
export function signalNeedsConfidence(choice: SignalChoice, records: readonly EvalRecord[]): boolean {
  if (choice === 'output_tokens') return false;
  if (choice !== 'auto') return true;
  return resolveSignal('auto', records).spec.name !== 'output_tokens';
}

/**
 * Whether a log without any confidence score leaves one of these uses without its signal (each
 * use: a model and the signal it is ranked by); false for a log that has confidences. `records`
 * hold at least the uses' models; `log` is the whole log when `records` are only some of it.
 */
export function lacksConfidenceFor(
  records: readonly EvalRecord[],
  uses: readonly { model: string; signal: SignalChoice }[],
  log: readonly EvalRecord[] | RecordView = records,
): boolean {
  return (
    hasNoConfidence(log) &&
    uses.some((u) =>
      signalNeedsConfidence(
        u.signal,
        records.filter((r) => r.model === u.model),
      ),
    )
  );
}
