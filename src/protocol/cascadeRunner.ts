/**
 * Messages and data of the "Cascade Runner" view: an Inter-Cascade run (docs/inter-cascade.md)
 * against the OpenAI-compatible endpoint of the settings, with live figures while it runs. Plain
 * JSON; no `vscode`, no DOM. `checkRunForm` is shared by the webview (to show field errors) and the
 * host (which never trusts the webview).
 */
import type { InterCascadeResult } from '../engines/intercascade/runInterCascade';
import type { ConfidenceSource } from '../engines/intercascade/llmCascadeModel';
import type { ControlArm, RunEstimate } from '../engines/intercascade/costEstimate';
import type { ArmFigures } from '../engines/intercascade/armFigures';
import { MATCH_MODES, type MatchMode, type MatchOptions } from '../engines/intercascade/matchAnswer';
import type { Spend, StopReason } from '../engines/intercascade/sessionGuards';
import { formatUsd, plural } from './format';
import type { ViewProtocol } from './messages';
import { groupDigits } from '../shared/text/groupDigits';

/** What the host needs to reopen the view: the queries file, if one was chosen from the explorer. */
export interface CascadeRunnerHostState {
  queriesFile: string | null;
}

/** Where the chat models are: an OpenAI-compatible endpoint (the settings), or VS Code's Language Model API. */
export type CascadeProvider = 'openai' | 'vscode';

/** The journal's and the summary's name for the provider of VS Code's language models. */
export const VSCODE_LM_ENDPOINT = 'vscode.lm';

/** Which controls run beside the Inter-Cascade on the same queries. */
export const COMPARE_CHOICES = ['none', 'plain', 'random', 'plain,random'] as const;
export type CompareChoice = (typeof COMPARE_CHOICES)[number];

/** The form as typed (text fields keep what the user wrote, so a reload shows it unchanged). */
export interface CascadeFormValues {
  provider: CascadeProvider;
  queriesFile: string;
  weakModel: string;
  strongModel: string;
  k: string;
  mode: 'manual' | 'guarantee';
  /** Where the deferral confidence comes from (see llmCascadeModel.ts). */
  confidence: ConfidenceSource;
  weakThreshold: string;
  strongThreshold: string;
  alpha: string;
  delta: string;
  calibration: string;
  repositoryFile: string;
  /** Empty: word-based (TF-IDF) matching; else the endpoint's embedding model. */
  embeddingModel: string;
  /** Dollars; empty: no budget. */
  budgetUsd: string;
  /** How answers are graded against the gold answer. */
  match: MatchMode;
  /** The relative tolerance of numeric matching; empty: the default (1e-6). */
  tolerance: string;
  /** The judge model of judge matching. */
  judgeModel: string;
  compare: CompareChoice;
}

export const DEFAULT_FORM: CascadeFormValues = {
  provider: 'openai',
  queriesFile: '',
  weakModel: '',
  strongModel: '',
  k: '2',
  mode: 'manual',
  confidence: 'stated',
  weakThreshold: '0.7',
  strongThreshold: '0',
  alpha: '0.1',
  delta: '0.1',
  calibration: '50',
  repositoryFile: '',
  embeddingModel: '',
  budgetUsd: '',
  match: 'exact',
  tolerance: '',
  judgeModel: '',
  compare: 'none',
};

export type ThresholdPlan =
  | { mode: 'manual'; weak: number; strong: number }
  | { mode: 'guarantee'; alpha: number; delta: number; calibration: number };

/** A checked form: what a run needs. `repositoryFile` null: start empty, do not save. */
export interface CascadeRunForm {
  provider: CascadeProvider;
  queriesFile: string;
  weakModel: string;
  strongModel: string;
  k: number;
  confidence: ConfidenceSource;
  thresholds: ThresholdPlan;
  repositoryFile: string | null;
  /** The embedding model that matches queries, or null for word-based matching. */
  embeddingModel: string | null;
  /** Stop before the spending would pass this many dollars (needs prices for both models); null: no budget. */
  budgetUsd: number | null;
  match: MatchOptions;
  /** The controls run on the same queries (empty: none). */
  compare: ControlArm[];
}

/** A chat model VS Code offers (`vscode.lm.selectChatModels`). */
export interface ChatModelChoice {
  id: string;
  name: string;
  vendor: string;
  family: string;
  maxInputTokens: number;
}

/** One point of the live figures, cumulative over the first `queries` online queries. */
export interface CascadePoint {
  queries: number;
  strongCallRate: number;
  /** Share of gold queries the weak model answered right and kept (the paper's "weak correct accepted"). */
  weakKeptAccuracy: number | null;
  overallAccuracy: number | null;
  repositorySize: number;
  costUsd: number | null;
}

