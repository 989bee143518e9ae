/** Pure helpers of the Economic Evaluation view: state restore, candidate filtering, number text. */
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
import { runsViewState } from '../../src/protocol/logView';
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
    ...runsViewState(saved, initial),
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
