import { evaluatePriceGrid } from './evaluatePriceGrid';
import type { PriceGrid } from './priceGrid';
import type { Candidate } from './types';
import { setOwn } from '../../shared/ownProperties';

/** One row of `costrisk econ --json` (issue 4, item 7). */
export interface GridReportRow {
  price_error: number;
  price_latency: number;
  price_abstain: number;
  best: string;
  rewards: Record<string, number>;
}

/** Evaluates a price grid and lays it out as the CLI's JSON rows (rewards in $ per query, test split). */
export function gridReport(
  candidates: readonly Candidate[],
  grid: PriceGrid,
  signal?: AbortSignal,
): { grid: GridReportRow[]; points: Int32Array } {
  const ev = evaluatePriceGrid(candidates, grid.weights, grid.dim, signal);
  const K = candidates.length;
  const rows = grid.combos.map((c, p) => {
    const rewards: Record<string, number> = {};
    for (let k = 0; k < K; k++) setOwn(rewards, candidates[k].name, ev.rewards[p * K + k]);
    return {
      price_error: c.error,
      price_latency: c.latency,
      price_abstain: c.abstain,
      best: candidates[ev.best[p]].name,
      rewards,
    };
  });
  return { grid: rows, points: ev.point };
}
