import type { CascadeModel } from './cascadeModel';
import { callModel, type StageCall } from './callModel';
import type { CascadeQuery } from './queriesJsonl';
import {
  StrategyRepository,
  type RetrievedStrategy,
  type StrategyEntry,
  type StrategyStore,
} from './strategyRepository';
import { appendAll } from '../../shared/arrays';

/** One model of the cascade with its acceptance threshold (null: never accepts, always defers). */
export interface CascadeStage {
  model: CascadeModel;
  threshold: number | null;
}

export interface InterCascadeOptions {
  queries: readonly CascadeQuery[];
  /** Weakest (cheapest) first; at least two. */
  stages: readonly CascadeStage[];
  /** Strategies retrieved per query (the paper's k; default 2). */
  k?: number;
  /** Starting repository; new strategies are added to it in place. Default: empty, word-based matching. */
  repository?: StrategyStore;
  /** False runs the plain cascade (no retrieval, no strategies written): the baseline. Default true. */
  useStrategies?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface QueryTrace {
  queryId: string;
  gold: string | null;
  /** Repository entries shown to the weak model, most similar first (similarity 0: drawn at random). */
  retrieved: { queryId: string; similarity: number }[];
  /** The calls made, in cascade order (stage i of `calls` is stage i of the cascade). */
  calls: StageCall[];
  /** Index of the stage whose answer was kept; null when the query was abstained on. */
  answeredBy: number | null;
  finalAnswer: string | null;
  /** Final answer against gold; null without gold or when abstained. */
  correct: boolean | null;
  strategyAdded: boolean;
}

export interface InterCascadeResult {
  n: number;
  /** Queries with a gold answer (the denominator of the accuracies). */
  nGold: number;
  /** Queries whose answer came from each stage. */
  answeredByStage: number[];
  /** Calls made to each stage. */
  callsByStage: number[];
  abstained: number;
  /** Share of gold queries the weakest model answered correctly (accepted or not); null without gold. */
  weakAccuracy: number | null;
  /** Share of gold queries the weakest model answered correctly and kept (the paper's "weak correct accepted"). */
  weakCorrectAccepted: number | null;
  /** Share of gold queries whose final answer is correct; an abstention counts as not correct. */
  overallAccuracy: number | null;
  /** Error rate among kept answers with gold (what the risk guarantee bounds); null when none. */
  riskAccepted: number | null;
  /** Share of queries passed beyond the weakest model (calls to any stronger model / n). */
  strongCallRate: number;
  abstentionRate: number;
  coverage: number;
  /** Sum of the reported call costs (failed calls that were paid included); null when no call reported a cost. */
  totalCostUsd: number | null;
  strategiesAdded: number;
  repositorySize: number;
  trace: QueryTrace[];
  warnings: string[];
}

/**
 * The Inter-Cascade online loop (Algorithm 2; with more than two stages, the k-LLM form of
 * Appendix D). For each query in order: retrieve the k most similar strategies; the weakest stage
 * answers with them in its prompt (strategies augment the weak model only: every later stage gets
 * the bare query), and each stage in turn keeps its answer when its confidence reaches its
 * threshold, else defers to the next; when no stage keeps an answer the query is abstained on.
 * When a stage other than the first keeps an answer, its strategy (from the reply, else from the
 * model's strategy generator) is added to the repository, so later similar queries see it.
 * @throws the signal's reason when cancelled; RangeError for fewer than two stages or k < 0.
 */
export async function runInterCascade(opts: InterCascadeOptions): Promise<InterCascadeResult> {
  const { queries, stages, signal } = opts;
  const k = opts.k ?? 2;
  if (stages.length < 2) throw new RangeError(`runInterCascade requires at least 2 stages, got ${stages.length}`);
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`runInterCascade requires an integer k >= 0, got ${k}`);
  const repository = opts.repository ?? new StrategyRepository();
  const step = { stages, k, repository, useStrategies: opts.useStrategies ?? true, signal };
  const failures: string[] = [];
  const trace: QueryTrace[] = [];
  let strategiesAdded = 0;
  for (let qi = 0; qi < queries.length; qi++) {
    if (signal?.aborted) throw signal.reason ?? new Error('cancelled');
    const r = await runQuery(queries[qi], step);
    appendAll(failures, r.failures);
    trace.push(r.trace);
    if (r.strategy) strategiesAdded++;
    opts.onProgress?.((qi + 1) / queries.length);
  }
  const warnings: string[] = [];
  if (failures.length)
    warnings.push(`${failures.length} model call(s) failed and were treated as unsure answers; first: ${failures[0]}`);
  return { ...summarizeTrace(trace, stages.length), strategiesAdded, repositorySize: repository.size, trace, warnings };
}

/**
 * What one query of the loop needs. `call` replaces {@link callModel} (the session's journal,
 * budget and breaker sit there); it gets the strategies shown to that stage (none after the first).
 * `select` replaces retrieval from the repository (e.g. a random draw, the paper's control).
 */
export interface QueryStep {
  stages: readonly CascadeStage[];
  k: number;
  repository: StrategyStore;
  useStrategies: boolean;
  signal?: AbortSignal;
  call?: (stage: number, shown: readonly RetrievedStrategy[]) => Promise<StageCall>;
  select?: (q: CascadeQuery) => Promise<RetrievedStrategy[]>;
}

