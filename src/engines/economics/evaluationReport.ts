import { candidatePareto, type ParetoEntry } from './candidatePareto';
import { criticalPriceTable, type CriticalPriceRow } from './criticalPrices';
import { pairCrossovers, type Crossover } from './crossovers';
import { evaluatePriceGrid } from './evaluatePriceGrid';
import { buildPriceGrid, logSpace } from './priceGrid';
import { priceWeights } from './priceWeights';
import { optimalModelMap } from './optimalModelMap';
import { ABSTAIN, COST, ERROR, LATENCY, type Candidate, type CandidateKind, type MetricSpec } from './types';

/** Prices of the three built-in metrics: error and abstention in $, latency in $ per second. */
export interface BasePrices {
  error: number;
  latency: number;
  abstain: number;
}

/** One candidate at the current prices: its θ*(λ) and its expected reward split by source (eq. 3.10). */
export interface RankedCandidate {
  name: string;
  kind: CandidateKind;
  reward: number;
  point: number;
  thresholds: number[];
  deferralRate: number;
  /** Test means at θ*: $ cost, seconds, error rate, abstention rate. */
  means: { cost: number; latency: number; error: number; abstain: number };
  /** What each term costs per query in $ (cost + λ_L·latency + λ_E·error + λ_A·abstain = −reward). */
  breakdown: { cost: number; latency: number; error: number; abstain: number };
}

export interface EvaluationReport {
  prices: BasePrices;
  /** Candidates from best to worst expected reward (test split). */
  ranking: RankedCandidate[];
  /** Expected loss −R(λ_E) per candidate at the current λ_L and λ_A (Figure 3.3's curves). */
  curves: { lambdas: number[]; series: { name: string; loss: number[] }[] };
  /** Best system per (λ_E, λ_L) of a coarse table, with its margin over the runner-up in $ per query. */
  sensitivity: { errors: number[]; latencies: number[]; best: string[][]; margin: number[][] };
  /** Exact critical prices of error per price of latency of the sensitivity table (section 3.4). */
  critical: CriticalPriceRow[];
  /** The recommended system against every other: where λ_E (at the current λ_L) and λ_L (at the current λ_E) flip the order. */
  crossovers: {
    other: string;
    betterAtLowError: string | null;
    error: Crossover[];
    betterAtLowLatency: string | null;
    latency: Crossover[];
  }[];
  pareto: ParetoEntry[];
}

export interface ReportOptions {
  curveRange?: [number, number];
  curvePoints?: number;
  sensitivityErrors?: number[];
  /** In $ per second. */
  sensitivityLatencies?: number[];
}

/** Decades of λ_E from $0.0001 to $10,000 and λ_L of $0, 0.1, 1, 5 and 10 per minute. */
export const SENSITIVITY_ERRORS = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000, 10000];
export const SENSITIVITY_LATENCIES = [0, 0.1 / 60, 1 / 60, 5 / 60, 10 / 60];

/**
 * Everything the Economic Evaluation view shows for one price vector, from the candidates'
 * precomputed statistics: ranking with the reward breakdown, the reward curves over λ_E, the
 * sensitivity and critical-price tables, crossovers of the recommended system, and the Pareto set.
 * A few milliseconds for ~20 candidates: cheap enough to recompute on every slider move.
 */
export function evaluationReport(
  candidates: readonly Candidate[],
  metrics: readonly MetricSpec[],
  prices: BasePrices,
  opts: ReportOptions = {},
): EvaluationReport {
  if (candidates.length === 0) throw new Error('no candidate system to evaluate');
  const dim = 1 + metrics.length;
  const w = priceWeights({ ...prices }, metrics);
  const ev = evaluatePriceGrid(candidates, w, dim);
  const ranking: RankedCandidate[] = candidates
    .map((c, k) => {
      const j = ev.point[k];
      const o = j * dim;
      const means = {
        cost: c.test[o + COST],
        latency: c.test[o + LATENCY],
        error: c.test[o + ERROR],
        abstain: c.test[o + ABSTAIN],
      };
      return {
        name: c.name,
        kind: c.kind,
        reward: ev.rewards[k],
        point: j,
        thresholds: c.thresholds[j],
        deferralRate: c.deferralRate[j],
        means,
        breakdown: {
          cost: means.cost,
          latency: prices.latency * means.latency,
          error: prices.error * means.error,
          abstain: prices.abstain * means.abstain,
        },
      };
    })
    .sort((a, b) => b.reward - a.reward);
  const [lo, hi] = opts.curveRange ?? [1e-4, 1e4];
  const lambdas = logSpace(lo, hi, opts.curvePoints ?? 161);
  const curveGrid = buildPriceGrid({ error: lambdas, latency: [prices.latency], abstain: [prices.abstain] }, metrics);
  const cg = evaluatePriceGrid(candidates, curveGrid.weights, dim);
  const K = candidates.length;
  const series = candidates.map((c, k) => ({ name: c.name, loss: lambdas.map((_, p) => -cg.rewards[p * K + k]) }));
  const errors = opts.sensitivityErrors ?? SENSITIVITY_ERRORS;
  const latencies = opts.sensitivityLatencies ?? SENSITIVITY_LATENCIES;
  const map = optimalModelMap(candidates, metrics, {
    errorAxis: errors,
    latencyAxis: latencies,
    abstain: prices.abstain,
  });
  const best = errors.map((_, r) => latencies.map((_, c) => candidates[map.best[c * errors.length + r]].name));
  const margin = errors.map((_, r) => latencies.map((_, c) => map.margin[c * errors.length + r]));
  const critical = criticalPriceTable(candidates, metrics, latencies, { abstain: prices.abstain });
  const top = candidates.findIndex((c) => c.name === ranking[0].name);
  const crossovers = candidates
    .filter((_, k) => k !== top)
    .map((other) => {
      const e = pairCrossovers(candidates[top], other, w, ERROR);
      const l = pairCrossovers(candidates[top], other, w, LATENCY);
      return {
        other: other.name,
        betterAtLowError: e.betterAtLow,
        error: e.crossovers,
        betterAtLowLatency: l.betterAtLow,
        latency: l.crossovers,
      };
    });
  return {
    prices,
    ranking,
    curves: { lambdas, series },
    sensitivity: { errors, latencies, best, margin },
    critical,
    crossovers,
    pareto: candidatePareto(candidates, w, dim),
  };
}
