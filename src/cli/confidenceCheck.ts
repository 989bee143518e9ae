import { lacksConfidenceFor } from '../engines/abstention/signalNeedsConfidence';
import type { SignalChoice } from '../engines/abstention/certaintySignal';
import { needsConfidence } from '../engines/logs/confidencePresence';
import type { EvalRecord } from '../engines/logs/types';
import type { RecordView } from '../engines/logs/recordView';
import { CliError } from './cliError';

/**
 * Refuses, in one sentence, a command that ranks answers by confidence on a log that has none
 * (issue 15 item 3): `uses` are the models and the signal each is ranked by; a reasoning model
 * ranked by its output tokens needs no confidence, so such a use passes. `records` hold at least
 * the uses' models, `log` is the whole log.
 */
export function requireConfidence(
  records: readonly EvalRecord[],
  uses: readonly { model: string; signal: SignalChoice }[],
  what: string,
  log: RecordView,
): void {
  if (lacksConfidenceFor(records, uses, log)) throw new CliError(needsConfidence(what));
}
