/**
 * Drill-down into a point of an accuracy–rejection curve (issue 14 item 2): at rejection rate r, a
 * model's (1 − r)·n most certain answers are accepted and the rest go to a human. The rows are the
 * curve's own answers ({@link selectiveAnswers}), most certain first, each with the share of it
 * sent to the human; a tie block (or a fractional count) cut by r is shared as the curve counts it,
 * so the accepted rows' accuracy is A(r) and the human's share is r. Pure.
 */
import { selectiveAnswers, type AbstainOptions } from '../abstention/abstainReport';
import type { EvalRecord } from '../logs/types';
import { finiteOrNull, rowTexts, type QueryRow, type QueryTable } from './queryTable';

export type RejectionQueryOptions = Pick<AbstainOptions, 'model' | 'signal' | 'split' | 'fitOn'> & {
  /** The curve point's rejection rate, in [0, 1]. */
  rejection: number;
};

/**
 * One row per answer of the model on the curve, most certain first: accepted (`humanShare` 0),
 * sent to the human (1), or, at the cut, partly sent. `confidence` holds the certainty the curve
 * ranks by (the resolved signal; see `notes`).
 *
 * @throws RangeError when the rejection rate is not in [0, 1].
 */
export function rejectionQueryTable(records: readonly EvalRecord[], opts: RejectionQueryOptions): QueryTable {
  const r = opts.rejection;
  if (!(r >= 0 && r <= 1)) throw new RangeError(`the rejection rate must be in [0, 1], got ${r}`);
  const { own, spec, answers, warnings } = selectiveAnswers(records, opts);
  const recordOf = new Map<string, EvalRecord>();
  for (const rec of own) if (!recordOf.has(rec.queryId)) recordOf.set(rec.queryId, rec);
  const n = answers.length;
  const order = answers.map((_, i) => i).sort((a, b) => answers[b].certainty - answers[a].certainty || a - b);
  const kept = (1 - r) * n;
  const rows: QueryRow[] = [];
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && answers[order[end]].certainty === answers[order[start]].certainty) end++;
    // The block [start, end) of equal certainty keeps what is left of the (1 − r)·n accepted, shared evenly.
    const keptShare = Math.min(1, Math.max(0, (kept - start) / (end - start)));
    for (let p = start; p < end; p++) {
      const a = answers[order[p]];
      const rec = recordOf.get(a.queryId);
      rows.push({
        queryId: a.queryId,
        answeredBy: 0,
        correct: a.correct,
        score: rec?.score ?? (a.correct ? 1 : 0),
        costUsd: finiteOrNull(a.costUsd),
        latencyS: finiteOrNull(a.latencyS),
        confidence: [finiteOrNull(a.certainty)],
        modelCorrect: [a.correct],
        line: [rec?.line ?? 0],
        ...rowTexts([rec]),
        abstained: false,
        reward: null,
        terms: [],
        humanShare: 1 - keptShare,
      });
    }
    start = end;
  }
  const notes = [
    `Ranked by ${spec.name.replace('_', ' ')}: the least certain ${Number((r * 100).toPrecision(3))}% go to the human.`,
    ...warnings,
  ];
  if (n === 0) notes.push(`${opts.model} has no answer with this signal.`);
  return {
    models: [opts.model],
    confidenceKind: 'log',
    split: opts.split ?? '',
    thresholds: [],
    rows,
    notes,
    pricing: null,
    rejection: r,
  };
}
