import { evaluateAsk, evaluateFailFast, type PreparedPairs, type SystemPoint } from './hitlSystem';
import { rejectionGrid } from './rejectionGrid';

/** One row of the Table 4.2-style summary: a configuration averaged over the rejection grid. */
export interface HitlConfig {
  /** 0 for the "Ask" base (reasoning model alone); otherwise the non-reasoning model's utilisation. */
  utilization: number;
  system: 'ask' | 'failfast';
  /** Mean accuracy over the rejection grid (AUARC). */
  auarc: number | null;
  /** Mean latency and cost per query, averaged over the rejection grid. */
  meanLatencyS: number | null;
  meanCostUsd: number | null;
  /** Relative changes against "Ask" in percent (negative = lower); null for the base itself or when undefined. */
  deltaAuarcPct: number | null;
  deltaLatencyPct: number | null;
  deltaCostPct: number | null;
  /** The operating point at every rejection rate of the grid (accuracy–rejection and error curves). */
  curve: SystemPoint[];
}

export interface HitlTableOptions {
  utilizations?: readonly number[];
  maxRejection?: number;
  step?: number;
  signal?: AbortSignal;
}

/**
 * "Ask" versus "Fail Fast, or Ask" at several utilisations (thesis Table 4.2, Figure 4.5): for each
 * configuration the accuracy–rejection curve over r = 0..maxRejection, its mean (AUARC), and mean
 * latency and cost, with percentage changes against "Ask". Latency and cost depend slightly on the
 * rejection rate (the fail-fast share is u·r), so they are averaged over the same grid as AUARC.
 */
export function hitlTable(p: PreparedPairs, opts: HitlTableOptions = {}): HitlConfig[] {
  const grid = rejectionGrid(opts.maxRejection ?? 0.2, opts.step ?? 0.01);
  const base = summarise(
    0,
    'ask',
    grid.map((r) => evaluateAsk(p, r)),
    null,
  );
  const rows = [base];
  for (const u of opts.utilizations ?? [0.5, 0.6, 0.75]) {
    opts.signal?.throwIfAborted();
    rows.push(
      summarise(
        u,
        'failfast',
        grid.map((r) => evaluateFailFast(p, u, r)),
        base,
      ),
    );
  }
  return rows;
}

function summarise(
  utilization: number,
  system: HitlConfig['system'],
  curve: SystemPoint[],
  base: HitlConfig | null,
): HitlConfig {
  const auarc = meanOf(curve.map((c) => c.accuracy));
  const meanLatencyS = meanOf(curve.map((c) => c.meanLatencyS));
  const meanCostUsd = meanOf(curve.map((c) => c.meanCostUsd));
  return {
    utilization,
    system,
    auarc,
    meanLatencyS,
    meanCostUsd,
    deltaAuarcPct: base ? pctChange(auarc, base.auarc) : null,
    deltaLatencyPct: base ? pctChange(meanLatencyS, base.meanLatencyS) : null,
    deltaCostPct: base ? pctChange(meanCostUsd, base.meanCostUsd) : null,
    curve,
  };
}

/** Mean of the defined values; null if any is undefined (a partial mean would mislead). */
function meanOf(xs: (number | null)[]): number | null {
  if (xs.length === 0 || xs.some((x) => x === null)) return null;
  return (xs as number[]).reduce((s, x) => s + x, 0) / xs.length;
}

/** 100·(value − base)/base; null when either is undefined or the base is 0. */
export function pctChange(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  return (100 * (value - base)) / base;
}
