/**
 * One Inter-Cascade run, as the CLI and the Cascade Runner both do it: input checks, the cost
 * estimate, calibration of the thresholds (risk guarantee) or given thresholds, then the online
 * loop, with polite retries (retry.ts), a budget and a circuit breaker (sessionGuards.ts) and a
 * journal that lets a killed run resume without paying twice (cascadeJournal.ts). With a
 * comparison, the controls (plain cascade, random strategies; sessionArms.ts) answer the same
 * queries in step, sharing every call whose prompt is identical (sessionCalls.ts). All I/O is
 * injected: the journal store, the chat function (or fetch), and the retry policy's sleep/random/clock.
 */
import { endpointChat } from '../llm/chatFunction';
import { compareArms, armFigures, type ArmFigures } from './armFigures';
import { calibrationFromCalls, type CalibrationResult } from './calibrateThresholds';
import { countFailures, failureWarning, type FailedCallCounts } from './callFailures';
import type { StageCall } from './callModel';
import type { CascadeModel } from './cascadeModel';
import { headerRecord, JournalWriter, readJournal, type ResumeState } from './cascadeJournal';
import type { ControlArm, RunEstimate } from './costEstimate';
import { openStrategyStore } from './embeddingRepository';
import { FallbackStrategyStore } from './fallbackStrategyStore';
import type { ArmName, QueryRecord } from './journalRecords';
import { llmCascadeModel } from './llmCascadeModel';
import { runQuery, summarizeTrace, type InterCascadeResult, type QueryTrace } from './runInterCascade';
import { CallDesk } from './sessionCalls';
import { resumeArms, sessionArms } from './sessionArms';
import { sessionEmbedder } from './sessionEmbedder';
import { CircuitBreaker, SessionStop, SpendMeter, type Spend, type StopReason } from './sessionGuards';
import {
  checkSessionInput,
  controlsOf,
  DEFAULT_MAX_FAILURES,
  estimateSession,
  SessionInputError,
  sessionConfig,
  type CascadeSessionOptions,
  type ResumedInfo,
  type SessionProgress,
} from './sessionInput';
import { StrategyRepository, type StrategyEntry } from './strategyRepository';
import { appendAll, minOf } from '../../shared/arrays';

export {
  checkSessionInput,
  DEFAULT_MAX_FAILURES,
  estimateSession,
  SessionInputError,
  sessionConfig,
  sessionKey,
} from './sessionInput';
export type { CascadeSessionOptions, ResumedInfo, SessionProgress, SessionThresholds } from './sessionInput';

export interface CascadeSessionResult {
  estimate: RunEstimate;
  weakThreshold: number | null;
  strongThreshold: number | null;
  /** Null without calibration, or when the run stopped before it was complete. */
  calibration: CalibrationResult | null;
  /** The Inter-Cascade over its finished online queries; `totalCostUsd` includes the embedding requests when priced. */
  run: InterCascadeResult;
  onlineTotal: number;
  repositoryStart: number;
  repository: StrategyEntry[];
  spend: Spend;
  failed: FailedCallCounts;
  /** With a comparison: the paper's figures for every arm, over the queries all arms finished; else null. */
  comparison: ArmFigures[] | null;
  /** The controls' own traces (their finished queries), in the order of `compare`. */
  controls: { arm: ControlArm; trace: QueryTrace[] }[];
  /** Calls paid for the controls (the comparison's extra cost), and calls any arm took from another's identical call. */
  sharing: { extraPaidCalls: number; sharedCalls: number } | null;
  /** Matching by a judge: its calls and what they cost (not part of any pipeline's cost). */
  judge: { model: string; calls: number; failed: number; tokens: number; costUsd: number | null } | null;
  /** Matching by embeddings: the requests and their cost (null: no price), and why the run fell back to words, if it did. */
  embedding: {
    model: string;
    requests: number;
    tokens: number;
    costUsd: number | null;
    fallback: string | null;
  } | null;
  /** Why the run stopped before the end (results so far kept), else null. */
  stopped: { reason: StopReason; message: string } | null;
  resumed: ResumedInfo | null;
  journal: string | null;
  warnings: string[];
}

