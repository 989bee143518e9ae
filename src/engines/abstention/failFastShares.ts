/**
 * Where each query goes under "Fail Fast, or Ask" at utilisation u and rejection rate ρ (thesis
 * §4.3): the share of it the non-reasoning model fails fast to the human, passes to the reasoning
 * model, or answers itself, and the share of the passed part the reasoning model defers to the
 * human. The bands and the reasoning model's deferral are those of {@link evaluateFailFast}, query
 * by query, so sums over the queries give its operating point (the drill-down of issue 14 item 2).
 */
import { failFastRates } from './failFastRates';
import type { PreparedPairs } from './hitlSystem';
import { bandOf, bandWeight } from './sortedBands';

/** Per query (index-aligned with the paired answers), shares in [0, 1]; `failFast + pass + respond` = 1. */
export interface FailFastShares {
  failFast: Float64Array;
  pass: Float64Array;
  respond: Float64Array;
  /** The part of `pass` the reasoning model defers to the human. */
  deferred: Float64Array;
}

/** Each query's shares at (u, ρ); ties and fractional edges shared as expected values under random tie-breaking. */
export function failFastShares(p: PreparedPairs, utilization: number, rejection: number): FailFastShares {
  const rates = failFastRates(utilization, rejection);
  const { n, fast, reasoning } = p;
  const failEdge = rates.failFast * n;
  const passEdge = Math.min(n, failEdge + rates.pass * n);
  const bands = [
    bandOf(fast.sorted, 0, failEdge),
    bandOf(fast.sorted, failEdge, passEdge),
    bandOf(fast.sorted, passEdge, n),
  ];
  const [failFast, pass, respond] = bands.map((b) => {
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) w[i] = bandWeight(b, fast.sorted.positionOf[i]);
    return w;
  });
  const deferred = new Float64Array(n);
  const target = rates.reasoningRejection * Math.max(0, passEdge - failEdge);
  const rs = reasoning.sorted;
  let removed = 0;
  for (let g = 0; g + 1 < rs.blockStart.length && removed < target - 1e-12; g++) {
    let mass = 0;
    for (let q = rs.blockStart[g]; q < rs.blockStart[g + 1]; q++) mass += pass[rs.order[q]];
    if (mass === 0) continue;
    const frac = Math.min(1, (target - removed) / mass);
    for (let q = rs.blockStart[g]; q < rs.blockStart[g + 1]; q++) deferred[rs.order[q]] = frac * pass[rs.order[q]];
    removed += frac * mass;
  }
  return { failFast, pass, respond, deferred };
}
