/**
 * One Inter-Cascade run against an OpenAI-compatible endpoint, as the CLI and the Cascade Runner
 * both do it: input checks, the cost estimate, calibration of the thresholds (risk guarantee) or
 * given thresholds, then the online loop, with polite retries (retry.ts), a budget and a circuit
 * breaker (sessionGuards.ts) and a journal that lets a killed run resume without paying twice
 * (cascadeJournal.ts). All I/O is injected: the journal store, fetch, and the retry policy's
 * sleep/random/clock.
 */
import { createHash } from 'node:crypto';
import { redactSecrets } from '../../shared/text/redactSecrets';
import type { RetryPolicy } from '../llm/retry';
import type { ModelPrice } from '../logs/types';
import { calibrationFromCalls, type CalibrationResult } from './calibrateThresholds';
import { callModel, type StageCall } from './callModel';
import type { CascadeModel } from './cascadeModel';
import { callKey, headerRecord, JournalMismatchError, JournalWriter, readJournal, type JournalStore, type ResumeState } from './cascadeJournal';
import { estimateAnswerCall, estimateRun, type RunEstimate } from './costEstimate';
import { openStrategyStore } from './embeddingRepository';
import type { QueryRecord } from './journalRecords';
import { sessionEmbedder } from './sessionEmbedder';
import { llmCascadeModel, type ConfidenceSource } from './llmCascadeModel';
import type { CascadeQuery } from './queriesJsonl';
import { runQuery, summarizeTrace, type InterCascadeResult, type QueryTrace } from './runInterCascade';
import { CircuitBreaker, SessionStop, SpendMeter, type Spend, type StopReason } from './sessionGuards';
import type { StrategyEntry } from './strategyRepository';
import { countFailures, failureWarning, type FailedCallCounts } from './callFailures';
import { appendAll } from '../../shared/arrays';

export type SessionThresholds = { mode: 'manual'; weak: number; strong: number } | { mode: 'guarantee'; alpha: number; delta: number; calibration: number };

export const DEFAULT_MAX_FAILURES = 5;

export interface CascadeSessionOptions {
  queries: readonly CascadeQuery[];
  weak: string;
  strong: string;
  endpoint: string;
  apiKey?: string;
  k: number;
  confidence: ConfidenceSource;
  /** Match queries by this model's embeddings; null: by shared words. */
  embeddingModel: string | null;
  thresholds: SessionThresholds;
  /** The strategy repository file's entries as read now (empty without one). */
  repository: readonly StrategyEntry[];
  /** Dollars per million tokens for a model, or null. */
  priceOf: (model: string) => ModelPrice | null;
  /** Stop when the run's spending reaches this many dollars (needs prices for both chat models) or tokens. */
  budgetUsd?: number | null;
  budgetTokens?: number | null;
  /** Stop after this many failed calls in a row (default 5). */
  maxConsecutiveFailures?: number;
  timeoutMs: number;
  retry: RetryPolicy;
  fetchImpl?: typeof fetch;
  maxTokensPerCall?: number;
  /** Where the journal lives; null: no journal (a killed run starts over). */
  journal: JournalStore | null;
  signal?: AbortSignal;
  /** Before the first call: the estimate, and what an earlier run of the same journal already did. */
  onStart?: (info: { estimate: RunEstimate; resumed: ResumedInfo | null; spend: Spend }) => void;
  /** After every calibration query and every finished online query. */
  onProgress?: (p: SessionProgress) => void;
}

export interface ResumedInfo {
  journal: string;
  calibrationCalls: number;
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
  /** The finished online queries so far. */
  trace: readonly QueryTrace[];
  repositorySize: number;
  spend: Spend;
  failed: FailedCallCounts;
}

export interface CascadeSessionResult {
  estimate: RunEstimate;
  weakThreshold: number | null;
  strongThreshold: number | null;
  /** Null without calibration, or when the run stopped before it was complete. */
  calibration: CalibrationResult | null;
  /** Over the finished online queries. */
  run: InterCascadeResult;
  onlineTotal: number;
  repositoryStart: number;
  repository: StrategyEntry[];
  spend: Spend;
  failed: FailedCallCounts;
  /** Why the run stopped before the end (results so far kept), else null. */
  stopped: { reason: StopReason; message: string } | null;
  resumed: ResumedInfo | null;
  journal: string | null;
  warnings: string[];
}

/** A problem with the run's input (the CLI exits with code 2, the view shows it). */
export class SessionInputError extends Error {}

