/**
 * What the `summarizeLog` worker job returns for one eval log: the per-split model table, the
 * cheapest-for-its-accuracy models, and every problem found while reading. Used by the "Eval Logs"
 * tree, the Model Overview and the problems channel. Plain JSON; types only.
 */
import type { ModelSummary } from '../engines/logs/summarizeModels';
import type { ExtraFieldSummary } from '../engines/logs/summarizeExtraFields';
import type { AdapterName, LogProblem } from '../engines/logs/types';
import type { SliceField } from '../engines/slices/sliceFields';

export type { ModelSummary, LogProblem, ExtraFieldSummary, SliceField };

/** One slice of a log: the records whose text field `field` is `value` (`costrisk --where field=value`). */
export interface SliceCondition {
  field: string;
  value: string;
}

/** Values listed per field in a summary (the first ones seen; `costrisk fields --json` lists them all). */
export const MAX_SLICE_VALUES = 200;

/** The models of one split ('' = every record of the log, whatever its split). */
export interface SplitSummary {
  split: string;
  /** Shown to the user: "all records", "test", "train"... */
  label: string;
  models: ModelSummary[];
  /** Names of the models on the accuracy-versus-cost Pareto frontier, cheapest first. */
  frontier: string[];
  queries: number;
  /** Queries every model answered. */
  completeQueries: number;
  /** Plain-language notes from joining by query (different query sets, split conflicts...). */
  notes: string[];
  /** The log's other numeric and true/false fields, per model (empty when it has none). */
  extraFields: ExtraFieldSummary[];
}

export interface LogSummary {
  file: string;
  adapter: AdapterName | null;
  /** File modification time and size the summary was computed from. */
  mtimeMs: number;
  size: number;
  records: number;
  linesRead: number;
  /** The whole file could not be read (missing, empty, not a log): why. Null when it was read. */
  fatal: string | null;
  /** First entry is all records; then one per split label in the log (none if it has no split). */
  splits: SplitSummary[];
  skippedCount: number;
  warningCount: number;
  /** Skipped lines then warnings, each with file and line; at most `MAX_PROBLEMS` of them. */
  problems: LogProblem[];
  /** Problems not included in `problems` (the counts above are exact). */
  problemsOmitted: number;
  missingFields: string[];
  /** The text fields of the whole log to slice by, with their values (at most MAX_SLICE_VALUES each), as `costrisk fields`. */
  fields: SliceField[];
  /** The slice the splits summarise (null: every record). */
  where: SliceCondition | null;
}

/** Problems shipped with a summary; more are counted, not listed (a 1M-line garbage file stays cheap). */
export const MAX_PROBLEMS = 5000;

/** The split the views show first: "test" when the log has it, else all records. */
export function defaultSplit(summary: LogSummary): string {
  return summary.splits.some((s) => s.split === 'test') ? 'test' : (summary.splits[0]?.split ?? '');
}
