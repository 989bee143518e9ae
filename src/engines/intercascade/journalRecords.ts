/**
 * The records of a run's journal (JSON Lines) and their strict reading. A journal is our own file,
 * but it may have been cut short by a kill or edited by hand, so every record is checked before
 * anything in it is trusted. See cascadeJournal.ts for how the records are used.
 */
import type { StageCall } from './callModel';
import type { CallEstimate } from './costEstimate';
import type { QueryTrace } from './runInterCascade';
import type { StrategyEntry } from './strategyRepository';

/** 2: calls keyed by their prompt (shared across the arms of a comparison), judge and fallback records. */
export const JOURNAL_VERSION = 2;

/** Which pipeline of a run a record belongs to: the Inter-Cascade itself, or a control of the comparison. */
export const ARMS = ['retrieval', 'plain', 'random'] as const;
export type ArmName = (typeof ARMS)[number];

/** Embedding vectors as [text, base64 of the float64 values] pairs (texts are data: no object keys). */
export type EmbeddingPairs = [string, string][];

/** Embedding requests made since the previous record, with what they cost. */
export interface EmbeddingSpend {
  embeddings?: EmbeddingPairs;
  embedding_requests?: number;
  embedding_tokens?: number;
  embedding_cost_usd?: number;
}

export interface HeaderRecord {
  type: 'header';
  version: number;
  config: Record<string, unknown>;
  initial_repository: StrategyEntry[];
}

/**
 * One paid (or failed) model call; `phase`, `arm` and `stage` say where in the run it was made,
 * `key` names its prompt (the same prompt on the same query is never paid twice, whichever arm asks).
 */
export interface CallRecord extends EmbeddingSpend {
  type: 'call';
  phase: 'calibration' | 'online';
  arm: ArmName;
  key: string;
  query_id: string;
  stage: number;
  call: StageCall;
  /** The call's estimate when it was made (what the budget charges when usage was missing). */
  estimate: CallEstimate | null;
}

/** One call to the judge model: whether an answer matches the gold answer (null: no verdict). */
export interface JudgeRecord {
  type: 'judge';
  key: string;
  query_id: string;
  call: StageCall;
  verdict: boolean | null;
  estimate: CallEstimate | null;
}

/** The embedding model failed: from here on queries are matched by words. */
export interface FallbackRecord {
  type: 'fallback';
  message: string;
}

/** One finished online query of one arm: its trace and the strategy it added, enough to rebuild both. */
export interface QueryRecord extends EmbeddingSpend {
  type: 'query';
  arm: ArmName;
  query_id: string;
  trace: QueryTrace;
  strategy: StrategyEntry | null;
  /** Calls of this query answered by a call another arm had paid (same prompt). */
  shared_calls: number;
}

/** Embedding requests made outside any call (the starting repository's batch). */
export interface EmbeddingsRecord extends EmbeddingSpend {
  type: 'embeddings';
}

export type JournalRecord = HeaderRecord | CallRecord | QueryRecord | EmbeddingsRecord | JudgeRecord | FallbackRecord;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (what: string): never => {
  throw new Error(what);
};
const str = (o: Obj, k: string): string =>
  typeof o[k] === 'string' ? (o[k] as string) : fail(`"${k}" is not a string`);
const strOrNull = (o: Obj, k: string): string | null => (o[k] === null ? null : str(o, k));
const count = (o: Obj, k: string): number =>
  typeof o[k] === 'number' && Number.isInteger(o[k]) && (o[k] as number) >= 0
    ? (o[k] as number)
    : fail(`"${k}" is not a non-negative integer`);
const countOrNull = (o: Obj, k: string): number | null => (o[k] === null ? null : count(o, k));
const amountOrNull = (o: Obj, k: string): number | null =>
  o[k] === null
    ? null
    : typeof o[k] === 'number' && Number.isFinite(o[k]) && (o[k] as number) >= 0
      ? (o[k] as number)
      : fail(`"${k}" is not a non-negative number`);
const bool = (o: Obj, k: string): boolean =>
  typeof o[k] === 'boolean' ? (o[k] as boolean) : fail(`"${k}" is not true or false`);
const boolOrNull = (o: Obj, k: string): boolean | null => (o[k] === null ? null : bool(o, k));
const unitNumber = (o: Obj, k: string): number =>
  typeof o[k] === 'number' && (o[k] as number) >= 0 && (o[k] as number) <= 1
    ? (o[k] as number)
    : fail(`"${k}" is not a number in [0, 1]`);

/** A StageCall as the journal stores it. */
export function readStageCall(v: unknown): StageCall {
  if (!isObj(v)) return fail('a call is not an object');
  const kind = v.errorKind ?? null;
  if (kind !== null && kind !== 'transport' && kind !== 'malformed' && kind !== 'usage')
    fail(`"errorKind" is ${JSON.stringify(kind)}`);
  return {
    model: str(v, 'model'),
    answer: strOrNull(v, 'answer'),
    confidence: unitNumber(v, 'confidence'),
    accepted: bool(v, 'accepted'),
    correct: boolOrNull(v, 'correct'),
    costUsd: amountOrNull(v, 'costUsd'),
    latencyS: amountOrNull(v, 'latencyS'),
    inputTokens: countOrNull(v, 'inputTokens'),
    outputTokens: countOrNull(v, 'outputTokens'),
    strategy: strOrNull(v, 'strategy'),
    error: strOrNull(v, 'error'),
    errorKind: kind as StageCall['errorKind'],
  };
}

