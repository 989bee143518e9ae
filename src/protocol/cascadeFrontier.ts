/**
 * Messages and data of the "Cascade Frontier" view (issue 3 item 9): choose models and their order,
 * tune the cascade's confidence thresholds (Rational Tuning, grid search, Bayesian optimisation),
 * every ordered sub-cascade, and the Markov-copula diagnostics. Types and guards only.
 */
import type { CascadeDiagnostics } from '../engines/tuning/cascadeDiagnostics';
import type { SubCascadeResult } from '../engines/tuning/subCascades';
import type { TuneCascadeResult } from '../engines/tuning/tuneCascade';
import { TUNE_METHOD_LABEL, type TuneMethod } from '../engines/tuning/types';
import type { LogSummary } from './logSummary';
import type { LogViewHostState } from './logView';
import type { ViewProtocol } from './messages';
import type { QueryTableView } from './queryTable';

export type { CascadeDiagnostics, SubCascadeResult, TuneCascadeResult, TuneMethod };

export const TUNE_METHODS: readonly TuneMethod[] = ['rt', 'grid', 'bo'];
export const METHOD_LABEL: Readonly<Record<TuneMethod, string>> = TUNE_METHOD_LABEL;

/** What the user chose: the cascade (models in order), methods, splits, low-sample mode, seed. */
export interface CascadeSelection {
  /** Chosen models, in cascade order (at least 2 to run). */
  cascade: string[];
  methods: TuneMethod[];
  trainSplit: string;
  testSplit: string;
  /** Fit on at most N balanced training queries (thesis §2.4); null = all training data. */
  lowSample: number | null;
  seed: number;
}

/** One model of the log as the model picker shows it. */
export interface LogModel {
  model: string;
  /** Mean $ per query over all records (null: no cost known); the default order is by it. */
  meanCostUsd: number | null;
  accuracy: number;
  n: number;
}

/** What the host tells the webview about the log once it has read it. */
export interface CascadeLogInfo {
  file: string;
  /** Ordered by mean cost, cheapest first (unknown costs last). */
  models: LogModel[];
  /** Split labels of the log ('' never appears). */
  splits: string[];
  skippedCount: number;
  warningCount: number;
  /** The whole file could not be read: why. */
  fatal: string | null;
  /** No record has a confidence score: nothing here can be tuned (the view says so once). */
  noConfidence: boolean;
}

export type CascadeTab = 'frontier' | 'subcascades' | 'diagnostics';

/** The last run of a log's Cascade Frontier, which the host gives a panel opened again on that log. */
export interface CascadeFrontierLastRun {
  lastRun: CascadeSelection;
  tab: CascadeTab;
}

/**
 * What the host needs to reopen the view after a reload; `reopen`: the last run on this log,
 * shown (from the worker's cache) when the view has no saved state of its own.
 */
export type CascadeFrontierHostState = LogViewHostState & { reopen?: CascadeFrontierLastRun };

/** The saved-state fields of a host state's `reopen` (the selection becomes the last run's), else {}. */
export function reopenedState(initial: unknown): Record<string, unknown> {
  if (typeof initial !== 'object' || initial === null) return {};
  const r = (initial as { reopen?: unknown }).reopen;
  if (typeof r !== 'object' || r === null) return {};
  const { lastRun, tab } = r as { lastRun?: unknown; tab?: unknown };
  return { selection: lastRun, lastRun, tab };
}

/** What the webview keeps with setState. */
export interface CascadeFrontierWebviewState extends CascadeFrontierHostState {
  selection: CascadeSelection | null;
  /** Every model of the log in the order the picker lists them (checked ones form the cascade in this order). */
  order: string[];
  /** The selection of the last successful run: recomputed when the view reloads. */
  lastRun: CascadeSelection | null;
  tab: CascadeTab;
}

export interface CascadeFrontierProtocol extends ViewProtocol {
  requests: {
    /** RT / grid / BO frontiers of the chosen cascade (worker job `tuneCascade`). */
    tune: { params: { selection: CascadeSelection }; result: TuneCascadeResult };
    /** Every ordered sub-cascade of the chosen models (worker job `subCascades`). */
    subCascades: { params: { selection: CascadeSelection }; result: SubCascadeResult };
    /** Marginal, copula and Markov diagnostics along the chosen order (worker job `cascadeDiagnostics`). */
    diagnostics: { params: { selection: CascadeSelection }; result: CascadeDiagnostics };
    /** The test queries of the cascade at a frontier point's thresholds (worker job `queryTable`). */
    queryTable: { params: { selection: CascadeSelection; thresholds: number[] }; result: QueryTableView };
    /** Opens the log at a record's line (a row of the query table). */
    openSource: { params: { line: number }; result: null };
    /** Cancels whatever this view is computing. */
    cancel: { params: Record<string, never>; result: null };
  };
  hostNotifications: {
    loading: { file: string };
    log: { info: CascadeLogInfo };
    /** The log file changed on disk: results shown are stale. */
    logChanged: { file: string };
  };
  webviewNotifications: Record<string, never>;
}

/** The message a request fails with when the user cancelled it (the webview shows it as is). */
export const CANCELLED_MESSAGE = 'Cancelled: nothing was computed. Press Run to start again.';

const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');

/** Checks a selection restored from saved state or sent by the webview; null when malformed. */
export function parseSelection(x: unknown): CascadeSelection | null {
  if (typeof x !== 'object' || x === null) return null;
  const s = x as Record<string, unknown>;
  if (
    !isStringArray(s.cascade) ||
    !isStringArray(s.methods) ||
    !s.methods.every((m) => (TUNE_METHODS as string[]).includes(m))
  )
    return null;
  if (
    typeof s.trainSplit !== 'string' ||
    typeof s.testSplit !== 'string' ||
    typeof s.seed !== 'number' ||
    !Number.isSafeInteger(s.seed)
  )
    return null;
  const low = s.lowSample;
  if (low !== null && !(typeof low === 'number' && Number.isSafeInteger(low) && low >= 5)) return null;
  return {
    cascade: [...s.cascade],
    methods: [...(s.methods as TuneMethod[])],
    trainSplit: s.trainSplit,
    testSplit: s.testSplit,
    lowSample: low as number | null,
    seed: s.seed,
  };
}

/** Why a selection cannot run (null: it can). */
export function selectionProblem(s: CascadeSelection): string | null {
  if (s.cascade.length < 2) return 'Choose at least two models for a cascade.';
  if (new Set(s.cascade).size !== s.cascade.length) return 'A model appears twice in the cascade.';
  if (s.methods.length === 0) return 'Choose at least one tuning method.';
  if (s.trainSplit === s.testSplit)
    return `The training and test splits are both "${s.trainSplit}": choose different splits.`;
  return null;
}

/** The log's models cheapest first (by mean cost over all records; unknown costs last), and its splits. */
export function cascadeLogInfo(summary: LogSummary): CascadeLogInfo {
  const all = summary.splits.find((s) => s.split === '') ?? summary.splits[0];
  const models: LogModel[] = (all?.models ?? []).map((m) => ({
    model: m.model,
    meanCostUsd: m.mean_cost_usd,
    accuracy: m.accuracy,
    n: m.n,
  }));
  models.sort((a, b) => (a.meanCostUsd ?? Infinity) - (b.meanCostUsd ?? Infinity));
  return {
    file: summary.file,
    models,
    splits: summary.splits.map((s) => s.split).filter((s) => s !== ''),
    skippedCount: summary.skippedCount,
    warningCount: summary.warningCount,
    fatal: summary.fatal,
    noConfidence: summary.missingFields.includes('confidence'),
  };
}
