import { buildPriceGrid, type PriceAxes } from './priceGrid';
import { criticalPriceTable, type CriticalPriceRow } from './criticalPrices';
import { gridReport, type GridReportRow } from './gridReport';
import { prepareEconomics, type PreparedEconomics } from './prepareEconomics';
import { recordExtraMetrics } from './recordExtraMetrics';
import { rewardUncertainty, type RewardUncertainty } from './rewardUncertainty';
import type { EvalRecord } from '../logs/types';
import type { RouterOverhead } from './types';

/** The candidate sets of the economic evaluation. */
export const CANDIDATE_SETS = ['models', 'cascades', 'all'] as const;
export type CandidateSet = (typeof CANDIDATE_SETS)[number];

/** Everything `costrisk econ` and `costrisk report` evaluate, as the user set it. */
export interface EconomicSettings {
  set: CandidateSet;
  /** A dense map (no intervals, no switch points) instead of the listed price combinations. */
  map: boolean;
  axes: PriceAxes;
  /** Prices of further per-query fields of the log (eq. 3.11). */
  metricPrices: Record<string, number>;
  trainSplit?: string;
  testSplit?: string;
  /** Models with abstention (model+abstain) join the "all" set. */
  abstention: boolean;
  /** One-step routers (eqs. 3.8–3.9) join the candidates; with `routerAbstention` also router(...)+abstain. */
  routers: boolean;
  routerAbstention: boolean;
  /** Each routing decision's cost ($) and latency (s) per query. */
  routerOverhead: RouterOverhead;
  /** Bootstrap resamples (0: no intervals) and seed. */
  replicates: number;
  seed: number;
}

/** The log cannot be evaluated (no candidate, a split missing...): the message says why. */
export class EconomicsInputError extends Error {}

export interface EconomicAnalysis {
  prep: PreparedEconomics;
  /** Rewards of every candidate and the best one per price combination. */
  grid: GridReportRow[];
  /** Per price combination (same order as `grid`), paired-bootstrap intervals; null with no resamples. */
  uncertainty: RewardUncertainty[] | null;
  /** Exact switch points of the best system along the price of error. */
  critical: CriticalPriceRow[];
}

/**
 * The economic evaluation (thesis ch. 3) of a log at the given prices: the candidates with their
 * thresholds tuned on train, the rewards per price combination on test, the intervals and the
 * switch points; the one pipeline behind `costrisk econ` and `costrisk report`. The dense map
 * (`s.map`) does not come here: it starts from {@link economicCandidates}.
 * @throws EconomicsInputError when the log does not allow it.
 */
export function economicAnalysis(
  records: readonly EvalRecord[],
  s: EconomicSettings,
  signal?: AbortSignal,
): EconomicAnalysis {
  const prep = economicCandidates(records, s, signal);
  const priceGrid = buildPriceGrid(s.axes, prep.metrics, s.metricPrices);
  const { grid } = gridReport(prep.candidates, priceGrid, signal);
  const uncertainty =
    s.replicates === 0
      ? null
      : priceGrid.combos.map((c) =>
          rewardUncertainty(
            prep,
            { ...s.metricPrices, error: c.error, latency: c.latency, abstain: c.abstain },
            { replicates: s.replicates, seed: s.seed, signal },
          ),
        );
  const critical = criticalPriceTable(prep.candidates, prep.metrics, s.axes.latency, {
    abstain: s.axes.abstain[0],
    extraPrices: s.metricPrices,
  });
  return { prep, grid, uncertainty, critical };
}

/**
 * The candidate systems of the economic evaluation, thresholds tuned on train (what the map and
 * the price grid both start from).
 * @throws EconomicsInputError when the log does not allow it.
 */
export function economicCandidates(
  records: readonly EvalRecord[],
  s: EconomicSettings,
  signal?: AbortSignal,
): PreparedEconomics {
  let prep: PreparedEconomics;
  try {
    const extras = recordExtraMetrics(records, Object.keys(s.metricPrices));
    prep = prepareEconomics(records, {
      extras,
      trainSplit: s.trainSplit,
      testSplit: s.testSplit,
      set: s.set,
      abstention: s.abstention,
      routers: s.routers,
      routerAbstention: s.routerAbstention,
      routerOverhead: s.routerOverhead,
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new EconomicsInputError((err as Error).message);
  }
  if (prep.candidates.length === 0)
    throw new EconomicsInputError(`no candidate system could be built (${prep.warnings.join(' ') || 'no models'})`);
  return prep;
}