/** Failed model calls by cause; each counts as a zero-confidence answer, and the summary says how many. */
export interface FailedCalls {
  /** Replies that broke the JSON answer format (or were not JSON at all). */
  malformed: number;
  /** HTTP errors, timeouts, unreachable endpoint (after retries). */
  transport: number;
  /** Replies with implausible token counts (never priced). */
  usage: number;
  /** The first few messages, for the view. */
  examples: string[];
}

/** The run's figures (over the online queries; calibration queries excluded), as the engine reports them. */
type RunFigures = Pick<
  InterCascadeResult,
  | 'n'
  | 'nGold'
  | 'weakAccuracy'
  | 'weakCorrectAccepted'
  | 'overallAccuracy'
  | 'riskAccepted'
  | 'strongCallRate'
  | 'abstentionRate'
  | 'totalCostUsd'
  | 'repositorySize'
  | 'strategiesAdded'
>;

export interface CascadeRunSummary extends RunFigures {
  provider: CascadeProvider;
  queriesFile: string;
  weakModel: string;
  strongModel: string;
  endpoint: string;
  k: number;
  confidence: ConfidenceSource;
  embeddingModel: string | null;
  weakThreshold: number | null;
  strongThreshold: number | null;
  calibration: {
    n: number;
    alpha: number;
    delta: number;
    weakUpperBound: number | null;
    strongUpperBound: number | null;
  } | null;
  repositoryStart: number;
  /** Where the repository was saved at the end (the form's file), else null. */
  repositorySavedTo: string | null;
  failed: FailedCalls;
  /** Online queries in the file (`n` of them finished). */
  onlineTotal: number;
  /** The estimate made before the first call (see costEstimate.ts). */
  estimate: RunEstimate;
  /** What the run spent, across resumes. */
  spent: Spend;
  budgetUsd: number | null;
  /** Why the run stopped before the end (budget, failed calls in a row); its finished queries are kept. */
  stopped: { reason: StopReason; message: string } | null;
  /** Online queries that an earlier, interrupted run of the same form had finished. */
  resumedQueries: number;
  /** The journal that a new run of the same form resumes from, when the run stopped; else null. */
  journal: string | null;
  match: MatchOptions;
  /** The paper's figures for the Inter-Cascade and its controls on the same queries; null without a comparison. */
  comparison: ArmFigures[] | null;
  /** The controls' extra paid calls, and calls answered by an identical call already paid. */
  sharing: { extraPaidCalls: number; sharedCalls: number } | null;
  /** Judge matching: the judge's calls and cost (apart from the pipelines' costs). */
  judge: { model: string; calls: number; failed: number; costUsd: number | null } | null;
  /** Embedding matching: the requests and their cost (null: no price), and why the run fell back to words. */
  embedding: { model: string; requests: number; costUsd: number | null; fallback: string | null } | null;
  warnings: string[];
  elapsedS: number;
}

/** One online query as the trace table shows it. */
export interface CascadeTraceRow {
  queryId: string;
  question: string;
  gold: string | null;
  strategiesShown: number;
  weakAnswer: string | null;
  weakConfidence: number;
  strongAnswer: string | null;
  strongConfidence: number | null;
  /** 'weak' | 'strong' | 'abstained'. */
  answeredBy: 'weak' | 'strong' | 'abstained';
  finalAnswer: string | null;
  correct: boolean | null;
  strategyAdded: boolean;
  costUsd: number | null;
  /** Why a call failed (malformed reply, HTTP error...), else null. */
  problem: string | null;
}

/** A run in progress, as the worker reports it (the job's updates) and the view shows it. */
export interface CascadeRunProgress {
  stage: 'starting' | 'calibrating' | 'online';
  done: number;
  total: number;
  onlineTotal: number;
  points: CascadePoint[];
  failed: FailedCalls;
  estimate: RunEstimate | null;
  spent: Spend | null;
  budgetUsd: number | null;
  /** Online queries already finished by an earlier, interrupted run of the same form. */
  resumedQueries: number;
}

/** Where a run stands; the host posts it on every change and whenever the webview (re)loads. */
export type CascadeRunStatus =
  | { phase: 'idle' }
  /**
   * `done` of `total` queries (calibration and online); `onlineTotal` online queries, the charts' x
   * range; the estimate and what was spent so far (null until the run has started).
   */
  | ({ phase: 'running' } & CascadeRunProgress)
  | { phase: 'done'; summary: CascadeRunSummary; points: CascadePoint[]; trace: CascadeTraceRow[] }
  /** Stopped by the budget or by failed calls in a row: the finished queries, and `summary.stopped` says why. */
  | { phase: 'stopped'; summary: CascadeRunSummary; points: CascadePoint[]; trace: CascadeTraceRow[] }
  | { phase: 'failed'; message: string; points: CascadePoint[] }
  | { phase: 'cancelled'; points: CascadePoint[] };

