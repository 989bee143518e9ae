/**
 * One Inter-Cascade run, as the CLI and the Cascade Runner both do it: input checks, the cost
 * estimate, calibration of the thresholds (risk guarantee) or given thresholds, then the online
 * loop (sessionOnline.ts), with polite retries (retry.ts), a budget and a circuit breaker
 * (sessionGuards.ts) and a journal that lets a killed run resume without paying twice
 * (cascadeJournal.ts). With a comparison, the controls (plain cascade, random strategies;
 * sessionArms.ts) answer the same queries in step, sharing every call whose prompt is identical
 * (sessionCalls.ts). All I/O is injected: the journal store, the chat function (or fetch), and the
 * retry policy's sleep/random/clock.
 */
import { endpointChat } from '../llm/chatFunction';
import type { ArmFigures } from './armFigures';
import { calibrationFromCalls, type CalibrationResult } from './calibrateThresholds';
import { countFailures, type FailedCallCounts } from './callFailures';
import type { StageCall } from './callModel';
import type { CascadeModel } from './cascadeModel';
import { headerRecord, JournalWriter, readJournal, type ResumeState } from './cascadeJournal';
import type { ControlArm, RunEstimate } from './costEstimate';
import { openStrategyStore } from './embeddingRepository';
import { FallbackStrategyStore } from './fallbackStrategyStore';
import { llmCascadeModel } from './llmCascadeModel';
import type { InterCascadeResult, QueryTrace } from './runInterCascade';
import { CallDesk } from './sessionCalls';
import { resumeArms, sessionArms, type SessionArm } from './sessionArms';
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
import type { StrategyEntry } from './strategyRepository';
import { appendAll } from '../../shared/arrays';
import { sessionResult } from './sessionResult';
import {
  askOnline,
  HeldQueries,
  ROLES,
  stopIfEveryCallFailed,
  type OnlineRun,
  type SessionStages,
} from './sessionOnline';

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
  const { embeddingPriceOf, embeddingPrice, embedding } = sessionEmbedding(o, meter, state);
  const takeFresh = embedding.takeFresh;

  const estimate = estimateSession({ ...o, embeddingPriceOf, repository: initialRepository });
  o.onStart?.({ estimate, resumed, spend: { ...meter.spend } });

  const { chat, stages } = sessionStages(o);
  const match = o.match ?? { mode: 'exact' as const };
  const desk = sessionDesk(o, state, { meter, breaker, writer, chat, match, takeFresh });

  // ---- the repository (by embeddings, falling back to words when the embedding model fails) and the arms
  const place = { at: 'the starting repository', fallback: state?.fallback ?? null };
  const repository = await openRepository(o, initialRepository, embedding, writer, place);
  const arms = sessionArms(repository, controlsOf(o), initialRepository, o.k);
  const main = arms[0];
  await resumeArms(arms, state?.queries ?? [], online, o.journal?.name ?? 'the journal', signal);

  const calibrationCalls: CalibrationResult['calls'] = [];
  const held = new HeldQueries(arms, writer);
  const progress = progressReporter(o, {
    calibrationTotal: nCal,
    onlineTotal: online.length,
    main,
    repository,
    meter,
    calibrationCalls,
  });

  const { weakThreshold, strongThreshold, calibration, stopped } = await runPhases(o, online, {
    arms,
    held,
    desk,
    stages,
    signal,
    breaker,
    takeFresh,
    place,
    progress,
    calibrationCalls,
    warnings,
    journaled: Boolean(writer.name),
  });

  return sessionResult({
    o,
    estimate,
    weakThreshold,
    strongThreshold,
    calibration,
    calibrationCalls,
    arms,
    desk,
    spend: { ...meter.spend },
    fallback: place.fallback,
    embeddingPrice,
    initialRepository,
    repositoryEntries: repository.entries,
    onlineTotal: online.length,
    match,
    stopped,
    resumed,
    journal: writer.name,
    warnings,
  });
}

/**
 * The run's phases: calibration (guarantee mode; else the given thresholds), then the online
 * queries, then the held records committed. A SessionStop ends them early, reported in `stopped`.
 */
