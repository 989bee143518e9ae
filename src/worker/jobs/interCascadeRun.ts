import { makePriceResolver } from '../../engines/logs/priceResolver';
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseQueriesJsonl, type CascadeQuery } from '../../engines/intercascade/queriesJsonl';
import { loadRepository, saveRepository } from '../../node/intercascade/repositoryFile';
import { formatRunEvalLog } from '../../engines/intercascade/runEvalLog';
import { summarizeTrace, type QueryTrace } from '../../engines/intercascade/runInterCascade';
import type { StrategyEntry } from '../../engines/intercascade/strategyRepository';
import {
  checkSessionInput,
  estimateSession,
  runCascadeSession,
  sessionKey,
  SessionInputError,
  type CascadeSessionOptions,
  type SessionProgress,
} from '../../engines/intercascade/cascadeSession';
import { JournalMismatchError } from '../../engines/intercascade/cascadeJournal';
import { fileJournalStore } from '../../node/intercascade/fileJournal';
import type { RunEstimate } from '../../engines/intercascade/costEstimate';
import type { JsonlProblem } from '../../engines/intercascade/jsonlRecords';
import { LlmError } from '../../engines/llm/llmError';
import { DEFAULT_RETRY, type RetryPolicy } from '../../engines/llm/retry';
import type { LogProblem } from '../../engines/logs/types';
import {
  VSCODE_LM_ENDPOINT,
  type CascadePoint,
  type CascadeRunProgress,
  type CascadeRunForm,
  type CascadeRunSummary,
  type CascadeTraceRow,
} from '../../protocol/cascadeRunner';
import type { JobContext } from '../workerProtocol';
import { cascadeRunSummary } from './cascadeRunSummary';
import { hostChat } from './hostChat';
import { loadPrices } from './logSource';

export interface CascadeRunParams {
  /** A checked form with absolute paths. */
  form: CascadeRunForm;
  endpoint: string;
  apiKey: string | null;
  timeoutS: number;
  /** The `costRiskLab.prices` setting and workspace price file (dollars per million tokens per model). */
  prices?: unknown;
  priceFile?: string | null;
  /** Live figures after every this many online queries (default: about 50 points over the run). */
  updateEvery?: number;
  /**
   * The folder of the run's journal (the extension's workspace storage), named after the run's
   * configuration: a run that stopped (budget, failures, cancel, crash) resumes when the same form
   * is run again; the journal of a finished run is removed. Null: no journal.
   */
  journalDir?: string | null;
  /** Retry settings (in-process callers, e.g. tests, may also inject sleep and random). */
  retry?: Partial<RetryPolicy>;
  /** Failed calls in a row that stop the run (default 5). */
  maxFailures?: number;
}

/** What the job sends with `ctx.update` while it runs. */
export type CascadeRunUpdate = CascadeRunProgress;

export interface CascadeRunResult {
  summary: CascadeRunSummary;
  points: CascadePoint[];
  trace: CascadeTraceRow[];
  /** The run as a native eval log (calibration calls in "train", the online run in "test"). */
  log: { text: string; records: number };
  repository: StrategyEntry[];
}

/** Lists a file's bad lines with their numbers (at most five, then how many more). */
export function badLinesMessage(what: string, file: string, problems: readonly JsonlProblem[]): string {
  const shown = problems.slice(0, 5).map((p) => `line ${p.line}: ${p.message}`);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  return `${what} ${basename(file)} has ${problems.length} bad line(s): ${shown.join('; ')}${more}`;
}

async function readQueries(file: string): Promise<CascadeQuery[]> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the queries file ${file} (${e.code ?? e.message})`);
  });
  const r = parseQueriesJsonl(text);
  if (r.problems.length) throw new Error(badLinesMessage('The queries file', file, r.problems));
  if (r.items.length === 0) throw new Error(`The queries file ${basename(file)} holds no queries`);
  return r.items.map((i) => i.value);
}

async function readRepository(file: string | null): Promise<StrategyEntry[]> {
  if (file === null) return [];
  const r = await loadRepository(file, { allowMissing: true }).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the repository file ${file} (${e.code ?? e.message})`);
  });
  if (r.problems.length) throw new Error(badLinesMessage('The repository file', file, r.problems));
  return r.items.map((i) => i.value);
}