/** Opens the journal: a new one gets its header, an old one is checked and read back (its spending charged). */
async function openJournal(
  o: CascadeSessionOptions,
  config: Record<string, unknown>,
  meter: SpendMeter,
  warnings: string[],
): Promise<{ state: ResumeState | null; writer: JournalWriter; resumed: ResumedInfo | null }> {
  if (!o.journal) return { state: null, writer: new JournalWriter(null), resumed: null };
  const text = await o.journal.read();
  const r = text === null || text.trim() === '' ? null : readJournal(text, o.journal.name, config, o.repository);
  if (r === null) {
    if (text)
      warnings.push(
        `${o.journal.name}: it held only a cut-short first line (the run was killed while starting it), so the run starts afresh`,
      );
    if (text !== null) await o.journal.truncate(0);
    const writer = new JournalWriter(o.journal);
    await writer.write(headerRecord(config, o.repository));
    return { state: null, writer, resumed: null };
  }
  const state = r.state;
  if (state.droppedTail !== null) {
    await o.journal.truncate(r.validBytes);
    warnings.push(
      `${o.journal.name}: its last line was cut short (the run was killed while writing it) and was dropped: ${JSON.stringify(state.droppedTail)}`,
    );
  }
  const writer = new JournalWriter(o.journal, r.endsWithNewline);
  await writer.endLine();
  for (const c of [...state.callRecords, ...state.judgeRecords]) meter.addCall(c.call, c.estimate);
  const resumed = {
    journal: o.journal.name,
    calibrationCalls: state.callRecords.filter((c) => c.phase === 'calibration').length,
    onlineQueries: state.queries.filter((q) => q.arm === 'retrieval').length,
    droppedTail: state.droppedTail !== null,
  };
  return { state, writer, resumed };
}

