import type { QueryTable } from './buildQueryTable';

/** Theorem 5 terms of a cascade small→big at one deferral threshold (population moments over the table). */
export interface CascadeDiagnosticPoint {
  threshold: number;
  /** p_d = E[1_D], the share of queries deferred to the big model. */
  deferralRate: number;
  errorSmall: number;
  errorBig: number;
  /** Cov(1_D, 1_error^big). */
  covBig: number;
  /** CER = Cov(1_D, 1_error^small) (eq. 3.25). */
  cer: number;
  /** Cascade error counted query by query (eq. 3.27). */
  errorCascade: number;
  /** (1 − p_d)·e_small + p_d·e_big + Cov(1_D, 1_E^big) − CER (eq. 3.26); equals errorCascade up to rounding. */
  errorDecomposed: number;
  /** Error of sending a random p_d share to the big model: (1 − p_d)·e_small + p_d·e_big. */
  errorRandomRouting: number;
  meanCost: number;
  meanLatency: number;
}

/**
 * The cascade error decomposition of Theorem 5 (eq. 3.26) and cost and latency (eq. 3.7) as the
 * deferral threshold runs over `thresholds` (defer when the small model's confidence is below).
 */
export function cascadeDiagnostics(
  table: QueryTable,
  small: number,
  big: number,
  thresholds: readonly number[],
): CascadeDiagnosticPoint[] {
  const n = table.n;
  if (n === 0) return [];
  const es = table.correct[small];
  const eb = table.correct[big];
  let sumEs = 0;
  let sumEb = 0;
  for (let i = 0; i < n; i++) {
    sumEs += 1 - es[i];
    sumEb += 1 - eb[i];
  }
  const eSmall = sumEs / n;
  const eBig = sumEb / n;
  return thresholds.map((t) => {
    let d = 0;
    let dEs = 0;
    let dEb = 0;
    let err = 0;
    let cost = 0;
    let lat = 0;
    for (let i = 0; i < n; i++) {
      const defer = table.confidence[small][i] < t;
      const wrongSmall = 1 - es[i];
      const wrongBig = 1 - eb[i];
      cost += table.cost[small][i];
      lat += table.latency[small][i];
      if (defer) {
        d++;
        dEs += wrongSmall;
        dEb += wrongBig;
        err += wrongBig;
        cost += table.cost[big][i];
        lat += table.latency[big][i];
      } else err += wrongSmall;
    }
    const pd = d / n;
    const covBig = dEb / n - pd * eBig;
    const cer = dEs / n - pd * eSmall;
    const errorRandomRouting = (1 - pd) * eSmall + pd * eBig;
    return {
      threshold: t,
      deferralRate: pd,
      errorSmall: eSmall,
      errorBig: eBig,
      covBig,
      cer,
      errorCascade: err / n,
      errorDecomposed: errorRandomRouting + covBig - cer,
      errorRandomRouting,
      meanCost: cost / n,
      meanLatency: lat / n,
    };
  });
}
