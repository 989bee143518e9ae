import { quantiles } from '../numeric/quantile';
import type { QueryTable } from './buildQueryTable';
import { makeCandidate, routerName } from './makeCandidate';
import { paretoSkyline } from './paretoSkyline';
import { RouterMeans } from './routerMeans';
import type { SystemMeans } from './systemMeans';
import type { Candidate, RouterOverhead, SystemConfig } from './types';

/** No overhead: c₀ = $0, l₀ = 0 s. */
export const NO_OVERHEAD: RouterOverhead = { cost: 0, latency: 0 };

export interface RouterSpec {
  /** Column indices of the router's models, cheapest first (the order "smallest model" follows). */
  models: number[];
  /** Router with abstention (action space of eq. 3.8 with ∅), or without. */
  abstain: boolean;
  /** Spacing of the probability quantiles tried as thresholds (appendix 3D: 0.025). */
  quantileStep: number;
  overhead: RouterOverhead;
}

/** The model sets routers are built over: every pair, and all models when there are three or more (each cheapest first). */
export function routerModelSets(costOrder: readonly number[]): number[][] {
  const sets: number[][] = [];
  for (let a = 0; a < costOrder.length; a++)
    for (let b = a + 1; b < costOrder.length; b++) sets.push([costOrder[a], costOrder[b]]);
  if (costOrder.length >= 3) sets.push([...costOrder]);
  return sets;
}

/**
 * One router candidate (thesis eqs. 3.8–3.9) over tables whose confidence columns are calibrated
 * probabilities of being right (calibratedTables). Its operating points θ are the routing rules
 * of `RouteRule`: the "satisfactory" probability τ ranges over the `quantileStep` quantiles of
 * the models' pooled train probabilities and, with abstention, the abstention probability α over
 * 0 (never abstain) and the same quantiles up to τ (α above τ acts as α = τ). θ*(λ) is picked on
 * train and scored on test like a cascade's threshold (appendix 3D). Points that another point
 * beats or equals on every train metric are dropped: no price vector can prefer them.
 */
export function makeRouter(train: QueryTable, test: QueryTable, spec: RouterSpec): Candidate {
  const { models, abstain, overhead } = spec;
  if (models.length < 2) throw new Error('a router needs at least two models');
  const pooled: number[] = [];
  for (const m of models)
    for (let i = 0; i < train.n; i++) if (Number.isFinite(train.confidence[m][i])) pooled.push(train.confidence[m][i]);
  const levels: number[] = [];
  for (let i = 0; i * spec.quantileStep <= 1 + 1e-12; i++) levels.push(Math.min(1, i * spec.quantileStep));
  const grid = pooled.length ? [...new Set(quantiles(pooled, levels))].sort((a, b) => a - b) : [1];
  const rule = (satisfactory: number) => ({
    satisfactory,
    overheadCost: overhead.cost,
    overheadLatency: overhead.latency,
  });
  const configs: SystemConfig[] = [];
  for (const tau of grid) {
    if (!abstain) configs.push({ models: [...models], deferThresholds: [], abstainThreshold: null, route: rule(tau) });
    else
      for (const alpha of [0, ...grid.filter((a) => a > 0 && a <= tau)])
        configs.push({ models: [...models], deferThresholds: [], abstainThreshold: alpha, route: rule(tau) });
  }
  // Each point's means on train are needed here and again in makeCandidate: computed once.
  const onTrain = new RouterMeans(train, models);
  const trainMeans = new Map<SystemConfig, SystemMeans>(configs.map((c) => [c, onTrain.of(c)]));
  const onTest = new RouterMeans(test, models);
  const kept = paretoSkyline(configs.map((c) => Array.from(trainMeans.get(c)!.means))).map((p) => configs[p]);
  return makeCandidate(
    routerName(
      models.map((m) => train.models[m]),
      abstain,
    ),
    'router',
    kept.length ? kept : configs.slice(0, 1),
    train,
    test,
    (table, c) => (table === train ? (trainMeans.get(c) ?? onTrain.of(c)) : onTest.of(c)),
  );
}
