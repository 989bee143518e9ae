import { makePriceResolver } from '../../engines/logs/priceResolver';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { LlmError } from '../../engines/llm/chatCompletion';
import { calibrateThresholds, type CalibrationResult } from '../../engines/intercascade/calibrateThresholds';
import type { CascadeModel } from '../../engines/intercascade/cascadeModel';
import { llmCascadeModel } from '../../engines/intercascade/llmCascadeModel';
import { parseQueriesJsonl, type CascadeQuery } from '../../engines/intercascade/queriesJsonl';
import { loadRepository, saveRepository } from '../../engines/intercascade/repositoryJsonl';
import { formatRunEvalLog } from '../../engines/intercascade/runEvalLog';
import { runInterCascade, summarizeTrace, type QueryTrace } from '../../engines/intercascade/runInterCascade';
import type { StrategyEntry } from '../../engines/intercascade/strategyRepository';
import { openStrategyStore } from '../../engines/intercascade/embeddingRepository';
import type { JsonlProblem } from '../../engines/intercascade/jsonlRecords';
import type { LogProblem } from '../../engines/logs/types';
import type { CascadePoint, CascadeRunForm, CascadeRunSummary, CascadeTraceRow, FailedCalls } from '../../protocol/cascadeRunner';
import type { JobContext } from '../workerProtocol';
import { loadPrices } from './logSource';
import { appendAll } from '../../shared/arrays';

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
}

/** What the job sends with `ctx.update` while it runs. */
export interface CascadeRunUpdate {
  stage: 'calibrating' | 'online';
  done: number;
  total: number;
  onlineTotal: number;
  points: CascadePoint[];
  failed: FailedCalls;
}

export interface CascadeRunResult {
  summary: CascadeRunSummary;
  points: CascadePoint[];
  trace: CascadeTraceRow[];
  /** The run as a native eval log (calibration calls in "train", the online run in "test"). */
  log: { text: string; records: number };
  repository: StrategyEntry[];
}

const MAX_EXAMPLES = 3;

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

/** Counts failed calls by cause while passing every call through unchanged. */
class CallCounter {
  calls = 0;
  readonly failed: FailedCalls = { malformed: 0, transport: 0, examples: [] };

  wrap(model: CascadeModel): CascadeModel {
    return {
      name: model.name,
      answer: async (query, strategies, signal) => {
        this.calls++;
        try {
          return await model.answer(query, strategies, signal);
        } catch (e) {
          if (!signal?.aborted) this.record(model.name, e);
          throw e;
        }
      },
    };
  }

  private record(model: string, e: unknown): void {
    const malformed = e instanceof LlmError && e.kind === 'reply';
    if (malformed) this.failed.malformed++;
    else this.failed.transport++;
    const message = (e as Error).message;
    if (this.failed.examples.length < MAX_EXAMPLES) this.failed.examples.push(message.startsWith(`${model}:`) ? message : `${model}: ${message}`);
  }

  /** After the first query: every call failed for a transport reason, so the endpoint (or its key, or a model name) is wrong. */
  endpointDown(): boolean {
    return this.calls > 0 && this.failed.transport === this.calls;
  }
}

