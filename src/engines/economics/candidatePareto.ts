import { evaluatePriceGrid } from './evaluatePriceGrid';
import { paretoSkyline } from './paretoSkyline';
import { ABSTAIN, COST, ERROR, LATENCY, type Candidate } from './types';

/** One operating point of one candidate on the test split. */
export interface ParetoEntry {
  candidate: string;
  point: number;
  thresholds: number[];
  error: number;
  cost: number;
  latency: number;
  abstain: number;
  pareto: boolean;
  /** The economic optimum θ*(λ) at the given prices (eq. 3.13). */
  optimum: boolean;
}

/**
 * Every operating point of every candidate in (error, cost, latency, abstention) on test, with the
 * Pareto-optimal ones flagged and the point chosen by economic evaluation at `weights` marked.
 * Theorem 3 says that optimum lies on the frontier of the train statistics; on test it usually does
 * too, and `optimum && !pareto` flags the rare case where tuning on train did not carry over.
 */
export function candidatePareto(candidates: readonly Candidate[], weights: Float64Array, dim: number): ParetoEntry[] {
  const entries: ParetoEntry[] = [];
  const ev = evaluatePriceGrid(candidates, weights, dim);
  const bestK = ev.best[0];
  candidates.forEach((c, k) => {
    for (let j = 0; j < c.test.length / dim; j++) {
      const o = j * dim;
      entries.push({
        candidate: c.name,
        point: j,
        thresholds: c.thresholds[j],
        error: c.test[o + ERROR],
        cost: c.test[o + COST],
        latency: c.test[o + LATENCY],
        abstain: c.test[o + ABSTAIN],
        pareto: false,
        optimum: k === bestK && ev.point[k] === j,
      });
    }
  });
  for (const i of paretoSkyline(entries.map((e) => [e.error, e.cost, e.latency, e.abstain]))) entries[i].pareto = true;
  return entries;
}