async function runPhases(
  o: CascadeSessionOptions,
  online: CascadeSessionOptions['queries'],
  run: Omit<OnlineRun, 'k' | 'progress'> & {
    progress: ReturnType<typeof progressReporter>;
    calibrationCalls: CalibrationResult['calls'];
    warnings: string[];
    journaled: boolean;
  },
): Promise<Pick<CascadeSessionResult, 'weakThreshold' | 'strongThreshold' | 'calibration' | 'stopped'>> {
  const { arms, held, desk, stages, signal, breaker, takeFresh, place, progress, calibrationCalls } = run;
  const nCal = o.thresholds.mode === 'guarantee' ? o.thresholds.calibration : 0;
  let weakThreshold: number | null = o.thresholds.mode === 'manual' ? o.thresholds.weak : null;
  let strongThreshold: number | null = o.thresholds.mode === 'manual' ? o.thresholds.strong : null;
  let calibration: CalibrationResult | null = null;
  let stopped: CascadeSessionResult['stopped'] = null;
  try {
    if (o.thresholds.mode === 'guarantee') {
      calibration = await calibrateSession(o.queries.slice(0, nCal), o.thresholds, calibrationCalls, {
        desk,
        stages,
        progress: (done) => progress('calibrating', done, nCal),
        signal,
      });
      ({ weakThreshold, strongThreshold } = calibration);
      appendAll(run.warnings, calibration.warnings);
    }
    stages[0].threshold = weakThreshold;
    stages[1].threshold = strongThreshold;
    await askOnline(online, { arms, held, desk, stages, k: o.k, signal, breaker, takeFresh, place, progress });
    stopIfEveryCallFailed(calibrationCalls, arms, held);
    await held.commit();
  } catch (e) {
    if (!(e instanceof SessionStop)) throw e;
    const duringCalibration = o.thresholds.mode === 'guarantee' && calibration === null;
    stopped = stopReport(
      e,
      held.records.length,
      run.journaled,
      duringCalibration ? [calibrationCalls.length, nCal] : null,
    );
  }
  return { weakThreshold, strongThreshold, calibration, stopped };
}

/**
 * Calibration (guarantee mode): the calibration queries asked of both models through the desk
 * (recorded in `calls` as they complete), then the thresholds they give.
 */
async function calibrateSession(
  queries: CascadeSessionOptions['queries'],
  thresholds: { alpha: number; delta: number },
  calls: CalibrationResult['calls'],
  run: { desk: CallDesk; stages: SessionStages; progress: (done: number) => void; signal: AbortSignal | undefined },
): Promise<CalibrationResult> {
  const { desk, stages } = run;
  await askCalibration(
    queries,
    calls,
    (q, stage) =>
      desk.answer({
        phase: 'calibration',
        arm: 'retrieval',
        q,
        stage,
        model: stages[stage].model,
        role: ROLES[stage],
        shown: [],
        threshold: null,
      }),
    run.progress,
    run.signal,
  );
  return calibrationFromCalls(calls, thresholds.alpha, thresholds.delta);
}

/** The chat function (given, or over the endpoint) and the cascade's two stages, thresholds not yet set. */
function sessionStages(o: CascadeSessionOptions): {
  chat: NonNullable<CascadeSessionOptions['chat']>;
  stages: SessionStages;
} {
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
  return { chat, stages };
}

/**
 * Calibration (guarantee mode): every calibration query is asked of both models, in order; each
 * pair of calls is recorded in `calls` as it completes, so a stop leaves what was finished.
 */
async function askCalibration(
  queries: readonly CascadeSessionOptions['queries'][number][],
  calls: CalibrationResult['calls'],
  ask: (q: CascadeSessionOptions['queries'][number], stage: number) => Promise<{ call: StageCall }>,
  onDone: (done: number) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (const [i, q] of queries.entries()) {
    if (signal?.aborted) throw signal.reason ?? new Error('cancelled');
    const weak = (await ask(q, 0)).call;
    const strong = (await ask(q, 1)).call;
    calls.push({ queryId: q.queryId, weak, strong });
    onDone(i + 1);
  }
}

/**
 * Opens the strategy repository over the starting strategies: by embeddings, falling back to
 * words (TF-IDF) when the embedding model fails, which is journaled and said in `place.fallback`
 * (naming `place.at`, where the run was). The embedding of the starting repository is journaled.
 */
