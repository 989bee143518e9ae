/** How the economic views describe a candidate's tuned parameters: its thresholds and what its deferral rate counts. */
import type { CandidateKind } from '../../src/engines/economics/types';
import { formatSig } from '../../src/protocol/format';

/**
 * What a candidate's "deferral rate" counts, as a verb phrase before a share of queries: a cascade
 * defers past its first model, a model with abstention abstains, a router sends the query past its
 * cheapest model (to a dearer one, or to abstention).
 */
export function deferralWords(kind: Exclude<CandidateKind, 'model'>): string {
  return kind === 'cascade'
    ? 'defers'
    : kind === 'abstention'
      ? 'abstains on'
      : 'sends past its cheapest model (or abstains on)';
}

/** Threshold list as text (three significant digits). */
export function formatThresholds(t: readonly number[]): string {
  return t.map((x) => formatSig(x, 3)).join(', ');
}
