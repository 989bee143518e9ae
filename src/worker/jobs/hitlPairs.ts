import { resolveSignal, type SignalName } from '../../engines/abstention/certaintySignal';
import { pairAnswers, type PairedAnswers } from '../../engines/abstention/pairAnswers';
import type { EvalRecord } from '../../engines/logs/types';
import type { HitlSelection } from '../../protocol/humanInTheLoop';

/** The "Fail Fast, or Ask" pair of a selection, and the signals it was ranked by. */
export interface HitlPairs {
  paired: PairedAnswers;
  fastSignal: SignalName;
  reasoningSignal: SignalName;
  /** The signals' warnings, then the pairing's. */
  warnings: string[];
}

/**
 * Pairs the fast and the reasoning model's answers in the view's split, each ranked by its resolved
 * signal (fitted on the log's train split when it has one, else on the split's own answers), as the
 * humanInTheLoop job and its drill-down both do.
 */
export function hitlPairs(
  records: readonly EvalRecord[],
  selection: Pick<HitlSelection, 'split' | 'fastSignal' | 'reasoningSignal'> & { fast: string; reasoning: string },
): HitlPairs {
  const split = selection.split === '' ? undefined : selection.split;
  const inSplit = split === undefined ? records : records.filter((r) => r.split === split);
  const hasTrain = records.some((r) => r.split === 'train');
  const fitOn = (m: string) =>
    (hasTrain ? records : inSplit).filter((r) => r.model === m && (!hasTrain || r.split === 'train'));
  const resolve = (choice: HitlSelection['fastSignal'], m: string) =>
    resolveSignal(
      choice,
      inSplit.filter((r) => r.model === m),
      fitOn(m),
    );
  const fs = resolve(selection.fastSignal, selection.fast);
  const rs = resolve(selection.reasoningSignal, selection.reasoning);
  const paired = pairAnswers(inSplit, {
    fast: selection.fast,
    reasoning: selection.reasoning,
    fastSignal: fs.spec,
    reasoningSignal: rs.spec,
  });
  return {
    paired,
    fastSignal: fs.spec.name,
    reasoningSignal: rs.spec.name,
    warnings: [...fs.warnings, ...rs.warnings, ...paired.warnings],
  };
}