function point(trace: readonly QueryTrace[], repositorySize: number): CascadePoint {
  const s = summarizeTrace(trace, 2);
  return { queries: trace.length, strongCallRate: s.strongCallRate, weakKeptAccuracy: s.weakCorrectAccepted, overallAccuracy: s.overallAccuracy, repositorySize, costUsd: s.totalCostUsd };
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
 * Cascade Runner: an Inter-Cascade run (Algorithm 2; thresholds given, or from the risk guarantee of
 * Algorithm 1 on the first N queries) against an OpenAI-compatible endpoint. Queries go through
 * one at a time, so the live figures (`ctx.update`) follow the repository as it grows. Stops early
 * when every call of the first query fails for a transport reason (endpoint down, wrong key or URL).
 * @throws Error with the file's bad line numbers, a missing gold answer among the calibration
 * queries, the endpoint down, or every call failed; the signal's reason when cancelled.
 */
export async function interCascadeRun(params: CascadeRunParams, ctx: JobContext): Promise<CascadeRunResult> {
  const started = Date.now();
  const { form } = params;
  const queries = await readQueries(form.queriesFile);
  const plan = form.thresholds;
  const nCal = plan.mode === 'guarantee' ? plan.calibration : 0;
  if (nCal >= queries.length) throw new Error(`Calibration size N = ${nCal} leaves no query for the run: the file has ${queries.length} queries`);
  const noGold = queries.slice(0, nCal).find((q) => q.gold === null);
  if (noGold) throw new Error(`Query "${noGold.queryId}" (among the first ${nCal}, used for calibration) has no gold "answer"; calibration needs one on every query`);
  const embedding = form.embeddingModel === null ? null : { endpoint: params.endpoint, model: form.embeddingModel, apiKey: params.apiKey ?? undefined, timeoutMs: params.timeoutS * 1000 };
  const repository = await openStrategyStore(await readRepository(form.repositoryFile), embedding, ctx.signal);
  const repositoryStart = repository.size;
  const priceProblems: LogProblem[] = [];
  const priceOf = makePriceResolver(await loadPrices(params, priceProblems), true);

  const counter = new CallCounter();
  const model = (name: string, role: 'student' | 'teacher') => counter.wrap(llmCascadeModel({ endpoint: params.endpoint, model: name, apiKey: params.apiKey ?? undefined, role, price: priceOf(name)?.price, timeoutMs: params.timeoutS * 1000, confidence: form.confidence }));
  const weak = model(form.weakModel, 'student');
  const strong = model(form.strongModel, 'teacher');
  const online = queries.slice(nCal);
  const total = nCal + online.length;
  const every = params.updateEvery ?? Math.max(1, Math.ceil(online.length / 50));
  const points: CascadePoint[] = [];
  const send = (stage: CascadeRunUpdate['stage'], done: number): void => ctx.update?.({ stage, done, total, onlineTotal: online.length, points, failed: counter.failed } satisfies CascadeRunUpdate);
  const checkEndpoint = (): void => {
    if (counter.endpointDown()) throw new Error(`The endpoint ${params.endpoint} did not answer: ${counter.failed.examples[0]}. Check the setting costRiskLab.llm.endpoint, the model names and the API key.`);
  };

  let calibration: CalibrationResult | null = null;
  let weakThreshold: number | null = plan.mode === 'manual' ? plan.weak : null;
  let strongThreshold: number | null = plan.mode === 'manual' ? plan.strong : null;
  if (plan.mode === 'guarantee') {
    send('calibrating', 0);
    calibration = await calibrateThresholds({
      queries: queries.slice(0, nCal), weak, strong, alpha: plan.alpha, delta: plan.delta, signal: ctx.signal,
      onProgress: (f) => {
        const done = Math.round(f * nCal);
        if (done === 1) checkEndpoint();
        ctx.progress(done / total, `calibrating: query ${done} of ${nCal}`);
        if (done % every === 0 || done === nCal) send('calibrating', done);
      },
    });
    ({ weakThreshold, strongThreshold } = calibration);
  }

  const trace: QueryTrace[] = [];
  const stages = [{ model: weak, threshold: weakThreshold }, { model: strong, threshold: strongThreshold }];
  for (const [i, q] of online.entries()) {
    if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('cancelled');
    const r = await runInterCascade({ queries: [q], stages, k: form.k, repository, signal: ctx.signal });
    appendAll(trace, r.trace);
    if (i === 0 && nCal === 0) checkEndpoint();
    ctx.progress((nCal + i + 1) / total, `query ${i + 1} of ${online.length}`);
    if ((i + 1) % every === 0 || i + 1 === online.length) {
      points.push(point(trace, repository.size));
      send('online', nCal + i + 1);
    }
  }
  const calls = [...(calibration?.calls.flatMap((c) => [c.weak, c.strong]) ?? []), ...trace.flatMap((t) => t.calls)];
  if (calls.every((c) => c.error !== null)) throw new Error(`Every model call failed; first: ${calls[0]?.error ?? 'no call made'}`);
  if (form.repositoryFile !== null) await saveRepository(form.repositoryFile, repository.entries);

  const s = summarizeTrace(trace, 2);
  const log = formatRunEvalLog(queries, calibration?.calls ?? [], trace);
  const { failed } = counter;
  const warnings = [...priceProblems.map((p) => p.reason), ...(calibration?.warnings ?? [])];
  const nFailed = failed.malformed + failed.transport;
  const causes = [failed.malformed ? `${failed.malformed} malformed repl${failed.malformed === 1 ? 'y' : 'ies'}` : '', failed.transport ? `${failed.transport} transport error${failed.transport === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  if (nFailed) warnings.push(`${nFailed} model call${nFailed === 1 ? '' : 's'} failed and counted as unsure (${causes}); first: ${failed.examples[0]}`);
  if (s.nGold < s.n) warnings.push(`${s.n - s.nGold} quer${s.n - s.nGold === 1 ? 'y has' : 'ies have'} no gold "answer": routed, but left out of the accuracies and the eval log`);
  if (s.totalCostUsd === null) warnings.push(`no cost: set prices for ${form.weakModel} and ${form.strongModel} (setting costRiskLab.prices), and the endpoint must report token usage`);
  const byId = new Map(queries.map((q) => [q.queryId, q.question]));
  const summary: CascadeRunSummary = {
    queriesFile: form.queriesFile,
    weakModel: form.weakModel,
    strongModel: form.strongModel,
    endpoint: params.endpoint,
    k: form.k,
    confidence: form.confidence,
    embeddingModel: form.embeddingModel,
    n: s.n,
    nGold: s.nGold,
    weakThreshold,
    strongThreshold,
    calibration: calibration && plan.mode === 'guarantee' ? { n: nCal, alpha: plan.alpha, delta: plan.delta, weakUpperBound: calibration.guarantee.weak.upperBound, strongUpperBound: calibration.guarantee.strong.upperBound } : null,
    weakAccuracy: s.weakAccuracy,
    weakCorrectAccepted: s.weakCorrectAccepted,
    overallAccuracy: s.overallAccuracy,
    riskAccepted: s.riskAccepted,
    strongCallRate: s.strongCallRate,
    abstentionRate: s.abstentionRate,
    totalCostUsd: s.totalCostUsd,
    repositoryStart,
    repositorySize: repository.size,
    strategiesAdded: repository.size - repositoryStart,
    repositorySavedTo: form.repositoryFile,
    failed,
    warnings,
    elapsedS: (Date.now() - started) / 1000,
  };
  return { summary, points, trace: trace.map((t) => traceRow(t, byId.get(t.queryId) ?? '')), log: { text: log.text, records: log.written }, repository: repository.entries };
}
