import { ascendingOrder, massBands } from './massBands';
import { failFastRates } from './failFastRates';
import type { PairedAnswers } from './pairAnswers';
import type { ScoredAnswer } from './modelAnswers';

/** Column arrays of paired answers, with sort orders computed once for repeated evaluation. */
export interface PreparedPairs {
  n: number;
  fast: PreparedModel;
  reasoning: PreparedModel;
}

interface PreparedModel {
  certainty: Float64Array;
  order: Uint32Array;
  correct: Float64Array;
  /** null when any answer lacks the value (means are then not defined). */
  latency: Float64Array | null;
  cost: Float64Array | null;
}

export function preparePairs(p: Pick<PairedAnswers, 'fast' | 'reasoning'>): PreparedPairs {
  return { n: p.fast.length, fast: prepareModel(p.fast), reasoning: prepareModel(p.reasoning) };
}

function prepareModel(answers: readonly ScoredAnswer[]): PreparedModel {
  const certainty = Float64Array.from(answers, (a) => a.certainty);
  const column = (pick: (a: ScoredAnswer) => number | null): Float64Array | null => (answers.every((a) => pick(a) !== null) ? Float64Array.from(answers, (a) => pick(a) as number) : null);
  return { certainty, order: ascendingOrder(certainty), correct: Float64Array.from(answers, (a) => (a.correct ? 1 : 0)), latency: column((a) => a.latencyS), cost: column((a) => a.costUsd) };
}

/** One configuration's operating point; shares are of all queries, means are per query. */
export interface SystemPoint {
  utilization: number;
  rejection: number;
  failFastRate: number;
  passRate: number;
  /** Accuracy on the queries no human saw; null when every query went to the human. */
  accuracy: number | null;
  meanLatencyS: number | null;
  meanCostUsd: number | null;
  /** Mean reasoning-model latency over the queries it received (null when it received none or latency is unknown). */
  reasoningLatencyGivenPassS: number | null;
}

/**
 * "Ask" (thesis §4.3, Figure 4.1 top): the reasoning model answers every query and defers the
 * ρ·n least certain ones to the human. Latency and cost are the reasoning model's alone (the human
 * is an instant, perfect oracle, as in the thesis).
 */
export function evaluateAsk(p: PreparedPairs, rejection: number): SystemPoint {
  const r = p.reasoning;
  const [, kept] = massBands(r.certainty, null, [rejection * p.n], r.order);
  return {
    utilization: 0,
    rejection,
    failFastRate: 0,
    passRate: 1,
    accuracy: weightedMean(kept, r.correct),
    meanLatencyS: r.latency && p.n ? sum(r.latency) / p.n : null,
    meanCostUsd: r.cost && p.n ? sum(r.cost) / p.n : null,
    reasoningLatencyGivenPassS: r.latency && p.n ? sum(r.latency) / p.n : null,
  };
}

/**
 * "Fail Fast, or Ask" (thesis §4.3, eq. 4.1): the non-reasoning model sees every query; its u·ρ
 * least confident go straight to the human, the next 1 − u are passed to the reasoning model, the
 * rest it answers. The reasoning model defers the ρ share of what it receives that it is least
 * certain about. Latency and cost add the reasoning model's only for passed queries. Ties and
 * fractional shares are split as in `massBands` (expected value under random tie-breaking).
 */
export function evaluateFailFast(p: PreparedPairs, utilization: number, rejection: number): SystemPoint {
  const rates = failFastRates(utilization, rejection);
  const { n, fast, reasoning } = p;
  const [, pass, respond] = massBands(fast.certainty, null, [rates.failFast * n, rates.pass * n], fast.order);
  const passMass = sum(pass);
  const [, kept] = massBands(reasoning.certainty, pass, [rates.reasoningRejection * passMass], reasoning.order);
  let correct = 0;
  let answered = 0;
  for (let i = 0; i < n; i++) {
    correct += respond[i] * fast.correct[i] + kept[i] * reasoning.correct[i];
    answered += respond[i] + kept[i];
  }
  const mean = (a: Float64Array | null, b: Float64Array | null): number | null => (a && b && n ? (sum(a) + dot(pass, b)) / n : null);
  return {
    utilization,
    rejection,
    failFastRate: rates.failFast,
    passRate: rates.pass,
    accuracy: answered > 1e-9 ? correct / answered : null,
    meanLatencyS: mean(fast.latency, reasoning.latency),
    meanCostUsd: mean(fast.cost, reasoning.cost),
    reasoningLatencyGivenPassS: reasoning.latency && passMass > 1e-9 ? dot(pass, reasoning.latency) / passMass : null,
  };
}

function weightedMean(w: Float64Array, v: Float64Array): number | null {
  const total = sum(w);
  return total > 1e-9 ? dot(w, v) / total : null;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