/** Checks what a run needs before anything is read or called. @throws SessionInputError */
export function checkSessionInput(o: Pick<CascadeSessionOptions, 'queries' | 'weak' | 'strong' | 'k' | 'thresholds' | 'budgetUsd' | 'budgetTokens' | 'maxConsecutiveFailures' | 'priceOf'>): void {
  const bad = (m: string): never => {
    throw new SessionInputError(m);
  };
  if (o.queries.length === 0) bad('the queries file holds no queries');
  if (o.weak === o.strong) bad('the weak and strong models must be different models');
  if (!Number.isInteger(o.k) || o.k < 0 || o.k > 50) bad(`k must be an integer from 0 to 50, got ${o.k}`);
  if (o.thresholds.mode === 'guarantee') {
    const n = o.thresholds.calibration;
    if (!Number.isInteger(n) || n < 1) bad(`the calibration size must be a positive integer, got ${n}`);
    if (n >= o.queries.length) bad(`calibration size ${n} leaves no query for the online run: the queries file has ${o.queries.length}`);
    const noGold = o.queries.slice(0, n).find((q) => q.gold === null);
    if (noGold) bad(`query "${noGold.queryId}" (among the first ${n}, used for calibration) has no gold "answer"; calibration needs one on every query`);
  }
  for (const [v, what] of [[o.budgetUsd, 'budget in dollars'], [o.budgetTokens, 'budget in tokens']] as const) if (v !== undefined && v !== null && !(Number.isFinite(v) && v > 0)) bad(`the ${what} must be a positive number, got ${v}`);
  if (o.budgetUsd !== undefined && o.budgetUsd !== null) {
    const unpriced = [o.weak, o.strong].filter((m) => o.priceOf(m) === null);
    if (unpriced.length) bad(`a budget in dollars needs prices for ${unpriced.join(' and ')} (give a price table, or a budget in tokens)`);
  }
  const f = o.maxConsecutiveFailures;
  if (f !== undefined && !(Number.isInteger(f) && f >= 1)) bad(`the number of failed calls in a row that stops the run must be a positive integer, got ${f}`);
}

/** What a journal must agree on to be resumed (the budget, prices, timeout and retries may change). */
export function sessionConfig(o: Pick<CascadeSessionOptions, 'queries' | 'weak' | 'strong' | 'endpoint' | 'k' | 'confidence' | 'embeddingModel' | 'thresholds'>): Record<string, unknown> {
  const queriesHash = createHash('sha256').update(JSON.stringify(o.queries.map((q) => [q.queryId, q.question, q.gold]))).digest('hex');
  // The endpoint is written into the journal: credentials in its URL are not.
  return { queries_sha256: queriesHash, weak_model: o.weak, strong_model: o.strong, endpoint: redactSecrets(o.endpoint), k: o.k, confidence: o.confidence, embedding_model: o.embeddingModel, thresholds: o.thresholds };
}

/** A short name for a configuration: the same for every run that may resume the other's journal. */
export function sessionKey(o: Parameters<typeof sessionConfig>[0]): string {
  return createHash('sha256').update(JSON.stringify(sessionConfig(o))).digest('hex').slice(0, 16);
}

/** The estimate of a whole run, before any call (see costEstimate.ts). */
export function estimateSession(o: Pick<CascadeSessionOptions, 'queries' | 'weak' | 'strong' | 'k' | 'thresholds' | 'embeddingModel' | 'repository' | 'priceOf'>): RunEstimate {
  return estimateRun({ queries: o.queries, calibration: o.thresholds.mode === 'guarantee' ? o.thresholds.calibration : 0, k: o.k, weak: o.weak, strong: o.strong, embeddingModel: o.embeddingModel, initialRepository: o.repository, priceOf: o.priceOf });
}

/**
 * Runs (or resumes) an Inter-Cascade session; see the module comment. A stop by the budget or the
 * circuit breaker is not an error: the result says why (`stopped`) and holds what was finished.
 * Queries whose last calls belong to the failing streak that tripped the breaker are left
 * unfinished, so a resumed run asks them again.
 * @throws SessionInputError for bad input; JournalMismatchError for a journal of another run;
 * an LlmError when the embedding model fails (retrieval is part of the method); the signal's reason when cancelled.
 */
