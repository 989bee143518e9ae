/**
 * What an Inter-Cascade session takes, and what is checked and derived from it before any call:
 * the input checks, the configuration a journal must agree on, and the estimate.
 */
import { redactSecrets } from '../../shared/text/redactSecrets';
import { sha256Hex } from '../../shared/text/sha256';
import type { ChatFunction } from '../llm/chatFunction';
import type { HttpFetch } from '../llm/openAiRequest';
import type { RetryPolicy } from '../llm/retry';
import type { ModelPrice } from '../logs/types';
import type { JournalStore } from './cascadeJournal';
import type { FailedCallCounts } from './callFailures';
import { estimateRun, type ControlArm, type RunEstimate } from './costEstimate';
import type { ConfidenceSource } from './llmCascadeModel';
import { matchConfig, matchProblem, type MatchOptions } from './matchAnswer';
import type { CascadeQuery } from './queriesJsonl';
import type { QueryTrace } from './runInterCascade';
import type { Spend } from './sessionGuards';
import type { StrategyEntry } from './strategyRepository';

export type SessionThresholds =
  | { mode: 'manual'; weak: number; strong: number }
  | { mode: 'guarantee'; alpha: number; delta: number; calibration: number };

export const DEFAULT_MAX_FAILURES = 5;
export const CONTROL_ARMS: readonly ControlArm[] = ['plain', 'random'];

export interface CascadeSessionOptions {
  queries: readonly CascadeQuery[];
  weak: string;
  strong: string;
  /** The endpoint's URL, or a label for the chat function's provider (e.g. "vscode.lm"). */
  endpoint: string;
  apiKey?: string;
  /** How chat requests reach the models; default: the OpenAI-compatible `endpoint` through `fetchImpl`. */
  chat?: ChatFunction;
  k: number;
  confidence: ConfidenceSource;
  /** Match queries by this model's embeddings (the endpoint's /embeddings); null: by shared words. */
  embeddingModel: string | null;
  thresholds: SessionThresholds;
  /** The strategy repository file's entries as read now (empty without one). */
  repository: readonly StrategyEntry[];
  /** Dollars per million tokens for a chat model, or null. */
  priceOf: (model: string) => ModelPrice | null;
  /** Dollars per million input tokens for the embedding model (default `priceOf`). */
  embeddingPriceOf?: (model: string) => ModelPrice | null;
  /** How an answer is graded against the gold answer (default: exact). */
  match?: MatchOptions;
  /** Controls run on the same query stream, for the paper's comparison (default none). */
  compare?: readonly ControlArm[];
  /** Stop when the run's spending reaches this many dollars (needs prices for the chat models) or tokens. */
  budgetUsd?: number | null;
  budgetTokens?: number | null;
  /** Stop after this many failed calls in a row (default 5). */
  maxConsecutiveFailures?: number;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Sends the endpoint's HTTP requests (chat unless `chat` is given, and embeddings): the caller's `fetch`. */
  fetchImpl: HttpFetch;
  maxTokensPerCall?: number;
  /** Where the journal lives; null: no journal (a killed run starts over). */
  journal: JournalStore | null;
  signal?: AbortSignal;
  /** Before the first call: the estimate, and what an earlier run of the same journal already did. */
  onStart?: (info: { estimate: RunEstimate; resumed: ResumedInfo | null; spend: Spend }) => void;
  /** After every calibration query and every finished online query (of every arm). */
  onProgress?: (p: SessionProgress) => void;
}

export interface ResumedInfo {
  journal: string;
  calibrationCalls: number;
  /** Online queries the Inter-Cascade had finished. */
  onlineQueries: number;
  /** A cut-short last line that was dropped. */
  droppedTail: boolean;
}

export interface SessionProgress {
  stage: 'calibrating' | 'online';
  /** Queries of this stage done so far (resumed ones included), of `total`. */
  done: number;
  total: number;
  calibrationTotal: number;
  onlineTotal: number;
  /** The Inter-Cascade's finished online queries so far. */
  trace: readonly QueryTrace[];
  repositorySize: number;
  spend: Spend;
  failed: FailedCallCounts;
}

/** A problem with the run's input (the CLI exits with code 2, the view shows it). */
export class SessionInputError extends Error {}

const matchOf = (o: Pick<CascadeSessionOptions, 'match'>): MatchOptions => o.match ?? { mode: 'exact' };