/** A strategy entry as the journal stores it. */
export function readStrategyEntry(v: unknown): StrategyEntry {
  if (!isObj(v)) return fail('a strategy is not an object');
  return {
    queryId: str(v, 'queryId'),
    query: str(v, 'query'),
    answer: str(v, 'answer'),
    strategy: str(v, 'strategy'),
    confidence: unitNumber(v, 'confidence'),
  };
}

function readTrace(v: unknown): QueryTrace {
  if (!isObj(v)) return fail('"trace" is not an object');
  if (!Array.isArray(v.calls) || v.calls.length === 0) fail('"trace.calls" is not a list of calls');
  const calls = (v.calls as unknown[]).map(readStageCall);
  const answeredBy = v.answeredBy === null ? null : count(v, 'answeredBy');
  if (answeredBy !== null && answeredBy >= calls.length) fail('"answeredBy" names a stage that made no call');
  if (!Array.isArray(v.retrieved)) fail('"trace.retrieved" is not a list');
  const retrieved = (v.retrieved as unknown[]).map((r) =>
    isObj(r)
      ? { queryId: str(r, 'queryId'), similarity: amountOrNull(r, 'similarity') ?? fail('"similarity" is null') }
      : fail('a retrieved entry is not an object'),
  );
  return {
    queryId: str(v, 'queryId'),
    gold: strOrNull(v, 'gold'),
    retrieved,
    calls,
    answeredBy,
    finalAnswer: strOrNull(v, 'finalAnswer'),
    correct: boolOrNull(v, 'correct'),
    strategyAdded: bool(v, 'strategyAdded'),
  };
}

function readEmbeddingSpend(o: Obj): EmbeddingSpend {
  const out: EmbeddingSpend = {};
  if (o.embeddings !== undefined) {
    if (
      !Array.isArray(o.embeddings) ||
      !o.embeddings.every(
        (p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string',
      )
    )
      fail('"embeddings" is not a list of [text, vector] pairs');
    out.embeddings = o.embeddings as EmbeddingPairs;
  }
  if (o.embedding_requests !== undefined) out.embedding_requests = count(o, 'embedding_requests');
  if (o.embedding_tokens !== undefined) out.embedding_tokens = count(o, 'embedding_tokens');
  if (o.embedding_cost_usd !== undefined) out.embedding_cost_usd = amountOrNull(o, 'embedding_cost_usd') ?? 0;
  return out;
}

function readEstimate(est: unknown): CallEstimate | null {
  if (est === null || est === undefined) return null;
  return isObj(est)
    ? {
        inputTokens: count(est, 'inputTokens'),
        outputTokens: count(est, 'outputTokens'),
        usd: amountOrNull(est, 'usd'),
      }
    : fail('"estimate" is not an object');
}

const arm = (o: Obj): ArmName =>
  (ARMS as readonly unknown[]).includes(o.arm) ? (o.arm as ArmName) : fail(`"arm" is not one of ${ARMS.join(', ')}`);

/** One journal line, checked. @throws Error saying what is wrong with it. */
export function readJournalRecord(o: unknown): JournalRecord {
  if (!isObj(o)) return fail('not a JSON object');
  switch (o.type) {
    case 'header': {
      if (!isObj(o.config)) fail('"config" is not an object');
      if (!Array.isArray(o.initial_repository)) fail('"initial_repository" is not a list');
      return {
        type: 'header',
        version: count(o, 'version'),
        config: o.config as Obj,
        initial_repository: (o.initial_repository as unknown[]).map(readStrategyEntry),
      };
    }
    case 'call': {
      const phase =
        o.phase === 'calibration' || o.phase === 'online' ? o.phase : fail('"phase" is not "calibration" or "online"');
      return {
        type: 'call',
        phase,
        arm: arm(o),
        key: str(o, 'key'),
        query_id: str(o, 'query_id'),
        stage: count(o, 'stage'),
        call: readStageCall(o.call),
        estimate: readEstimate(o.estimate),
        ...readEmbeddingSpend(o),
      };
    }
    case 'judge':
      return {
        type: 'judge',
        key: str(o, 'key'),
        query_id: str(o, 'query_id'),
        call: readStageCall(o.call),
        verdict: boolOrNull(o, 'verdict'),
        estimate: readEstimate(o.estimate),
      };
    case 'fallback':
      return { type: 'fallback', message: str(o, 'message') };
    case 'query':
      return {
        type: 'query',
        arm: arm(o),
        query_id: str(o, 'query_id'),
        trace: readTrace(o.trace),
        strategy: o.strategy === null ? null : readStrategyEntry(o.strategy),
        shared_calls: count(o, 'shared_calls'),
        ...readEmbeddingSpend(o),
      };
    case 'embeddings':
      return { type: 'embeddings', ...readEmbeddingSpend(o) };
    default:
      return fail(`unknown record type ${JSON.stringify(o.type)?.slice(0, 40)}`);
  }
}

/** A vector as base64 of its float64 values (exact: a resumed run retrieves exactly as the first did). */
export function encodeVector(v: Float64Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
}

/** The inverse of {@link encodeVector}. @throws Error when the text is not a whole number of float64 values. */
export function decodeVector(b64: string): Float64Array {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length === 0 || bytes.length % 8 !== 0)
    throw new Error('an embedding vector is not a whole number of 8-byte values');
  const out = new Float64Array(bytes.length / 8);
  new Uint8Array(out.buffer).set(bytes);
  if (!out.every(Number.isFinite)) throw new Error('an embedding vector holds a value that is not finite');
  return out;
}
