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
  | { kind: 'abstained' }
  | { kind: 'human' }
  | { kind: 'disagree'; a: number; b: number }
  | { kind: 'confidentWrong'; min: number };

/** An answer given and wrong (an abstention is neither right nor wrong). */
export const isWrong = (row: QueryRow): boolean => !row.correct && !row.abstained;

/** Whether a row passes the filter. */
export function keepRow(row: QueryRow, f: RowFilter): boolean {
  switch (f.kind) {
    case 'all':
      return true;
    case 'wrong':
      return isWrong(row);
    case 'deferred':
      return row.answeredBy > 0;
    case 'abstained':
      return row.abstained;
    case 'human':
      return row.humanShare > 0;
    case 'disagree':
      return (
        row.modelCorrect[f.a] !== undefined &&
        row.modelCorrect[f.b] !== undefined &&
        row.modelCorrect[f.a] !== row.modelCorrect[f.b]
      );
    case 'confidentWrong': {
      const c = row.confidence[row.answeredBy];
      return isWrong(row) && c !== null && c !== undefined && c >= f.min;
    }
  }
}

/** Indices of the rows the filter keeps, in order. */
export function filterRows(rows: readonly QueryRow[], f: RowFilter): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) if (keepRow(rows[i], f)) out.push(i);
  return out;
}

/** Totals of some rows: how many, how many wrong or abstained, the error rate, and mean cost, latency and reward over the rows that have them. */
export interface RowTotals {
  n: number;
  wrong: number;
  abstained: number;
  /** wrong / n (0 without rows): abstentions count in n, not as errors, as the economic error rate counts them. */
  error: number;
  /** Mean of the rows' rewards, $ per query; null when no row has one. */
  meanReward: number | null;
  meanCostUsd: number | null;
  meanLatencyS: number | null;
  /** Rows answered by each model of the table. */
  answered: number[];
  /** Queries sent to a human (Σ humanShare; a tie cut at the threshold counts by its share). */
  toHuman: number;
  /** Accuracy on what no human saw: Σ keptRight (else (1 − humanShare)·correct) / (n − toHuman); null when everything went to the human. */
  acceptedAccuracy: number | null;
}

/** Totals of the rows at `indices` (every row when absent). */
export function rowTotals(rows: readonly QueryRow[], models: number, indices?: readonly number[]): RowTotals {
  const n = indices ? indices.length : rows.length;
  const answered = new Array<number>(models).fill(0);
  let wrong = 0;
  let abstained = 0;
  let reward = 0;
  let rewardN = 0;
  let cost = 0;
  let costN = 0;
  let lat = 0;
  let latN = 0;
  let human = 0;
  let keptRight = 0;
  for (let k = 0; k < n; k++) {
    const r = rows[indices ? indices[k] : k];
    if (isWrong(r)) wrong++;
    if (r.abstained) abstained++;
    human += r.humanShare;
    keptRight += r.keptRight ?? (r.correct ? 1 - r.humanShare : 0);
    if (r.reward !== null) {
      reward += r.reward;
      rewardN++;
    }
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
    abstained,
    error: n ? wrong / n : 0,
    meanReward: rewardN ? reward / rewardN : null,
    meanCostUsd: costN ? cost / costN : null,
    meanLatencyS: latN ? lat / latN : null,
    answered,
    toHuman: human,
    acceptedAccuracy: n - human > 1e-9 ? keptRight / (n - human) : null,
  };
}