/** The language-model endpoint the run will use (from the settings). */
export interface EndpointInfo {
  /** `costRiskLab.llm.endpoint`, or null when empty. */
  endpoint: string | null;
  hasApiKey: boolean;
  timeoutSeconds: number;
  /** `costRiskLab.llm.model`: a default for the weak model. */
  defaultModel: string;
}

/** What the webview keeps across reloads: the form, and the last finished run's summary and figures. */
export interface CascadeRunnerWebviewState extends CascadeRunnerHostState {
  form: CascadeFormValues;
  last: { summary: CascadeRunSummary; points: CascadePoint[] } | null;
}

export interface CascadeRunnerProtocol extends ViewProtocol {
  requests: {
    /** A file dialog in the workspace; null when dismissed. */
    browse: { params: { purpose: 'queries' | 'repository' }; result: { file: string } | null };
    /** The cost estimate of the form's run, without any call (fails on a bad form, e.g. a budget without prices). */
    estimate: { params: CascadeFormValues; result: RunEstimate };
    /** Starts a run (progress and results arrive as `run` notifications); fails at once on a bad form or a missing endpoint. */
    start: { params: CascadeFormValues; result: null };
    cancel: { params: Record<string, never>; result: null };
    /** Saves the last run as a native eval log (save dialog in the workspace); null when dismissed. */
    saveLog: { params: Record<string, never>; result: { file: string; records: number } | null };
    /** Opens the Model Overview on a saved log. */
    openLog: { params: { file: string }; result: null };
    /** Saves the strategy repository after the last run (save dialog). */
    saveRepository: { params: Record<string, never>; result: { file: string; entries: number } | null };
    /** The chat models VS Code offers now (empty when none, or the Language Model API is missing). */
    chatModels: { params: Record<string, never>; result: ChatModelChoice[] };
  };
  hostNotifications: {
    endpoint: EndpointInfo;
    run: CascadeRunStatus;
    /** A queries file chosen from the explorer while the view was open. */
    useQueries: { file: string };
  };
  webviewNotifications: {
    openSettings: Record<string, never>;
    setApiKey: Record<string, never>;
  };
}

export function isCascadeRunnerHostState(x: unknown): x is CascadeRunnerHostState {
  if (typeof x !== 'object' || x === null) return false;
  const q = (x as { queriesFile?: unknown }).queriesFile;
  return q === null || typeof q === 'string';
}

export type FormCheck = { ok: true; form: CascadeRunForm } | { ok: false; errors: string[] };

/**
 * Checks the typed form: files and model names present, weak ≠ strong, k an integer in 0..50,
 * thresholds in [0, 1], or α, δ in (0, 1) and N a positive integer, a budget empty or a positive
 * number of dollars, a tolerance empty or in [0, 1), a judge model for judge matching; with VS
 * Code's language models, the stated confidence and no embedding model (neither exists there).
 * Every problem is listed.
 */
export function checkRunForm(v: CascadeFormValues): FormCheck {
  const errors: string[] = [];
  const num = numberReader(errors);
  const provider = v.provider === 'vscode' ? 'vscode' : 'openai';
  if (v.provider !== 'openai' && v.provider !== 'vscode')
    errors.push(`The provider must be "openai" or "vscode", got "${String(v.provider)}"`);
  const queriesFile = v.queriesFile.trim();
  if (!queriesFile) errors.push('Choose a queries file (.jsonl: query_id, question, answer)');
  const weakModel = v.weakModel.trim();
  const strongModel = v.strongModel.trim();
  if (!weakModel) errors.push(provider === 'vscode' ? 'Choose the weak model' : 'Name the weak model');
  if (!strongModel) errors.push(provider === 'vscode' ? 'Choose the strong model' : 'Name the strong model');
  if (weakModel && weakModel === strongModel) errors.push('The weak and strong models must differ');
  const k = num(v.k, 'k', (x) => Number.isInteger(x) && x >= 0 && x <= 50, 'an integer from 0 to 50');
  const thresholds = formThresholds(v, num);
  if (v.confidence !== 'stated' && v.confidence !== 'tokens')
    errors.push(`Confidence must be "stated" or "tokens", got "${String(v.confidence)}"`);
  const embeddingModel = v.embeddingModel.trim() || null;
  if (provider === 'vscode' && v.confidence === 'tokens')
    errors.push("VS Code's language models give no token log-probabilities: use the confidence the model states");
  if (provider === 'vscode' && embeddingModel)
    errors.push(
      "VS Code's language models offer no embeddings: leave the embedding model empty (queries are matched by words)",
    );
  const budgetText = (v.budgetUsd ?? '').trim();
  const budgetUsd =
    budgetText === ''
      ? null
      : num(budgetText, 'Budget', (x) => x > 0, 'a positive number of dollars (or empty: no budget)');
  const match = formMatch(v, provider, num, errors);
  const compare = (COMPARE_CHOICES as readonly string[]).includes(v.compare) ? v.compare : 'none';
  if (compare !== v.compare)
    errors.push(`Comparison must be one of ${COMPARE_CHOICES.join(', ')}, got "${String(v.compare)}"`);
  const repositoryFile = v.repositoryFile.trim() || null;
  if (repositoryFile !== null && repositoryFile === queriesFile)
    errors.push('The repository file must not be the queries file');
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    form: {
      provider,
      queriesFile,
      weakModel,
      strongModel,
      k,
      confidence: v.confidence,
      thresholds,
      repositoryFile,
      embeddingModel,
      budgetUsd,
      match,
      compare: compare === 'none' ? [] : (compare.split(',') as ControlArm[]),
    },
  };
}

