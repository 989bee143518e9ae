import { ascendingOrder } from './massBands';
import { failFastRates } from './failFastRates';
import type { PairedAnswers } from './pairAnswers';
import type { ScoredAnswer } from './modelAnswers';
import { bandOf, bandSum, bandWeight, sortAnswers, sortedPrefix, type SortedAnswers } from './sortedBands';

/**
 * Paired answers prepared once for many evaluations: each model's answers sorted by certainty with
 * their tie blocks, and prefix sums (in the fast model's order, and in the reasoning model's own
 * order) of everything the systems add up, so an operating point costs O(log n) plus a walk over
 * the reasoning model's least certain passed answers.
 */
export interface PreparedPairs {
  n: number;
  fast: PreparedModel;
  reasoning: PreparedModel;
  /** Prefix sums over the fast model's sorted positions. */
  byFast: {
    fastCorrect: Float64Array;
    reasoningCorrect: Float64Array;
    reasoningLatency: Float64Array | null;
    reasoningCost: Float64Array | null;
  };
  /** Prefix sums of the reasoning model's correctness over its own sorted positions. */
  byReasoning: { reasoningCorrect: Float64Array };
}

export interface PreparedModel {
  certainty: Float64Array;
  order: Uint32Array;
  sorted: SortedAnswers;
  correct: Float64Array;
  /** null when any answer lacks the value (means are then not defined). */
  latency: Float64Array | null;
  cost: Float64Array | null;
}

export function preparePairs(p: Pick<PairedAnswers, 'fast' | 'reasoning'>): PreparedPairs {
  const fast = prepareModel(p.fast);
  const reasoning = prepareModel(p.reasoning);
  const fo = fast.order;
  return {
    n: p.fast.length,
    fast,
    reasoning,
    byFast: {
      fastCorrect: sortedPrefix(fast.correct, fo) as Float64Array,
      reasoningCorrect: sortedPrefix(reasoning.correct, fo) as Float64Array,
      reasoningLatency: sortedPrefix(reasoning.latency, fo),
      reasoningCost: sortedPrefix(reasoning.cost, fo),
    },
    byReasoning: { reasoningCorrect: sortedPrefix(reasoning.correct, reasoning.order) as Float64Array },
  };
}

function prepareModel(answers: readonly ScoredAnswer[]): PreparedModel {
  const certainty = Float64Array.from(answers, (a) => a.certainty);
  const column = (pick: (a: ScoredAnswer) => number | null): Float64Array | null =>
    answers.every((a) => pick(a) !== null) ? Float64Array.from(answers, (a) => pick(a) as number) : null;
  const order = ascendingOrder(certainty);
  return {
    certainty,
    order,
    sorted: sortAnswers(certainty, order),
    correct: Float64Array.from(answers, (a) => (a.correct ? 1 : 0)),
    latency: column((a) => a.latencyS),
    cost: column((a) => a.costUsd),
  };
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
  const { n, reasoning: r } = p;
  const kept = bandOf(r.sorted, rejection * n, n);
  const keptMass = n - Math.min(n, rejection * n);
  const meanOf = (a: Float64Array | null) => (a && n ? sum(a) / n : null);
  return {
    utilization: 0,
    rejection,
    failFastRate: 0,
    passRate: 1,
    accuracy: keptMass > 1e-9 ? bandSum(p.byReasoning.reasoningCorrect, kept) / keptMass : null,
    meanLatencyS: meanOf(r.latency),
    meanCostUsd: meanOf(r.cost),
    reasoningLatencyGivenPassS: meanOf(r.latency),
  };
}

/**
 * "Fail Fast, or Ask" (thesis §4.3, eq. 4.1): the non-reasoning model sees every query; its u·ρ
 * least confident go straight to the human, the next 1 − u are passed to the reasoning model, the
 * rest it answers. The reasoning model defers the ρ share of what it receives that it is least
 * certain about. Latency and cost add the reasoning model's only for passed queries. Ties and
 * fractional shares count with expected values under random tie-breaking (see `massBands`).
 */
export function evaluateFailFast(p: PreparedPairs, utilization: number, rejection: number): SystemPoint {
  const rates = failFastRates(utilization, rejection);
  const { n, fast, reasoning, byFast } = p;
  const failEdge = rates.failFast * n;
  const passEdge = Math.min(n, failEdge + rates.pass * n);
  const pass = bandOf(fast.sorted, failEdge, passEdge);
  const respond = bandOf(fast.sorted, passEdge, n);
  const passMass = Math.max(0, passEdge - failEdge);
  const respondMass = Math.max(0, n - passEdge);
  // The reasoning model defers mass ρ·passMass of the passed queries, least certain first; a tie
  // block cut by that edge is deferred in proportion.
  const target = rates.reasoningRejection * passMass;
  let removed = 0;
  let removedCorrect = 0;
  const rs = reasoning.sorted;
  for (let g = 0; g + 1 < rs.blockStart.length && removed < target - 1e-12; g++) {
    let mass = 0;
    let correct = 0;
    for (let q = rs.blockStart[g]; q < rs.blockStart[g + 1]; q++) {
      const i = rs.order[q];
      const w = bandWeight(pass, fast.sorted.positionOf[i]);
      if (w === 0) continue;
      mass += w;
      correct += w * reasoning.correct[i];
    }
    if (mass === 0) continue;
    const frac = Math.min(1, (target - removed) / mass);
    removed += frac * mass;
    removedCorrect += frac * correct;
  }
  const answered = respondMass + passMass - removed;
  const correct = bandSum(byFast.fastCorrect, respond) + bandSum(byFast.reasoningCorrect, pass) - removedCorrect;
  const mean = (fastAll: Float64Array | null, reasoningPrefix: Float64Array | null): number | null =>
    fastAll && reasoningPrefix && n ? (sum(fastAll) + bandSum(reasoningPrefix, pass)) / n : null;
  return {
    utilization,
    rejection,
    failFastRate: rates.failFast,
    passRate: rates.pass,
    accuracy: answered > 1e-9 ? correct / answered : null,
    meanLatencyS: mean(fast.latency, byFast.reasoningLatency),
    meanCostUsd: mean(fast.cost, byFast.reasoningCost),
    reasoningLatencyGivenPassS:
      byFast.reasoningLatency && passMass > 1e-9 ? bandSum(byFast.reasoningLatency, pass) / passMass : null,
  };
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
