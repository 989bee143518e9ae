import type { EvalRecord } from '../logs/types';
import { bootstrapMeans } from '../uncertainty/bootstrapMeans';
import { CI_LEVEL, differenceTest } from '../uncertainty/intervals';
import { mcnemarTest, type McNemarResult } from './mcnemar';

/** Per-query agreement of two runs on the queries both answered. */
export interface Agreement {
  both_right: number;
  only_a_right: number;
  only_b_right: number;
  both_wrong: number;
}

/** A − B for one measure over the matched queries where both runs have it. */
export interface PairedDifference {
  /** Matched queries where both have the measure. */
  n: number;
  mean_a: number;
  mean_b: number;
  /** mean_a − mean_b. */
  difference: number;
  /** Paired percentile bootstrap interval of the difference; null without resamples. */
  ci_low: number | null;
  ci_high: number | null;
  /** Two-sided bootstrap p-value of "no difference" (share of resamples on the other side of 0, doubled); null without resamples. */
  p_value: number | null;
}

/** The runs have no query in common: nothing to compare. */
export class NoCommonQueries extends Error {}

export interface RunComparison {
  /** Queries both runs answered, and those only one of them answered (left out of everything below). */
  matched: number;
  only_in_a: number;
  only_in_b: number;
  agreement: Agreement;
  /** Share of right answers (`correct`) over the matched queries; its difference is tested by McNemar. */
  accuracy: PairedDifference;
  mcnemar: McNemarResult;
  /** Null when no matched query has the measure in both runs. */
  cost_usd: PairedDifference | null;
  latency_s: PairedDifference | null;
  replicates: number;
  seed: number;
}

export interface CompareRunsOptions {
  /** Bootstrap resamples (0: no intervals). */
  replicates: number;
  seed: number;
  signal?: AbortSignal;
}

/**
 * Compares run A with run B (each one model's records, at most one per query) query by query:
 * the 2 × 2 agreement table, McNemar's test of the accuracy difference, and the mean difference
 * A − B of accuracy, cost and latency with a paired percentile bootstrap interval (the same
 * resampled queries for both runs; see src/engines/uncertainty/intervals.ts for the interval and
 * the p-value). Queries are matched by `queryId`; the order of A's records is kept.
 * @throws NoCommonQueries when no query is in both runs.
 */
export function compareRuns(
  a: readonly EvalRecord[],
  b: readonly EvalRecord[],
  opts: CompareRunsOptions,
): RunComparison {
  const byQuery = new Map<string, EvalRecord>();
  for (const r of b) byQuery.set(r.queryId, r);
  const pairs: [EvalRecord, EvalRecord][] = [];
  const seen = new Set<string>();
  for (const r of a) {
    const other = byQuery.get(r.queryId);
    if (other && !seen.has(r.queryId)) pairs.push([r, other]);
    seen.add(r.queryId);
  }
  if (pairs.length === 0)
    throw new NoCommonQueries('the two runs answered no query in common (queries are matched by query_id)');
  const agreement: Agreement = { both_right: 0, only_a_right: 0, only_b_right: 0, both_wrong: 0 };
  for (const [x, y] of pairs) {
    if (x.correct && y.correct) agreement.both_right++;
    else if (x.correct) agreement.only_a_right++;
    else if (y.correct) agreement.only_b_right++;
    else agreement.both_wrong++;
  }
  const aQueries = new Set(a.map((r) => r.queryId));
  const measure = (pick: (r: EvalRecord) => number | null, seedOffset: number): PairedDifference | null => {
    const kept = pairs.filter(([x, y]) => pick(x) !== null && pick(y) !== null);
    if (kept.length === 0) return null;
    const colA = Float64Array.from(kept, ([x]) => pick(x) as number);
    const colB = Float64Array.from(kept, ([, y]) => pick(y) as number);
    const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
    const difference = mean(colA) - mean(colB);
    const out: PairedDifference = {
      n: kept.length,
      mean_a: mean(colA),
      mean_b: mean(colB),
      difference,
      ci_low: null,
      ci_high: null,
      p_value: null,
    };
    if (opts.replicates > 0) {
      const [[repA, repB]] = bootstrapMeans([[colA, colB]], {
        replicates: opts.replicates,
        seed: opts.seed + seedOffset,
        signal: opts.signal,
      });
      const t = differenceTest(
        difference,
        repA.map((x, i) => x - repB[i]),
        CI_LEVEL,
      );
      Object.assign(out, { ci_low: t.ci_low, ci_high: t.ci_high, p_value: t.p_value });
    }
    return out;
  };
  // Every record has a score: with at least one pair, the accuracy is never null.
  const accuracy = measure((r) => (r.correct ? 1 : 0), 0) as PairedDifference;
  return {
    matched: pairs.length,
    only_in_a: aQueries.size - pairs.length,
    only_in_b: new Set(b.map((r) => r.queryId)).size - pairs.length,
    agreement,
    accuracy,
    mcnemar: mcnemarTest(agreement.only_a_right, agreement.only_b_right),
    cost_usd: measure((r) => r.costUsd, 1),
    latency_s: measure((r) => r.latencyS, 2),
    replicates: opts.replicates,
    seed: opts.seed,
  };
}