function point(trace: readonly QueryTrace[], repositorySize: number): CascadePoint {
  const s = summarizeTrace(trace, 2);
  return {
    queries: trace.length,
    strongCallRate: s.strongCallRate,
    weakKeptAccuracy: s.weakCorrectAccepted,
    overallAccuracy: s.overallAccuracy,
    repositorySize,
    costUsd: s.totalCostUsd,
  };
}

function traceRow(t: QueryTrace, question: string): CascadeTraceRow {
  const [weak, strong] = t.calls;
  const cost = t.calls.reduce<number | null>((sum, c) => (c.costUsd === null ? sum : (sum ?? 0) + c.costUsd), null);
  return {
    queryId: t.queryId,
    question,
    gold: t.gold,
    strategiesShown: t.retrieved.length,
    weakAnswer: weak.answer,
    weakConfidence: weak.confidence,
    strongAnswer: strong?.answer ?? null,
    strongConfidence: strong ? strong.confidence : null,
    answeredBy: t.answeredBy === null ? 'abstained' : t.answeredBy === 0 ? 'weak' : 'strong',
    finalAnswer: t.finalAnswer,
    correct: t.correct,
    strategyAdded: t.strategyAdded,
    costUsd: cost,
    problem: t.calls.map((c) => c.error).find((e) => e !== null) ?? null,
  };
}

/**
 * The session's options from the job's parameters: what the run and the estimate share. With VS
 * Code's language models the requests go through the host (`ctx.callHost`), and only the price
 * table prices them (those models are not billed per token by the price database's rates).
 */
async function sessionOptions(
  params: CascadeRunParams,
  problems: LogProblem[],
  ctx?: JobContext,
): Promise<Omit<CascadeSessionOptions, 'journal'>> {
  const { form } = params;
  const queries = await readQueries(form.queriesFile);
  const lm = form.provider === 'vscode';
  const table = await loadPrices(params, problems);
  const priceOf = makePriceResolver(table, !lm);
  const embeddingPriceOf = makePriceResolver(table, true, 'embedding');
  return {
    queries,
    weak: form.weakModel,
    strong: form.strongModel,
    endpoint: lm ? VSCODE_LM_ENDPOINT : params.endpoint,
    apiKey: lm ? undefined : (params.apiKey ?? undefined),
    chat: lm && ctx ? hostChat(ctx.callHost) : undefined,
    k: form.k,
    confidence: form.confidence,
    embeddingModel: form.embeddingModel,
    thresholds: form.thresholds,
    repository: await readRepository(form.repositoryFile),
    priceOf: (m) => priceOf(m)?.price ?? null,
    embeddingPriceOf: (m) => embeddingPriceOf(m)?.price ?? null,
    match: form.match,
    compare: form.compare,
    budgetUsd: form.budgetUsd,
    maxConsecutiveFailures: params.maxFailures,
    timeoutMs: params.timeoutS * 1000,
    retry: { ...DEFAULT_RETRY, ...params.retry },
    fetchImpl: fetch,
  };
}

/**
 * The live figures of a run (`ctx.update`, `ctx.progress`): where the run stands, a point of the
 * curves every `every` online queries (default: about 50 over the run) and at the end, and what a
 * resumed run already had when it starts.
 */
function liveUpdates(
  ctx: JobContext,
  run: { nCal: number; onlineTotal: number; budgetUsd: number | null },
  updateEvery: number | undefined,
): {
  points: CascadePoint[];
  onProgress: NonNullable<CascadeSessionOptions['onProgress']>;
  onStart: NonNullable<CascadeSessionOptions['onStart']>;
} {
  const { nCal, onlineTotal } = run;
  const every = updateEvery ?? Math.max(1, Math.ceil(onlineTotal / 50));
  const points: CascadePoint[] = [];
  const live: CascadeRunUpdate = {
    stage: 'starting',
    done: 0,
    total: nCal + onlineTotal,
    onlineTotal,
    points,
    failed: { malformed: 0, transport: 0, usage: 0, examples: [] },
    estimate: null,
    spent: null,
    budgetUsd: run.budgetUsd,
    resumedQueries: 0,
  };
  const send = (): void => ctx.update?.({ ...live, points: [...points] } satisfies CascadeRunUpdate);
  const onProgress = (p: SessionProgress): void => {
    const done = p.stage === 'calibrating' ? p.done : nCal + p.done;
    Object.assign(live, { stage: p.stage, done, failed: p.failed, spent: p.spend });
    ctx.progress(
      done / live.total,
      p.stage === 'calibrating' ? `calibrating: query ${p.done} of ${p.total}` : `query ${p.done} of ${p.total}`,
    );
    if (p.stage === 'online' && (p.done % every === 0 || p.done === p.total))
      points.push(point(p.trace, p.repositorySize));
    if (p.done % every === 0 || p.done === p.total) send();
  };
  const onStart: NonNullable<CascadeSessionOptions['onStart']> = ({ estimate, resumed, spend }) => {
    const calibrated = Math.min(nCal, Math.floor((resumed?.calibrationCalls ?? 0) / 2));
    Object.assign(live, {
      estimate,
      spent: spend,
      resumedQueries: resumed?.onlineQueries ?? 0,
      done: calibrated + (resumed?.onlineQueries ?? 0),
    });
    send();
  };
  return { points, onProgress, onStart };
}

