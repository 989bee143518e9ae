/** Pure helpers of the Economic Evaluation view: state restore, candidate filtering, number text. */
import { formatUsd } from '../../src/protocol/format';
import { DEFAULT_KINDS, isCandidateKinds, type CandidateKinds, type EconomicEvaluationWebviewState } from '../../src/protocol/economicEvaluation';
import { logViewFile } from '../../src/protocol/logView';
import type { CandidateData } from '../../src/engines/economics/candidateData';

export const DEFAULT_STATE: Omit<EconomicEvaluationWebviewState, 'file'> = {
  priceError: 1,
  priceLatency: 0,
  priceAbstain: 0,
  kinds: DEFAULT_KINDS,
  cascade: null,
  preset: 'medical-diagnosis',
};

const price = (x: unknown, fallback: number): number => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : fallback);

/** A saved or initial state, validated, with defaults for whatever is missing. */
export function restoreState(saved: unknown, initial: unknown): EconomicEvaluationWebviewState {
  const o = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<EconomicEvaluationWebviewState>;
  return {
    file: logViewFile(saved, initial),
    priceError: price(o.priceError, DEFAULT_STATE.priceError),
    priceLatency: price(o.priceLatency, DEFAULT_STATE.priceLatency),
    priceAbstain: price(o.priceAbstain, DEFAULT_STATE.priceAbstain),
    kinds: isCandidateKinds(o.kinds) ? o.kinds : DEFAULT_STATE.kinds,
    cascade: typeof o.cascade === 'string' ? o.cascade : null,
    preset: typeof o.preset === 'string' ? o.preset : DEFAULT_STATE.preset,
  };
}

export function filterKinds(candidates: readonly CandidateData[], kinds: CandidateKinds): CandidateData[] {
  return candidates.filter((c) => (c.kind === 'model' && kinds.models) || (c.kind === 'cascade' && kinds.cascades) || (c.kind === 'router' && kinds.routers));
}

export { formatReward } from '../charts/econChartStyle';

/** $ per second as "$0.50/min ($30/hour)". */
export function formatLatencyPrice(perSecond: number): string {
  return `${formatUsd(perSecond * 60)}/min (${formatUsd(perSecond * 3600)}/hour wage)`;
}

/** Threshold list as text. */
export function formatThresholds(t: readonly number[]): string {
  return t.map((x) => String(Number(x.toPrecision(3)))).join(', ');
}