export async function runCascadeSession(o: CascadeSessionOptions): Promise<CascadeSessionResult> {
  checkSessionInput(o);
  const { signal } = o;
  const config = sessionConfig(o);
  const warnings: string[] = [];
  const nCal = o.thresholds.mode === 'guarantee' ? o.thresholds.calibration : 0;
  const online = o.queries.slice(nCal);
  const meter = new SpendMeter({ usd: o.budgetUsd ?? null, tokens: o.budgetTokens ?? null });
  const breaker = new CircuitBreaker(o.maxConsecutiveFailures ?? DEFAULT_MAX_FAILURES);

  // ---- the journal: a new one gets its header; an old one is checked and read back
  let state: ResumeState | null = null;
  let writer = new JournalWriter(null);
  let resumed: ResumedInfo | null = null;
  if (o.journal) {
    const text = await o.journal.read();
    const r = text === null || text.trim() === '' ? null : readJournal(text, o.journal.name, config, o.repository);
    if (r === null) {
      if (text) warnings.push(`${o.journal.name}: it held only a cut-short first line (the run was killed while starting it), so the run starts afresh`);
      if (text !== null) await o.journal.truncate(0);
      writer = new JournalWriter(o.journal);
      await writer.write(headerRecord(config, o.repository));
    } else {
      state = r.state;
      if (state.droppedTail !== null) {
        await o.journal.truncate(r.validBytes);
        warnings.push(`${o.journal.name}: its last line was cut short (the run was killed while writing it) and was dropped: ${JSON.stringify(state.droppedTail)}`);
      }
      writer = new JournalWriter(o.journal, r.endsWithNewline);
      await writer.endLine();
      resumed = { journal: o.journal.name, calibrationCalls: state.callRecords.filter((c) => c.phase === 'calibration').length, onlineQueries: state.queries.length, droppedTail: state.droppedTail !== null };
      for (const c of state.callRecords) meter.addCall(c.call, c.estimate);
    }
  }
  const initialRepository = state?.initialRepository ?? [...o.repository];

  // ---- embeddings: cached (and journaled) so that a resumed run does not embed again
  const embedding = sessionEmbedder({ ...o, model: o.embeddingModel, price: o.embeddingModel === null ? null : o.priceOf(o.embeddingModel), meter, journaled: state?.embeddingSpends ?? [] });
  const takeFresh = embedding.takeFresh;
  if (o.embeddingModel !== null && o.priceOf(o.embeddingModel) === null && o.budgetUsd) warnings.push(`the embedding model ${o.embeddingModel} has no price: its requests count towards a budget in tokens only`);

  const estimate = estimateSession({ ...o, repository: initialRepository });
  o.onStart?.({ estimate, resumed, spend: { ...meter.spend } });

  const models = (role: 'student' | 'teacher', name: string): CascadeModel =>
    llmCascadeModel({ endpoint: o.endpoint, model: name, apiKey: o.apiKey, role, price: o.priceOf(name) ?? undefined, timeoutMs: o.timeoutMs, confidence: o.confidence, retry: o.retry, fetchImpl: o.fetchImpl, maxTokensPerCall: o.maxTokensPerCall });
  const weak = models('student', o.weak);
  const strong = models('teacher', o.strong);
  const roles = ['student', 'teacher'] as const;

  /** One model call, unless the journal already has it; charged, journaled, then shown to the breaker. */
  const guardedCall = async (phase: 'calibration' | 'online', q: CascadeQuery, stage: number, retrieved: Parameters<typeof callModel>[2], threshold: number | null): Promise<StageCall> => {
    const done = state?.calls.get(callKey(phase, q.queryId, stage));
    if (done) return done;
    const model = stage === 0 ? weak : strong;
    const est = estimateAnswerCall(roles[stage], q.question, retrieved, o.priceOf(model.name));
    meter.checkBefore({ tokens: est.inputTokens + est.outputTokens, usd: est.usd }, `the next call (${model.name} on query "${q.queryId}")`);
    const call = await callModel(model, q.question, retrieved, q.gold, threshold, signal);
    meter.addCall(call, est);
    await writer.write({ type: 'call', phase, query_id: q.queryId, stage, call, estimate: est, ...takeFresh() });
    breaker.record(call);
    return call;
  };

  const repository = await openStrategyStore(initialRepository, embedding.embed, signal).catch((e: unknown) => {
    throw e instanceof SessionStop ? new SessionInputError(`the budget does not cover embedding the starting repository: ${e.message}`) : e;
  });
  const fromStart = takeFresh();
  if (fromStart.embedding_requests) await writer.write({ type: 'embeddings', ...fromStart });
  const trace: QueryTrace[] = [];
  for (const [i, rec] of (state?.queries ?? []).entries()) {
    if (online[i]?.queryId !== rec.query_id) throw new JournalMismatchError(`${o.journal?.name}: finished query ${i + 1} is "${rec.query_id}", not "${online[i]?.queryId}" as in the queries file; the journal is damaged`);
    if (rec.strategy) await repository.add(rec.strategy, signal);
    trace.push(rec.trace);
  }
  const calibrationCalls: CalibrationResult['calls'] = [];
  const progress = (stage: SessionProgress['stage'], done: number, total: number) =>
    o.onProgress?.({ stage, done, total, calibrationTotal: nCal, onlineTotal: online.length, trace, repositorySize: repository.size, spend: { ...meter.spend }, failed: countFailures([...calibrationCalls.flatMap((c) => [c.weak, c.strong]), ...trace.flatMap((t) => t.calls)]) });

  let weakThreshold: number | null = o.thresholds.mode === 'manual' ? o.thresholds.weak : null;
  let strongThreshold: number | null = o.thresholds.mode === 'manual' ? o.thresholds.strong : null;
  let calibration: CalibrationResult | null = null;
  let stopped: CascadeSessionResult['stopped'] = null;
  const held: QueryRecord[] = [];
  const commitHeld = async () => {
    for (const r of held) {
      await writer.write(r);
      trace.push(r.trace);
    }
    held.length = 0;
  };
  try {
    if (o.thresholds.mode === 'guarantee') {
      for (const [i, q] of o.queries.slice(0, nCal).entries()) {
        if (signal?.aborted) throw signal.reason ?? new Error('cancelled');
        const w = await guardedCall('calibration', q, 0, [], null);
        const s = await guardedCall('calibration', q, 1, [], null);
        calibrationCalls.push({ queryId: q.queryId, weak: w, strong: s });
        progress('calibrating', i + 1, nCal);
      }
      calibration = calibrationFromCalls(calibrationCalls, o.thresholds.alpha, o.thresholds.delta);
      ({ weakThreshold, strongThreshold } = calibration);
      appendAll(warnings, calibration.warnings);
    }
    const stages = [{ model: weak, threshold: weakThreshold }, { model: strong, threshold: strongThreshold }];
    for (let i = trace.length; i < online.length; i++) {
      if (signal?.aborted) throw signal.reason ?? new Error('cancelled');
      const q = online[i];
      const r = await runQuery(q, { stages, k: o.k, repository, useStrategies: true, signal, call: (s, retrieved) => guardedCall('online', q, s, retrieved, stages[s].threshold) });
      held.push({ type: 'query', query_id: q.queryId, trace: r.trace, strategy: r.strategy, ...takeFresh() });
      if (breaker.failuresInARow === 0 || r.strategy) await commitHeld();
      progress('online', trace.length + held.length, online.length);
    }
    const made = [...calibrationCalls.flatMap((c) => [c.weak, c.strong]), ...trace.flatMap((t) => t.calls), ...held.flatMap((r) => r.trace.calls)];
    if (made.length > 0 && made.every((c) => c.error !== null)) throw new SessionStop('failures', `every model call failed (${made.length}); first: ${made[0].model}: ${made[0].error}`);
    await commitHeld();
  } catch (e) {
    if (!(e instanceof SessionStop)) throw e;
    const what = `the last ${held.length} quer${held.length === 1 ? 'y' : 'ies'} (whose calls failed)`;
    const dropped = held.length ? `; ${what} ${writer.name ? 'will be asked again when the run is resumed' : 'are left out of the results'}` : '';
    stopped = { reason: e.reason, message: `${e.message}${dropped}` };
    if (o.thresholds.mode === 'guarantee' && calibration === null) stopped.message += ` (during calibration: ${calibrationCalls.length} of ${nCal} queries done)`;
  }
  const allCalls = [...calibrationCalls.flatMap((c) => [c.weak, c.strong]), ...trace.flatMap((t) => t.calls)];
  const failed = countFailures(allCalls);
  const fw = failureWarning(failed);
  if (fw) warnings.push(fw);
  if (meter.spend.estimatedCalls) warnings.push(`${meter.spend.estimatedCalls} answered call(s) reported no usable token counts: each counts at its estimate in what was spent`);
  const summary = summarizeTrace(trace, 2);
  const repositoryEntries = repository.entries;
  return {
    estimate,
    weakThreshold,
    strongThreshold,
    calibration,
    run: { ...summary, strategiesAdded: repositoryEntries.length - initialRepository.length, repositorySize: repositoryEntries.length, trace, warnings: [] },
    onlineTotal: online.length,
    repositoryStart: initialRepository.length,
    repository: repositoryEntries,
    spend: { ...meter.spend },
    failed,
    stopped,
    resumed,
    journal: writer.name,
    warnings,
  };
}
