/** The drill-down table's filters and the totals of the rows they keep. Pure. */
import type { QueryRow } from './queryTable';

/**
 * Which rows to keep: every row; the wrong ones; the deferred ones (answered by a later model than
 * the first); those where models `a` and `b` (indices into the table's models) disagree on
 * correctness; those answered wrongly with the answering model's confidence at least `min`.
 */
export type RowFilter =
  | { kind: 'all' }
  | { kind: 'wrong' }
  | { kind: 'deferred' }
  | { kind: 'disagree'; a: number; b: number }
  | { kind: 'confidentWrong'; min: number };

/** Whether a row passes the filter. */
export function keepRow(row: QueryRow, f: RowFilter): boolean {
  switch (f.kind) {
    case 'all':
      return true;
    case 'wrong':
      return !row.correct;
    case 'deferred':
      return row.answeredBy > 0;
    case 'disagree':
      return (
        row.modelCorrect[f.a] !== undefined &&
        row.modelCorrect[f.b] !== undefined &&
        row.modelCorrect[f.a] !== row.modelCorrect[f.b]
      );
    case 'confidentWrong': {
      const c = row.confidence[row.answeredBy];
      return !row.correct && c !== null && c !== undefined && c >= f.min;
    }
  }
}

/** Indices of the rows the filter keeps, in order. */
export function filterRows(rows: readonly QueryRow[], f: RowFilter): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) if (keepRow(rows[i], f)) out.push(i);
  return out;
}

/** Totals of some rows: how many, how many wrong, the error rate, and mean cost and latency over the rows that have them. */
export interface RowTotals {
  n: number;
  wrong: number;
  /** wrong / n (0 without rows). */
  error: number;
  meanCostUsd: number | null;
  meanLatencyS: number | null;
  /** Rows answered by each model of the table. */
  answered: number[];
}

/** Totals of the rows at `indices` (every row when absent). */
export function rowTotals(rows: readonly QueryRow[], models: number, indices?: readonly number[]): RowTotals {
  const n = indices ? indices.length : rows.length;
  const answered = new Array<number>(models).fill(0);
  let wrong = 0;
  let cost = 0;
  let costN = 0;
  let lat = 0;
  let latN = 0;
  for (let k = 0; k < n; k++) {
    const r = rows[indices ? indices[k] : k];
    if (!r.correct) wrong++;
    if (r.answeredBy >= 0 && r.answeredBy < models) answered[r.answeredBy]++;
    if (r.costUsd !== null) {
      cost += r.costUsd;
      costN++;
    }
    if (r.latencyS !== null) {
      lat += r.latencyS;
      latN++;
    }
  }
  return {
    n,
    wrong,
    error: n ? wrong / n : 0,
    meanCostUsd: costN ? cost / costN : null,
    meanLatencyS: latN ? lat / latN : null,
    answered,
  };
}
