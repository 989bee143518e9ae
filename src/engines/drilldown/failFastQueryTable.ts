/**
 * Drill-down into a point of a "Fail Fast, or Ask" error–rejection curve (issue 14 item 2): at
 * utilisation u and rejection rate ρ, which queries the non-reasoning model answered, failed fast
 * to the human or passed to the reasoning model, and which of the passed ones that model deferred.
 * Shares come from {@link failFastShares}, so the accepted rows' accuracy is the point's A(ρ), the
 * human's share ρ, and the mean cost and latency the point's. Pure.
 */
import { failFastShares } from '../abstention/failFastShares';
import type { PreparedPairs } from '../abstention/hitlSystem';
import type { PairedAnswers } from '../abstention/pairAnswers';
import type { EvalRecord } from '../logs/types';
import { finiteOrNull, rowTexts, type QueryRow, type QueryTable } from './queryTable';

export interface FailFastQueryOptions {
  fast: string;
  reasoning: string;
  /** The view's split ('' = every record). */
  split: string;
  utilization: number;
  rejection: number;
}

/** Expected value of the fast model's plus the passed share of the reasoning model's; null when either is unknown. */
const plusShare = (a: number | null, b: number | null, share: number): number | null =>
  a === null || b === null ? null : finiteOrNull(a + share * b);

/**
 * One row per paired query, the fast model's most certain first: `answeredBy` 0 when the fast model
 * kept the query (answered or failed it fast), 1 when it passed it on; `humanShare` the failed-fast
 * plus the deferred share; `keptRight` the right part of what no human saw; cost and latency the
 * fast model's call plus the passed share of the reasoning model's, or the reasoning model's alone
 * at u = 0 ("Ask"); the human is neither timed nor priced, as in the curves.
 */
export function failFastQueryTable(
  paired: Pick<PairedAnswers, 'fast' | 'reasoning'>,
  prepared: PreparedPairs,
  records: readonly EvalRecord[],
  opts: FailFastQueryOptions,
): QueryTable {
  const { fast, reasoning } = paired;
  const s = failFastShares(prepared, opts.utilization, opts.rejection);
  // u = 0 is "Ask": every query goes to the reasoning model, the non-reasoning one is never called.
  const ask = opts.utilization === 0;
  const recordOf = new Map<string, EvalRecord>();
  for (const r of records)
    if ((r.model === opts.fast || r.model === opts.reasoning) && (opts.split === '' || r.split === opts.split)) {
      const key = `${r.model}\u0000${r.queryId}`;
      if (!recordOf.has(key)) recordOf.set(key, r);
    }
  const order = fast.map((_, i) => i).sort((a, b) => fast[b].certainty - fast[a].certainty || a - b);
  const rows: QueryRow[] = order.map((i) => {
    const f = fast[i];
    const r = reasoning[i];
    const recs = [recordOf.get(`${opts.fast}\u0000${f.queryId}`), recordOf.get(`${opts.reasoning}\u0000${r.queryId}`)];
    const answeredBy = s.pass[i] > s.failFast[i] + s.respond[i] ? 1 : 0;
    return {
      queryId: f.queryId,
      answeredBy,
      correct: answeredBy === 0 ? f.correct : r.correct,
      score: recs[answeredBy]?.score ?? ((answeredBy === 0 ? f.correct : r.correct) ? 1 : 0),
      costUsd: ask ? finiteOrNull(r.costUsd) : plusShare(f.costUsd, r.costUsd, s.pass[i]),
      latencyS: ask ? finiteOrNull(r.latencyS) : plusShare(f.latencyS, r.latencyS, s.pass[i]),
      confidence: [finiteOrNull(f.certainty), finiteOrNull(r.certainty)],
      modelCorrect: [f.correct, r.correct],
      line: recs.map((x) => x?.line ?? 0),
      ...rowTexts(recs),
      abstained: false,
      reward: null,
      terms: [],
      humanShare: clamp01(s.failFast[i] + s.deferred[i]),
      keptRight: Math.max(0, (f.correct ? s.respond[i] : 0) + (r.correct ? s.pass[i] - s.deferred[i] : 0)),
    };
  });
  const pct = (x: number): string => `${Number((x * 100).toPrecision(3))}%`;
  const notes = [
    ask
      ? `Ask: ${opts.reasoning} answers every query and defers its least certain ${pct(opts.rejection)} to the human; ${opts.fast} is not called (its columns are for comparison).`
      : `${opts.fast} fails fast on its least certain ${pct(opts.utilization * opts.rejection)} of the queries (u·ρ), passes the next ${pct(1 - opts.utilization)} to ${opts.reasoning} and answers the rest; ${opts.reasoning} defers the least certain ${pct(opts.rejection)} of what it receives. A query cut by an edge is shared, as the curve counts it.`,
  ];
  if (rows.length === 0) notes.push(`${opts.fast} and ${opts.reasoning} share no query with a confidence.`);
  return {
    models: [opts.fast, opts.reasoning],
    confidenceKind: 'log',
    split: opts.split,
    thresholds: [],
    rows,
    notes,
    pricing: null,
    rejection: opts.rejection,
  };
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
