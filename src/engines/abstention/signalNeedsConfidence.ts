import type { EvalRecord } from '../logs/types';
import { resolveSignal, type SignalChoice } from './certaintySignal';

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
