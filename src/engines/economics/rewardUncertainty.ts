import { compareSystems, type SystemSample, type SystemStats } from '../uncertainty/compareSystems';
import type { BootstrapSettings } from '../uncertainty/bootstrapMeans';
import { CI_LEVEL, DEFAULT_REPLICATES, type DifferenceTest, type Estimate } from '../uncertainty/intervals';
import type { QueryTable } from './buildQueryTable';
import { evaluatePriceGrid } from './evaluatePriceGrid';
import { priceWeights } from './priceWeights';
import { overheadOf } from './routerOverhead';
import { systemPerQuery } from './systemMeans';
import {
  COST,
  ERROR,
  type Candidate,
  type CandidateKind,
  type MetricSpec,
  type Prices,
  type RouterOverhead,
} from './types';

/** One candidate at the chosen prices, its operating point θ*(λ) fixed, with bootstrap intervals. */
export interface CandidateUncertainty {
  name: string;
  kind: CandidateKind;
  models: string[];
  /** Index of θ*(λ) among the candidate's operating points (chosen on train). */
  point: number;
  thresholds: number[];
  /**
   * Share of test queries deferred past the first model (cascades), abstained on (models with
   * abstention), or not sent to the cheapest model (routers, abstentions included).
   */
  deferral_rate: number;
  /** A router's overhead c₀ ($ per query) and l₀ (s per query), included in its cost and latency; null for other kinds. */
  router_overhead: RouterOverhead | null;
  /** Expected reward per query (test split), $ per query. */
  reward: Estimate;
  /** Dollar cost per query and error rate at θ*(λ). */
  cost: Estimate;
  error: Estimate;
  /** Share of resamples in which it has the highest reward (null for the reference "strongest model" when it is no candidate). */
  p_best: number | null;
  /** The best candidate's reward minus this one's (positive: the best is better); null for the best itself. */
  vs_best: (DifferenceTest & { identical: boolean }) | null;
}

/** Every candidate's reward at one price vector with paired-bootstrap intervals over the test queries. */
export interface RewardUncertainty {
  /** Price per metric name ($ per unit; latency in $ per second). */
  prices: Record<string, number>;
  replicates: number;
  seed: number;
  level: number;
  n_test: number;
  n_train: number;
  /** Thresholds were tuned on the test queries themselves (no train split): intervals are optimistic. */
  in_sample: boolean;
  /** From the highest to the lowest test reward (the order of the ranking). */
  candidates: CandidateUncertainty[];
  /** Always using the most accurate single model (lowest train error): a candidate, or a reference added for the comparison. */
  strongest: CandidateUncertainty | null;
  strongest_is_candidate: boolean;
  /** Wall-clock seconds of the bootstrap. */
  seconds: number;
}

/** What the bootstrap needs of prepared economics. */
export interface UncertaintySource {
  candidates: readonly Candidate[];
  metrics: readonly MetricSpec[];
  train: QueryTable;
  test: QueryTable;
  inSample?: boolean;
}

/**
 * Paired bootstrap of the expected reward −(cost + Σ λ·metric) of every candidate at `prices`
 * (thesis eq. 3.12): θ*(λ) is chosen on the train split once and stays fixed; the test queries
 * are resampled with replacement (`replicates` times, from `seed`) and every candidate's mean
 * loss, cost and error recomputed on the same draw. The train split is not resampled, so the
 * intervals leave out the noise of choosing the threshold. Work: B × n × (priced metrics + 2) × (candidates + 1) at most;
 * columns that repeat or are sparse cost less (see bootstrapMeans).
 *
 * @throws when a candidate has no test table (rebuilt from plain data), or when cancelled.
 */
export function rewardUncertainty(
  src: UncertaintySource,
  prices: Prices,
  opts: BootstrapSettings & { level?: number } = {},
): RewardUncertainty {
  const started = performance.now();
  const { candidates, metrics, test, train } = src;
  if (candidates.length === 0) throw new Error('no candidate system to compare');
  const dim = 1 + metrics.length;
  const w = priceWeights(prices, metrics);
  const ev = evaluatePriceGrid(candidates, w, dim, opts.signal);
  const order = candidates.map((_, k) => k).sort((a, b) => ev.rewards[b] - ev.rewards[a] || a - b);
  const samples: SystemSample[] = order.map((k) => {
    const c = candidates[k];
    if (!c.testTable) throw new Error(`candidate ${c.name} has no per-query test data to resample`);
    return { name: c.name, columns: systemPerQuery(c.testTable, c.configs[ev.point[k]]) };
  });
  const strong = strongestModel(train);
  let strongPos =
    strong === null
      ? -1
      : order.findIndex((k) => candidates[k].kind === 'model' && candidates[k].name === train.models[strong]);
  const withReference = strong !== null && strongPos < 0;
  if (withReference) {
    samples.push({
      name: train.models[strong],
      columns: systemPerQuery(test, { models: [strong], deferThresholds: [], abstainThreshold: null }),
    });
    strongPos = samples.length - 1;
  }
  const cmp = compareSystems(samples, 0, {
    weights: w,
    report: [COST, ERROR],
    replicates: opts.replicates ?? DEFAULT_REPLICATES,
    seed: opts.seed ?? 1,
    level: opts.level ?? CI_LEVEL,
    signal: opts.signal,
    contenders: order.length,
  });
  const describe = (s: SystemStats, pos: number): CandidateUncertainty => {
    const k = order[pos];
    const c = pos < order.length ? candidates[k] : null;
    const point = c ? ev.point[k] : 0;
    return {
      name: s.name,
      kind: c ? c.kind : 'model',
      models: c ? [...c.models] : [s.name],
      point,
      thresholds: c ? [...c.thresholds[point]] : [],
      deferral_rate: c ? c.deferralRate[point] : 0,
      router_overhead: c ? overheadOf(c) : null,
      reward: s.reward,
      cost: s.metrics[0],
      error: s.metrics[1],
      p_best: s.p_best,
      vs_best: s.vs_leader,
    };
  };
  const all = cmp.systems.map(describe);
  const namedPrices: Record<string, number> = {};
  metrics.forEach((m, i) => (namedPrices[m.name] = w[1 + i]));
  return {
    prices: namedPrices,
    replicates: cmp.replicates,
    seed: cmp.seed,
    level: cmp.level,
    n_test: test.n,
    n_train: train.n,
    in_sample: src.inSample ?? false,
    candidates: all.slice(0, order.length),
    strongest: strongPos >= 0 ? all[strongPos] : null,
    strongest_is_candidate: strongPos >= 0 && !withReference,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Column of the single model with the lowest train error rate (ties: the dearer on train); null without models. */
export function strongestModel(train: QueryTable): number | null {
  let best: number | null = null;
  let bestWrong = Infinity;
  let bestCost = -Infinity;
  for (let m = 0; m < train.models.length; m++) {
    let wrong = 0;
    let cost = 0;
    for (let i = 0; i < train.n; i++) {
      wrong += train.correct[m][i] ? 0 : 1;
      cost += train.cost[m][i];
    }
    if (wrong < bestWrong || (wrong === bestWrong && cost > bestCost)) {
      best = m;
      bestWrong = wrong;
      bestCost = cost;
    }
  }
  return best;
}
