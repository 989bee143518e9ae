/**
 * Messages and data of the "Human in the Loop" view (thesis ch. 4): accuracy–rejection curves per
 * model, "Ask" versus "Fail Fast, or Ask" at every utilisation, latency drag. Types only.
 */
import type { AbstainReport } from '../engines/abstention/abstainReport';
import type { SignalChoice, SignalName } from '../engines/abstention/certaintySignal';
import type { HitlConfig } from '../engines/abstention/hitlTable';
import type { LatencyDragResult } from '../engines/abstention/latencyDrag';
import type { LogViewHostState, SelectionViewProtocol, SelectionViewState } from './logView';
import type { QueryTableView } from './queryTable';

export type { AbstainReport, HitlConfig, LatencyDragResult, SignalChoice, SignalName };

/** What the user chose; everything the worker job needs besides the file and prices. */
export interface HitlSelection {
  /** Split to analyse ('' = every record). */
  split: string;
  /** Models whose accuracy–rejection curves are drawn. */
  models: string[];
  /** The "Fail Fast, or Ask" pair; null until both are chosen. */
  fast: string | null;
  reasoning: string | null;
  fastSignal: SignalChoice;
  reasoningSignal: SignalChoice;
  /** Largest rejection rate of AUARC and of the system curves (0.2 in the thesis). */
  maxRejection: number;
  /** Overall rejection rate at which latency drag is shown. */
  dragRejection: number;
}

export interface HitlModelInfo {
  model: string;
  answers: number;
  reasoning: boolean;
  hasConfidence: boolean;
  hasOutputTokens: boolean;
}

export interface HitlSystemData {
  fast: string;
  reasoning: string;
  fastSignal: SignalName;
  reasoningSignal: SignalName;
  n: number;
  /** "Ask" first, then "Fail Fast, or Ask" at every utilisation of `utilizations`. */
  configs: HitlConfig[];
  utilizations: number[];
  /** Utilisations of the Table 4.2-style summary (a subset of `utilizations`). */
  tableUtilizations: number[];
  drag: LatencyDragResult;
}

export interface HitlData {
  file: string;
  split: string;
  splits: string[];
  available: HitlModelInfo[];
  curves: AbstainReport[];
  system: HitlSystemData | null;
  warnings: string[];
  /**
   * Set when the log has no confidence scores and part of the selection needs them (curves of
   * models that are not reasoning models, "Fail Fast, or Ask" on a confidence signal): the one
   * message the view shows; those curves and the system are then left out, not drawn empty.
   */
  noConfidence: string | null;
}

export type HumanInTheLoopHostState = LogViewHostState;

/** A point of an error–rejection curve: the view's pair, split and signals, the utilisation u (0 = "Ask") and the rejection rate. */
export interface FailFastPointParams {
  split: string;
  fast: string;
  reasoning: string;
  fastSignal: SignalChoice;
  reasoningSignal: SignalChoice;
  utilization: number;
  rejection: number;
}

export interface HumanInTheLoopWebviewState extends SelectionViewState<HitlSelection> {
  utilization: number;
}

/**
 * `analyse`: compute everything for a selection (null = sensible defaults for the log); `logChanged`:
 * ask again. `queryTable`: the answers behind a point of a model's accuracy–rejection curve (in the
 * view's split); `failFastQueryTable`: the queries behind a point of an "Ask" or "Fail Fast, or Ask"
 * error–rejection curve; `openSource`: open the log at a row's line.
 */
export interface HumanInTheLoopProtocol extends SelectionViewProtocol<'analyse', HitlSelection, HitlData> {
  requests: SelectionViewProtocol<'analyse', HitlSelection, HitlData>['requests'] & {
    queryTable: { params: { model: string; split: string; rejection: number }; result: QueryTableView };
    failFastQueryTable: { params: FailFastPointParams; result: QueryTableView };
    openSource: { params: { line: number }; result: null };
  };
}
