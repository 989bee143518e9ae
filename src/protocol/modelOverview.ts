/** Messages of the Model Overview view (one eval log: models per split, accuracy-versus-cost scatter). */
import type { LogSummary, SliceCondition } from './logSummary';
import type { RunsViewHostState } from './logView';
import type { ViewProtocol } from './messages';
import type { QueryTableView } from './queryTable';
import type { SliceSummary } from '../engines/slices/sliceSummaries';
import type { RunPair } from '../engines/compare/compareRunSet';

export type { RunPair };

/** Every later run compared with the first, model by model (worker job `runPairs`). */
export interface RunPairsView {
  /** The runs' names, the baseline first, and their files. */
  runs: string[];
  files: string[];
  pairs: RunPair[];
  replicates: number;
  seed: number;
}

/** What the host needs to reopen the view after a reload: the log, and the runs compared with it. */
export type ModelOverviewHostState = RunsViewHostState;

/** What the webview keeps with setState (the host state plus UI choices). */
export interface ModelOverviewWebviewState extends ModelOverviewHostState {
  /** Chosen split ('' = all records); null until the user picks one. */
  split: string | null;
  /** The slice shown (null: every record); absent in states saved before slices existed. */
  where?: SliceCondition | null;
}

/** The analyses a user can go on to from the overview, each opened on the same log. */
export const NEXT_ANALYSES = [
  {
    view: 'cascadeFrontier',
    label: 'Cascade Frontier',
    help: 'Tune the confidence thresholds of a cascade of these models',
  },
  {
    view: 'economicEvaluation',
    label: 'Economic Evaluation',
    help: 'Pick the system to deploy at your prices of error, latency and abstention',
  },
  {
    view: 'humanInTheLoop',
    label: 'Human in the Loop',
    help: 'Defer the least certain answers to a person: accuracy against rejection rate',
  },
  {
    view: 'riskGuarantee',
    label: 'Risk Guarantee',
    help: 'A threshold whose error among accepted answers is at most α with confidence 1 − δ',
  },
] as const;
export type NextAnalysis = (typeof NEXT_ANALYSES)[number]['view'];

export interface ModelOverviewProtocol extends ViewProtocol {
  requests: {
    /** Read the log again (after "Refresh"); the answer arrives as a `summary` notification too. */
    reload: { params: Record<string, never>; result: null };
    /** Open the raw log file in an editor. */
    openLog: { params: Record<string, never>; result: null };
    /** Summarise only one slice of the log (null: every record); the answer arrives as a `summary` notification. */
    slice: { params: { where: SliceCondition | null }; result: null };
    /** One model's records on a split ('' = all) of the slice shown as a query table (worker job `queryTable`). */
    queryTable: { params: { model: string; split: string; where: SliceCondition | null }; result: QueryTableView };
    /** Each model's accuracy and cost per value of `field`, side by side, on a split ('' = all) of the slice shown (worker job `summarizeBy`). */
    bySlice: { params: { field: string; split: string; where: SliceCondition | null }; result: SliceSummary[] };
    /** Opens the log at a record's line (a row of the query table); `model`: the row's model, whose run's log holds the line. */
    openSource: { params: { line: number; model?: string }; result: null };
    /** Every compared run against the first, model by model, on a split ('' = all) of the slice shown (worker job `runPairs`). */
    runPairs: { params: { split: string; where: SliceCondition | null }; result: RunPairsView };
    /** Let the user tick other logs of the workspace and open a Model Overview comparing them with this log as runs. */
    chooseRuns: { params: Record<string, never>; result: null };
    /** Open another analysis of this log. */
    openAnalysis: { params: { view: NextAnalysis }; result: null };
  };
  hostNotifications: {
    loading: { file: string };
    summary: { summary: LogSummary };
    failed: { file: string; message: string };
  };
  webviewNotifications: Record<string, never>;
}
