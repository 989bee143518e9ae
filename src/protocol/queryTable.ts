/**
 * The drill-down query table (issue 14 item 2) as the views ask for it and receive it: which
 * system's rows (one model on a split, or a cascade at a frontier point's thresholds), and the rows
 * with whether their line numbers are lines of the log file. Types and a pure check only.
 */
import type { QueryTable } from '../engines/drilldown/queryTable';

export type { QueryTable };
export type { QueryRow } from '../engines/drilldown/queryTable';
export type { RowFilter, RowTotals } from '../engines/drilldown/filterRows';

/** The system whose per-query rows are asked for. */
export type QuerySystem =
  | { kind: 'model'; model: string; /** '' = every record. */ split: string }
  | {
      kind: 'cascade';
      cascade: string[];
      /** The frontier point's thresholds, one per model but the last. */
      thresholds: number[];
      trainSplit: string;
      testSplit: string;
      /** The tuning's low-sample size (null: all training data) and seed. */
      lowSample: number | null;
      seed: number;
    };

/** What a view receives: the table, and whether a row's `line` is a line of the log file one can open. */
export interface QueryTableView extends QueryTable {
  /** True for line-per-record logs (JSON Lines, CSV); false when `line` is a sample's position in a JSON document or an archive. */
  fileLines: boolean;
}

/** Whether records of this log file carry their line in the file (JSON Lines and CSV), not a sample position. */
export function hasFileLines(file: string): boolean {
  return /\.(jsonl|ndjson|csv)$/i.test(file);
}