/** Checks what a run needs before anything is read or called. @throws SessionInputError */
export function checkSessionInput(
  o: Pick<
    CascadeSessionOptions,
    | 'queries'
    | 'weak'
    | 'strong'
    | 'k'
    | 'thresholds'
    | 'budgetUsd'
    | 'budgetTokens'
    | 'maxConsecutiveFailures'
    | 'priceOf'
    | 'match'
    | 'compare'
  >,
): void {
  const bad = (m: string): never => {
    throw new SessionInputError(m);
  };
  if (o.queries.length === 0) bad('the queries file holds no queries');
  if (o.weak === o.strong) bad('the weak and strong models must be different models');
  if (!Number.isInteger(o.k) || o.k < 0 || o.k > 50) bad(`k must be an integer from 0 to 50, got ${o.k}`);
  if (o.thresholds.mode === 'guarantee') {
    const n = o.thresholds.calibration;
    if (!Number.isInteger(n) || n < 1) bad(`the calibration size must be a positive integer, got ${n}`);
    if (n >= o.queries.length)
      bad(`calibration size ${n} leaves no query for the online run: the queries file has ${o.queries.length}`);
    const noGold = o.queries.slice(0, n).find((q) => q.gold === null);
    if (noGold)
      bad(
        `query "${noGold.queryId}" (among the first ${n}, used for calibration) has no gold "answer"; calibration needs one on every query`,
      );
  }
  const match = matchOf(o);
  const mp = matchProblem(match);
  if (mp) bad(mp);
  for (const c of o.compare ?? [])
    if (!CONTROL_ARMS.includes(c)) bad(`a comparison runs ${CONTROL_ARMS.join(' and/or ')}, not "${String(c)}"`);
  for (const [v, what] of [
    [o.budgetUsd, 'budget in dollars'],
    [o.budgetTokens, 'budget in tokens'],
  ] as const)
    if (v !== undefined && v !== null && !(Number.isFinite(v) && v > 0))
      bad(`the ${what} must be a positive number, got ${v}`);
  if (o.budgetUsd !== undefined && o.budgetUsd !== null) {
    const judge = match.mode === 'judge' && match.judgeModel ? [match.judgeModel] : [];
    const unpriced = [...new Set([o.weak, o.strong, ...judge])].filter((m) => o.priceOf(m) === null);
    if (unpriced.length)
      bad(`a budget in dollars needs prices for ${unpriced.join(' and ')} (give a price table, or a budget in tokens)`);
  }
  const f = o.maxConsecutiveFailures;
  if (f !== undefined && !(Number.isInteger(f) && f >= 1))
    bad(`the number of failed calls in a row that stops the run must be a positive integer, got ${f}`);
}

/** The controls of a run, each once, in a fixed order. */
export const controlsOf = (o: Pick<CascadeSessionOptions, 'compare'>): ControlArm[] =>
  CONTROL_ARMS.filter((c) => o.compare?.includes(c));

/** What a journal must agree on to be resumed (the budget, prices, timeout and retries may change). */
export function sessionConfig(
  o: Pick<
    CascadeSessionOptions,
    | 'queries'
    | 'weak'
    | 'strong'
    | 'endpoint'
    | 'k'
    | 'confidence'
    | 'embeddingModel'
    | 'thresholds'
    | 'match'
    | 'compare'
  >,
): Record<string, unknown> {
  const queriesHash = sha256Hex(JSON.stringify(o.queries.map((q) => [q.queryId, q.question, q.gold])));
  // The endpoint is written into the journal: credentials in its URL are not.
  return {
    queries_sha256: queriesHash,
    weak_model: o.weak,
    strong_model: o.strong,
    endpoint: redactSecrets(o.endpoint),
    k: o.k,
    confidence: o.confidence,
    embedding_model: o.embeddingModel,
    thresholds: o.thresholds,
    match: matchConfig(matchOf(o)),
    compare: controlsOf(o),
  };
}

/** A short name for a configuration: the same for every run that may resume the other's journal. */
export function sessionKey(o: Parameters<typeof sessionConfig>[0]): string {
  return sha256Hex(JSON.stringify(sessionConfig(o))).slice(0, 16);
}

/** The estimate of a whole run, before any call (see costEstimate.ts). */
export function estimateSession(
  o: Pick<
    CascadeSessionOptions,
    | 'queries'
    | 'weak'
    | 'strong'
    | 'k'
    | 'thresholds'
    | 'embeddingModel'
    | 'repository'
    | 'priceOf'
    | 'embeddingPriceOf'
    | 'match'
    | 'compare'
  >,
): RunEstimate {
  const match = matchOf(o);
  return estimateRun({
    queries: o.queries,
    calibration: o.thresholds.mode === 'guarantee' ? o.thresholds.calibration : 0,
    k: o.k,
    weak: o.weak,
    strong: o.strong,
    embeddingModel: o.embeddingModel,
    initialRepository: o.repository,
    priceOf: o.priceOf,
    embeddingPriceOf: o.embeddingPriceOf,
    compare: controlsOf(o),
    judgeModel: match.mode === 'judge' ? (match.judgeModel ?? null) : null,
  });
}