/** The message of an error the session throws for its input or journal; other errors pass unchanged. */
function userError(e: unknown): unknown {
  if (e instanceof SessionInputError || e instanceof JournalMismatchError)
    return new Error(e.message.charAt(0).toUpperCase() + e.message.slice(1));
  if (e instanceof LlmError && e.kind !== 'aborted') return new Error(e.message);
  return e;
}

/** Cascade Runner's estimate before a run: the same as the run computes first (costEstimate.ts). */
export async function interCascadeEstimate(params: CascadeRunParams): Promise<RunEstimate> {
  const opts = await sessionOptions(params, []);
  try {
    checkSessionInput(opts);
  } catch (e) {
    throw userError(e);
  }
  return estimateSession(opts);
}

/**
 * Cascade Runner: an Inter-Cascade run (Algorithm 2; thresholds given, or from the risk guarantee of
 * Algorithm 1 on the first N queries) against an OpenAI-compatible endpoint, through the same
 * session as the CLI (cascadeSession.ts: retries, budget, circuit breaker, journal). Queries go
 * through one at a time, so the live figures (`ctx.update`) follow the repository as it grows. A
 * run stopped by the budget or the breaker returns what it finished, with `summary.stopped`.
 * With VS Code's language models (form.provider 'vscode') each chat request goes to the host
 * through `ctx.callHost` (hostChat.ts). A failing embedding model does not stop the run: it goes
 * on matching by words and the summary says so.
 * @throws Error with the file's bad line numbers, a bad form (calibration too large, a budget
 * without prices), or a journal of another run; the signal's reason when cancelled.
 */
export async function interCascadeRun(params: CascadeRunParams, ctx: JobContext): Promise<CascadeRunResult> {
  const started = Date.now();
  const { form } = params;
  const priceProblems: LogProblem[] = [];
  const opts = await sessionOptions(params, priceProblems, ctx);
  const nCal = form.thresholds.mode === 'guarantee' ? form.thresholds.calibration : 0;
  const onlineTotal = Math.max(0, opts.queries.length - nCal);
  const journalFile = params.journalDir ? join(params.journalDir, `cascade-${sessionKey(opts)}.jsonl`) : null;
  const journal = journalFile === null ? null : fileJournalStore(journalFile);
  const { points, onProgress, onStart } = liveUpdates(
    ctx,
    { nCal, onlineTotal, budgetUsd: form.budgetUsd },
    params.updateEvery,
  );
  let r;
  try {
    r = await runCascadeSession({
      ...opts,
      journal,
      signal: ctx.signal,
      onProgress,
      onStart,
    });
  } catch (e) {
    throw userError(e);
  } finally {
    await journal?.close();
  }
  if (journalFile !== null && r.stopped === null) await rm(journalFile, { force: true });
  if (form.repositoryFile !== null) await saveRepository(form.repositoryFile, r.repository);

  const s = r.run;
  const log = formatRunEvalLog(opts.queries, r.calibration?.calls ?? [], s.trace);
  const byId = new Map(opts.queries.map((q) => [q.queryId, q.question]));
  const summary = cascadeRunSummary(form, r, {
    endpoint: opts.endpoint,
    nCal,
    warnings: [...priceProblems.map((p) => p.reason), ...r.warnings],
    elapsedS: (Date.now() - started) / 1000,
  });
  return {
    summary,
    points,
    trace: s.trace.map((t) => traceRow(t, byId.get(t.queryId) ?? '')),
    log: { text: log.text, records: log.written },
    repository: r.repository,
  };
}