/**
 * Runs (or resumes) an Inter-Cascade session; see the module comment. A stop by the budget or the
 * circuit breaker is not an error: the result says why (`stopped`) and holds what was finished.
 * Queries whose last calls belong to the failing streak that tripped the breaker are left
 * unfinished, so a resumed run asks them again. A failing embedding model does not stop the run:
 * queries are matched by words from then on, and a warning says so.
 * @throws SessionInputError for bad input; JournalMismatchError for a journal of another run; the signal's reason when cancelled.
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
  const { state, writer, resumed } = await openJournal(o, config, meter, warnings);
  const initialRepository = state?.initialRepository ?? [...o.repository];

  // ---- embeddings: cached (and journaled) so that a resumed run does not embed again; priced by the embedding price
  const embeddingPriceOf = o.embeddingPriceOf ?? o.priceOf;
  const embeddingPrice = o.embeddingModel === null ? null : embeddingPriceOf(o.embeddingModel);
  const embedding = sessionEmbedder({
    ...o,
    model: o.embeddingModel,
    price: embeddingPrice,
    meter,
    journaled: state?.embeddingSpends ?? [],
  });
  const takeFresh = embedding.takeFresh;

  const estimate = estimateSession({ ...o, embeddingPriceOf, repository: initialRepository });
  o.onStart?.({ estimate, resumed, spend: { ...meter.spend } });

  const chat =
    o.chat ??
    endpointChat({
      endpoint: o.endpoint,
      apiKey: o.apiKey,
      timeoutMs: o.timeoutMs,
      fetchImpl: o.fetchImpl,
      retry: o.retry,
      maxTokensPerCall: o.maxTokensPerCall,
    });
  const model = (role: 'student' | 'teacher', name: string): CascadeModel =>
    llmCascadeModel({
      endpoint: o.endpoint,
      chat,
      model: name,
      role,
      price: o.priceOf(name) ?? undefined,
      confidence: o.confidence,
    });
  const stages = [
    { model: model('student', o.weak), threshold: null as number | null },
    { model: model('teacher', o.strong), threshold: null as number | null },
  ];
  const roles = ['student', 'teacher'] as const;
  const match = o.match ?? { mode: 'exact' as const };
  const desk = new CallDesk({
    meter,
    breaker,
    writer,
    priceOf: o.priceOf,
    match,
    chat,
    takeFresh,
    paid: state?.calls ?? new Map(),
    verdicts: state?.verdicts ?? new Map(),
    judgeCalls: state?.judgeRecords.map((r) => r.call) ?? [],
    paidArms: state?.callRecords.map((r) => r.arm) ?? [],
    signal,
  });

  // ---- the repository (by embeddings, falling back to words when the embedding model fails) and the arms
  let fallback = state?.fallback ?? null;
  let current = 'the starting repository';
  const onFallback = async (message: string): Promise<void> => {
    fallback = `the embedding model ${o.embeddingModel} failed (${message}); queries are matched by shared words (TF-IDF) from ${current} on`;
    await writer.write({ type: 'fallback', message: fallback });
  };
  const repository = await FallbackStrategyStore.open(
    initialRepository,
    () => openStrategyStore(initialRepository, embedding.embed, signal),
    onFallback,
    fallback !== null,
    signal,
  ).catch((e: unknown) => {
    throw e instanceof SessionStop
      ? new SessionInputError(`the budget does not cover embedding the starting repository: ${e.message}`)
      : e;
  });
  const fromStart = takeFresh();
  if (fromStart.embedding_requests) await writer.write({ type: 'embeddings', ...fromStart });
  const arms = sessionArms(repository, controlsOf(o), initialRepository, o.k);
  const main = arms[0];
  await resumeArms(arms, state?.queries ?? [], online, o.journal?.name ?? 'the journal', signal);

  const calibrationCalls: CalibrationResult['calls'] = [];
  const held: QueryRecord[] = [];
  const heldOf = (arm: ArmName) => held.filter((r) => r.arm === arm).length;
  const progress = (stage: SessionProgress['stage'], done: number, total: number) =>
    o.onProgress?.({
      stage,
      done,
      total,
      calibrationTotal: nCal,
      onlineTotal: online.length,
      trace: main.trace,
      repositorySize: repository.size,
      spend: { ...meter.spend },
      failed: countFailures([
        ...calibrationCalls.flatMap((c) => [c.weak, c.strong]),
        ...main.trace.flatMap((t) => t.calls),
      ]),
    });
  const commitHeld = async () => {
    for (const r of held) {
      await writer.write(r);
      const arm = arms.find((a) => a.name === r.arm);
      arm?.trace.push(r.trace);
      if (arm) arm.sharedCalls += r.shared_calls;
    }
    held.length = 0;
  };

  let weakThreshold: number | null = o.thresholds.mode === 'manual' ? o.thresholds.weak : null;
  let strongThreshold: number | null = o.thresholds.mode === 'manual' ? o.thresholds.strong : null;
  let calibration: CalibrationResult | null = null;
  let stopped: CascadeSessionResult['stopped'] = null;
  try {
    if (o.thresholds.mode === 'guarantee') {
      for (const [i, q] of o.queries.slice(0, nCal).entries()) {
        if (signal?.aborted) throw signal.reason ?? new Error('cancelled');
        const ask = async (stage: number) =>
          (
            await desk.answer({
              phase: 'calibration',
              arm: 'retrieval',
              q,
              stage,
              model: stages[stage].model,
              role: roles[stage],
              shown: [],
              threshold: null,
            })
          ).call;
        const w = await ask(0);
        const s = await ask(1);
        calibrationCalls.push({ queryId: q.queryId, weak: w, strong: s });
        progress('calibrating', i + 1, nCal);
      }
      calibration = calibrationFromCalls(calibrationCalls, o.thresholds.alpha, o.thresholds.delta);
      ({ weakThreshold, strongThreshold } = calibration);
      appendAll(warnings, calibration.warnings);
    }
    stages[0].threshold = weakThreshold;
    stages[1].threshold = strongThreshold;
    const noStore = new StrategyRepository();
    for (let i = 0; i < online.length; i++) {
      const q = online[i];
      current = `query "${q.queryId}"`;
      for (const arm of arms) {
        if (arm.trace.length + heldOf(arm.name) > i) continue;
        if (signal?.aborted) throw signal.reason ?? new Error('cancelled');
        let shared = 0;
        const call = async (s: number, shown: Parameters<typeof desk.answer>[0]['shown']): Promise<StageCall> => {
          const r = await desk.answer({
            phase: 'online',
            arm: arm.name,
            q,
            stage: s,
            model: stages[s].model,
            role: roles[s],
            shown,
            threshold: stages[s].threshold,
          });
          if (r.source === 'shared') shared++;
          return r.call;
        };
        const r = await runQuery(q, {
          stages,
          k: o.k,
          repository: arm.useStrategies ? arm.store : noStore,
          useStrategies: arm.useStrategies,
          select: arm.select,
          signal,
          call,
        });
        held.push({
          type: 'query',
          arm: arm.name,
          query_id: q.queryId,
          trace: r.trace,
          strategy: r.strategy,
          shared_calls: shared,
          ...takeFresh(),
        });
        if (breaker.failuresInARow === 0 || r.strategy) await commitHeld();
      }
      progress('online', main.trace.length + heldOf('retrieval'), online.length);
    }
    const made = [
      ...calibrationCalls.flatMap((c) => [c.weak, c.strong]),
      ...arms.flatMap((a) => a.trace.flatMap((t) => t.calls)),
      ...held.flatMap((r) => r.trace.calls),
    ];
    if (made.length > 0 && made.every((c) => c.error !== null))
      throw new SessionStop(
        'failures',
        `every model call failed (${made.length}); first: ${made[0].model}: ${made[0].error}`,
      );
    await commitHeld();
  } catch (e) {
    if (!(e instanceof SessionStop)) throw e;
    const what = `the last ${held.length} quer${held.length === 1 ? 'y' : 'ies'} (whose calls failed)`;
    const dropped = held.length
      ? `; ${what} ${writer.name ? 'will be asked again when the run is resumed' : 'are left out of the results'}`
      : '';
    stopped = { reason: e.reason, message: `${e.message}${dropped}` };
    if (o.thresholds.mode === 'guarantee' && calibration === null)
      stopped.message += ` (during calibration: ${calibrationCalls.length} of ${nCal} queries done)`;
  }

  // ---- what the run found and spent
  const failed = countFailures([
    ...calibrationCalls.flatMap((c) => [c.weak, c.strong]),
    ...main.trace.flatMap((t) => t.calls),
    ...desk.judgeCalls,
  ]);
  const fw = failureWarning(failed);
  if (fw) warnings.push(fw);
  if (meter.spend.estimatedCalls)
    warnings.push(
      `${meter.spend.estimatedCalls} answered call(s) reported no usable token counts: each counts at its estimate in what was spent`,
    );
  if (fallback) warnings.push(fallback);
  const spend = { ...meter.spend };
  const embeddingUsd = spend.embeddingRequests > 0 ? spend.embeddingUsd : null;
  if (o.embeddingModel !== null && spend.embeddingRequests > 0 && embeddingPrice === null)
    warnings.push(
      `the embedding model ${o.embeddingModel} has no price (neither in the price table nor in the price database): its ${spend.embeddingRequests} request(s) (${spend.embeddingTokens} tokens) are left out of every cost${o.budgetUsd ? ', and count towards a budget in tokens only' : ''}`,
    );
  const summary = summarizeTrace(main.trace, 2);
  const totalCostUsd =
    summary.totalCostUsd === null && embeddingUsd === null ? null : (summary.totalCostUsd ?? 0) + (embeddingUsd ?? 0);
  const repositoryEntries = repository.entries;
  const common = minOf(arms.map((a) => a.trace.length));
  const comparison =
    arms.length > 1
      ? compareArms(
          arms.map((a) =>
            armFigures(a.name, a.trace.slice(0, common), {
              tokens: a.name === 'retrieval' ? spend.embeddingTokens : 0,
              usd: a.name === 'retrieval' ? embeddingUsd : null,
              sharedCalls: a.sharedCalls,
            }),
          ),
        )
      : null;
  if (comparison && arms.some((a) => a.trace.length > common))
    warnings.push(`the comparison covers the ${common} queries every arm finished`);
  const judgeSpend = desk.judgeCalls.reduce(
    (t, c) => ({
      tokens: t.tokens + (c.inputTokens ?? 0) + (c.outputTokens ?? 0),
      usd: c.costUsd === null ? t.usd : (t.usd ?? 0) + c.costUsd,
    }),
    { tokens: 0, usd: null as number | null },
  );
  return {
    estimate,
    weakThreshold,
    strongThreshold,
    calibration,
    run: {
      ...summary,
      totalCostUsd,
      strategiesAdded: repositoryEntries.length - initialRepository.length,
      repositorySize: repositoryEntries.length,
      trace: main.trace,
      warnings: [],
    },
    onlineTotal: online.length,
    repositoryStart: initialRepository.length,
    repository: repositoryEntries,
    spend,
    failed,
    comparison,
    controls: arms.slice(1).map((a) => ({ arm: a.name as ControlArm, trace: a.trace })),
    sharing:
      arms.length > 1
        ? {
            extraPaidCalls: desk.paidByArm('plain') + desk.paidByArm('random'),
            sharedCalls: arms.reduce((n, a) => n + a.sharedCalls, 0),
          }
        : null,
    judge:
      match.mode === 'judge'
        ? {
            model: match.judgeModel ?? '',
            calls: desk.judgeCalls.length,
            failed: desk.judgeCalls.filter((c) => c.error !== null).length,
            tokens: judgeSpend.tokens,
            costUsd: judgeSpend.usd,
          }
        : null,
    embedding:
      o.embeddingModel === null
        ? null
        : {
            model: o.embeddingModel,
            requests: spend.embeddingRequests,
            tokens: spend.embeddingTokens,
            costUsd: embeddingUsd,
            fallback,
          },
    stopped,
    resumed,
    journal: writer.name,
    warnings,
  };
}
