/** Messages of the Optimal-Model Map view (Figure 3.4: the best system over prices of error and latency). */
import type { CandidateData } from '../engines/economics/candidateData';
import type { CompactOptimalModelMap } from './compactOptimalModelMap';
import {
  DEFAULT_KINDS,
  parseCandidateKinds,
  parseRouterOverhead,
  type CandidateKinds,
  type RouterOverhead,
} from './economicEvaluation';
import { parseRunsViewHostState, type RunsViewHostState } from './logView';
import type { ViewProtocol } from './messages';
import type { QueryTableView } from './queryTable';

export type { CandidateKinds, RouterOverhead };

/** The Optimal-Model Map's data (the worker's econMap job). */
export interface EconMapResult {
  file: string;
  candidates: CandidateData[];
  /** Per-cell arrays run-length and base64 encoded (decodeOptimalModelMap restores them). */
  map: CompactOptimalModelMap;
  nTrain: number;
  nTest: number;
  warnings: string[];
  /** No record has a confidence score: the map compares single models only (the warnings say so once). */
  noConfidence: boolean;
  /** The runs compared (engines/logs/runs.ts), first the log's own; empty for one log. Only single models are compared then. */
  runs: string[];
}

/** A map cell the user opened: the map's settings, the cell's prices and its winner at its operating point. */
export interface MapCellRequest {
  priceAbstain: number;
  kinds: CandidateKinds;
  overhead: RouterOverhead;
  /** $ per error and $ per second at the cell. */
  priceError: number;
  priceLatency: number;
  candidate: string;
  point: number;
}

/** What the host needs to reopen the view after a reload: the log (and the runs compared with it) and the settings. */
export interface OptimalModelMapHostState extends RunsViewHostState {
  /** Price of abstention the map is drawn at ($ per abstention). */
  priceAbstain: number;
  kinds: CandidateKinds;
  /** Router overhead c₀ ($ per query) and l₀ (s per query) the map is drawn at. */
  overhead: RouterOverhead;
}

export interface OptimalModelMapProtocol extends ViewProtocol {
  requests: {
    /** Compute the map (in the worker) for these settings; the reply carries it. */
    compute: {
      params: { priceAbstain: number; kinds: CandidateKinds; overhead: RouterOverhead };
      result: EconMapResult;
    };
    /**
     * The test queries behind a cell: its winner (by name) at its operating point, rewarded at the
     * cell's prices, with the settings the map was drawn at.
     */
    queryTable: {
      params: MapCellRequest;
      result: QueryTableView;
    };
    /** Open the log at a query's line (a row of the query table); `model`: the row's model, whose run's log holds the line. */
    openSource: { params: { line: number; model?: string }; result: null };
  };
  hostNotifications: {
    /** The log changed on disk: the view asks again. */
    stale: { file: string };
  };
  webviewNotifications: Record<string, never>;
}

/** Validates a restored state, filling defaults for what an older version did not save. */
export function parseOptimalModelMapState(x: unknown): OptimalModelMapHostState | undefined {
  const source = parseRunsViewHostState(x);
  if (source === undefined) return undefined;
  const o = x as Record<string, unknown>;
  const priceAbstain =
    typeof o.priceAbstain === 'number' && Number.isFinite(o.priceAbstain) && o.priceAbstain >= 0 ? o.priceAbstain : 0;
  return {
    ...source,
    priceAbstain,
    kinds: parseCandidateKinds(o.kinds) ?? DEFAULT_KINDS,
    overhead: parseRouterOverhead(o.overhead),
  };
}
