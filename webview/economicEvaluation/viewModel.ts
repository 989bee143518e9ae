/** Pure helpers of the Economic Evaluation view: state restore, candidate filtering, number text. */
import { formatSig } from '../../src/protocol/format';
import {
  DEFAULT_KINDS,
  DEFAULT_OVERHEAD,
  isKindChosen,
  parseCandidateKinds,
  parseRouterOverhead,
  type CandidateKinds,
  type EconomicEvaluationWebviewState,
} from '../../src/protocol/economicEvaluation';
import type { CandidateKind } from '../../src/engines/economics/types';
import { logViewFile } from '../../src/protocol/logView';
import type { CandidateData } from '../../src/engines/economics/candidateData';

export const DEFAULT_STATE: Omit<EconomicEvaluationWebviewState, 'file'> = {
  priceError: 1,
  priceLatency: 0,
  priceAbstain: 0,
  kinds: DEFAULT_KINDS,
  overhead: DEFAULT_OVERHEAD,
  cascade: null,
  preset: 'medical-diagnosis',
};

const price = (x: unknown, fallback: number): number =>
  typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : fallback;

/** A saved or initial state, validated, with defaults for whatever is missing. */
export function restoreState(saved: unknown, initial: unknown): EconomicEvaluationWebviewState {
  const o = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<EconomicEvaluationWebviewState>;
  return {
    file: logViewFile(saved, initial),
    priceError: price(o.priceError, DEFAULT_STATE.priceError),
    priceLatency: price(o.priceLatency, DEFAULT_STATE.priceLatency),
    priceAbstain: price(o.priceAbstain, DEFAULT_STATE.priceAbstain),
    kinds: parseCandidateKinds(o.kinds) ?? DEFAULT_STATE.kinds,
    overhead: parseRouterOverhead(o.overhead),
    cascade: typeof o.cascade === 'string' ? o.cascade : null,
    preset: typeof o.preset === 'string' ? o.preset : DEFAULT_STATE.preset,
  };
}

/** The candidates of the chosen kinds. */
export function filterKinds(candidates: readonly CandidateData[], kinds: CandidateKinds): CandidateData[] {
  return candidates.filter((c) => isKindChosen(c.kind, kinds));
}

const KIND_LABELS: Record<CandidateKind, string> = {
  model: 'single model',
  cascade: 'cascade',
  abstention: 'model with abstention',
  router: 'router',
};

/** A candidate kind as the views name it. */
export function kindLabel(kind: CandidateKind): string {
  return KIND_LABELS[kind];
}

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