async function openRepository(
  o: CascadeSessionOptions,
  initialRepository: StrategyEntry[],
  embedding: ReturnType<typeof sessionEmbedder>,
  writer: JournalWriter,
  place: { at: string; fallback: string | null },
): Promise<FallbackStrategyStore> {
  const onFallback = async (message: string): Promise<void> => {
    place.fallback = `the embedding model ${o.embeddingModel} failed (${message}); queries are matched by shared words (TF-IDF) from ${place.at} on`;
    await writer.write({ type: 'fallback', message: place.fallback });
  };
  const repository = await FallbackStrategyStore.open(
    initialRepository,
    () => openStrategyStore(initialRepository, embedding.embed, o.signal),
    onFallback,
    place.fallback !== null,
    o.signal,
  ).catch((e: unknown) => {
    throw e instanceof SessionStop
      ? new SessionInputError(`the budget does not cover embedding the starting repository: ${e.message}`)
      : e;
  });
  const fromStart = embedding.takeFresh();
  if (fromStart.embedding_requests) await writer.write({ type: 'embeddings', ...fromStart });
  return repository;
}

/** The call desk of a run: every paid call goes through it; a resumed run starts from the journal's calls and verdicts. */
function sessionDesk(
  o: CascadeSessionOptions,
  state: ResumeState | null,
  parts: Pick<
    ConstructorParameters<typeof CallDesk>[0],
    'meter' | 'breaker' | 'writer' | 'chat' | 'match' | 'takeFresh'
  >,
): CallDesk {
  return new CallDesk({
    ...parts,
    priceOf: o.priceOf,
    paid: state?.calls ?? new Map(),
    verdicts: state?.verdicts ?? new Map(),
    judgeCalls: state?.judgeRecords.map((r) => r.call) ?? [],
    paidArms: state?.callRecords.map((r) => r.arm) ?? [],
    signal: o.signal,
  });
}

/**
 * Why a run stopped (budget, circuit breaker), in one message: what was left out, and where
 * calibration stood when it stopped during calibration (`calibration`: [done, of]).
 */
function stopReport(
  e: SessionStop,
  held: number,
  journaled: boolean,
  calibration: [number, number] | null,
): NonNullable<CascadeSessionResult['stopped']> {
  const what = `the last ${held} quer${held === 1 ? 'y' : 'ies'} (whose calls failed)`;
  const dropped = held
    ? `; ${what} ${journaled ? 'will be asked again when the run is resumed' : 'are left out of the results'}`
    : '';
  const during = calibration ? ` (during calibration: ${calibration[0]} of ${calibration[1]} queries done)` : '';
  return { reason: e.reason, message: `${e.message}${dropped}${during}` };
}

/** The embedding model's price and the embedder of a run (cached and journaled, so that a resumed run does not embed again). */
function sessionEmbedding(o: CascadeSessionOptions, meter: SpendMeter, state: ResumeState | null) {
  const embeddingPriceOf = o.embeddingPriceOf ?? o.priceOf;
  const embeddingPrice = o.embeddingModel === null ? null : embeddingPriceOf(o.embeddingModel);
  const embedding = sessionEmbedder({
    ...o,
    model: o.embeddingModel,
    price: embeddingPrice,
    meter,
    journaled: state?.embeddingSpends ?? [],
  });
  return { embeddingPriceOf, embeddingPrice, embedding };
}

/** Reports progress to `o.onProgress`: the stage, the main arm's trace, the repository's size, what was spent and what failed. */
function progressReporter(
  o: CascadeSessionOptions,
  run: {
    calibrationTotal: number;
    onlineTotal: number;
    main: SessionArm;
    repository: { readonly size: number };
    meter: SpendMeter;
    calibrationCalls: CalibrationResult['calls'];
  },
): (stage: SessionProgress['stage'], done: number, total: number) => void {
  return (stage, done, total) =>
    o.onProgress?.({
      stage,
      done,
      total,
      calibrationTotal: run.calibrationTotal,
      onlineTotal: run.onlineTotal,
      trace: run.main.trace,
      repositorySize: run.repository.size,
      spend: { ...run.meter.spend },
      failed: countFailures([
        ...run.calibrationCalls.flatMap((c) => [c.weak, c.strong]),
        ...run.main.trace.flatMap((t) => t.calls),
      ]),
    });
}