/** Reads a number field of the form: NaN when empty; a value that is not finite or breaks `ok` adds "<label> must be <rule>" to `errors`. */
type ReadNumber = (raw: string, label: string, ok: (x: number) => boolean, rule: string) => number;

function numberReader(errors: string[]): ReadNumber {
  return (raw, label, ok, rule) => {
    const x = raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(x) || !ok(x)) errors.push(`${label} must be ${rule}, got "${raw.trim()}"`);
    return x;
  };
}

/** The form's thresholds: given (each in [0, 1]), or the risk guarantee's α, δ in (0, 1) and a positive integer N. */
function formThresholds(v: CascadeFormValues, num: ReadNumber): ThresholdPlan {
  const unit = (x: number) => x >= 0 && x <= 1;
  const open = (x: number) => x > 0 && x < 1;
  return v.mode === 'manual'
    ? {
        mode: 'manual',
        weak: num(v.weakThreshold, 'Weak threshold', unit, 'a number from 0 to 1'),
        strong: num(v.strongThreshold, 'Strong threshold', unit, 'a number from 0 to 1'),
      }
    : {
        mode: 'guarantee',
        alpha: num(v.alpha, 'α', open, 'a number between 0 and 1 (exclusive)'),
        delta: num(v.delta, 'δ', open, 'a number between 0 and 1 (exclusive)'),
        calibration: num(
          v.calibration,
          'Calibration size N',
          (x) => Number.isInteger(x) && x >= 1,
          'a positive integer',
        ),
      };
}

/**
 * The form's matching: the mode, a numeric tolerance (empty: the default) and, for judge matching, the
 * judge model (required). Problems are added to `errors` (the tolerance's through `num`), in that order.
 */
function formMatch(
  v: CascadeFormValues,
  provider: CascadeRunForm['provider'],
  num: ReadNumber,
  errors: string[],
): MatchOptions {
  const mode = (MATCH_MODES as readonly string[]).includes(v.match) ? v.match : 'exact';
  if (mode !== v.match) errors.push(`Matching must be one of ${MATCH_MODES.join(', ')}, got "${String(v.match)}"`);
  const tolText = (v.tolerance ?? '').trim();
  const relTol =
    tolText === ''
      ? undefined
      : num(
          tolText,
          'Tolerance',
          (x) => x >= 0 && x < 1,
          'a relative tolerance from 0 to 1 (exclusive), or empty for 1e-6',
        );
  const judgeModel = (v.judgeModel ?? '').trim();
  if (mode === 'judge' && !judgeModel)
    errors.push(
      provider === 'vscode'
        ? 'Choose the judge model'
        : 'Name the judge model (the model asked whether an answer matches the gold answer)',
    );
  return {
    mode,
    ...(mode === 'numeric' && relTol !== undefined ? { relTol } : {}),
    ...(mode === 'judge' ? { judgeModel } : {}),
  };
}

/** "24 to 48 calls, 9,000 to 21,000 tokens, $0.0012 to $0.0345" (or why there is no dollar figure). */
export function describeEstimate(e: RunEstimate): string {
  const range = (lo: string, hi: string) => (lo === hi ? lo : `${lo} to ${hi}`);
  const usd = e.usd
    ? range(formatUsd(e.usd.low), formatUsd(e.usd.high))
    : `no dollar figure (no price for ${e.unpriced.join(', ')})`;
  return `${range(groupDigits(e.calls.low), plural(e.calls.high, 'call'))}, ${range(groupDigits(e.tokens.low), plural(e.tokens.high, 'token'))}, ${usd}`;
}