/** The strategies a stage sees: the retrieved ones for the weakest stage, none for the others. */
export const shownToStage = (stage: number, retrieved: readonly RetrievedStrategy[]): readonly RetrievedStrategy[] =>
  stage === 0 ? retrieved : [];

/** One query's outcome: its trace, the strategy it added to the repository (if any), and its failed calls' messages. */
export interface QueryOutcome {
  trace: QueryTrace;
  strategy: StrategyEntry | null;
  failures: string[];
}

/**
 * One query of the Inter-Cascade loop (see {@link runInterCascade}): retrieval, the stages in turn
 * until one keeps its answer, and the strategy of a later stage added to the repository.
 */
export async function runQuery(q: CascadeQuery, step: QueryStep): Promise<QueryOutcome> {
  const { stages, repository, signal } = step;
  const failures: string[] = [];
  const retrieved = !step.useStrategies
    ? []
    : step.select
      ? await step.select(q)
      : await repository.retrieve(q.question, step.k, signal);
  const calls: StageCall[] = [];
  let answeredBy: number | null = null;
  for (let s = 0; s < stages.length && answeredBy === null; s++) {
    const shown = shownToStage(s, retrieved);
    const call = step.call
      ? await step.call(s, shown)
      : await callModel(stages[s].model, q.question, shown, q.gold, stages[s].threshold, signal);
    if (call.error) failures.push(`${q.queryId} (${call.model}): ${call.error}`);
    calls.push(call);
    if (call.accepted) answeredBy = s;
  }
  let strategy: StrategyEntry | null = null;
  if (step.useStrategies && answeredBy !== null && answeredBy > 0) {
    const call = calls[answeredBy];
    const text =
      call.strategy ??
      (await writeStrategy(stages[answeredBy].model, q.question, call.answer ?? '', signal, failures, q.queryId));
    if (text) {
      strategy = {
        queryId: q.queryId,
        query: q.question,
        answer: call.answer ?? '',
        strategy: text,
        confidence: call.confidence,
      };
      await repository.add(strategy, signal);
    }
  }
  const final = answeredBy === null ? null : calls[answeredBy];
  const trace: QueryTrace = {
    queryId: q.queryId,
    gold: q.gold,
    retrieved: retrieved.map((r) => ({ queryId: r.entry.queryId, similarity: r.similarity })),
    calls,
    answeredBy,
    finalAnswer: final?.answer ?? null,
    correct: final ? final.correct : null,
    strategyAdded: strategy !== null,
  };
  return { trace, strategy, failures };
}

async function writeStrategy(
  model: CascadeModel,
  query: string,
  answer: string,
  signal: AbortSignal | undefined,
  failures: string[],
  queryId: string,
): Promise<string | null> {
  if (!model.strategy) return null;
  try {
    const s = (await model.strategy(query, answer, signal)).trim();
    return s || null;
  } catch (e) {
    if (signal?.aborted) throw signal.reason ?? e;
    failures.push(`${queryId} (${model.name}, strategy): ${(e as Error).message}`);
    return null;
  }
}

/** The run's rates and accuracies from its per-query trace (Inter-Cascade §3.3 metrics). */
export function summarizeTrace(
  trace: readonly QueryTrace[],
  stageCount: number,
): Omit<InterCascadeResult, 'strategiesAdded' | 'repositorySize' | 'trace' | 'warnings'> {
  const n = trace.length;
  const answeredByStage = new Array<number>(stageCount).fill(0);
  const callsByStage = new Array<number>(stageCount).fill(0);
  // Tallies over the queries with a gold answer (the accuracies' denominator is `gold`).
  const count = { gold: 0, weakCorrect: 0, weakCorrectKept: 0, finalCorrect: 0, keptWithGold: 0 };
  let cost: number | null = null;
  for (const t of trace) {
    for (const [s, c] of t.calls.entries()) {
      callsByStage[s]++;
      if (c.costUsd !== null) cost = (cost ?? 0) + c.costUsd;
    }
    if (t.answeredBy !== null) answeredByStage[t.answeredBy]++;
    if (t.gold === null) continue;
    count.gold++;
    if (t.calls[0].correct) {
      count.weakCorrect++;
      if (t.calls[0].accepted) count.weakCorrectKept++;
    }
    if (t.answeredBy !== null) {
      count.keptWithGold++;
      if (t.correct) count.finalCorrect++;
    }
  }
  const answered = answeredByStage.reduce((a, b) => a + b, 0);
  const share = (x: number, of: number) => (of ? x / of : null);
  return {
    n,
    nGold: count.gold,
    answeredByStage,
    callsByStage,
    abstained: n - answered,
    weakAccuracy: share(count.weakCorrect, count.gold),
    weakCorrectAccepted: share(count.weakCorrectKept, count.gold),
    overallAccuracy: share(count.finalCorrect, count.gold),
    riskAccepted: share(count.keptWithGold - count.finalCorrect, count.keptWithGold),
    strongCallRate: share(callsByStage[1] ?? 0, n) ?? 0,
    abstentionRate: share(n - answered, n) ?? 0,
    coverage: share(answered, n) ?? 0,
    totalCostUsd: cost,
  };
}
