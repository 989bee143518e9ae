import type { EvalRecord, PriceTable, TaskType } from './types';

/** Raised for a record that cannot be used; the message names the field and what was wrong. */
export class RecordError extends Error {}

export interface RecordContext {
  file: string;
  line: number;
  prices?: PriceTable;
  correctThreshold: number;
  /** Interns repeated strings (model, split, task...) so a million records share them. */
  intern: (s: string) => string;
}

const describe = (v: unknown): string => (typeof v === 'string' ? `string ${JSON.stringify(v.slice(0, 40))}` : v === null ? 'null' : Array.isArray(v) ? 'an array' : `${typeof v} ${String(v)}`);

function optNumber(o: Record<string, unknown>, key: string, min: number, max = Infinity, integer = false): number | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || Number.isNaN(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RecordError(`field "${key}" must be ${integer ? 'an integer' : 'a number'} ${range}, got ${describe(v)}`);
  }
  return v;
}

function optString(o: Record<string, unknown>, key: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new RecordError(`field "${key}" must be a string, got ${describe(v)}`);
  return v;
}

function readScore(v: unknown): number {
  if (v === undefined || v === null) throw new RecordError('missing required field "correct"');
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' && v >= 0 && v <= 1) return v;
  throw new RecordError(`field "correct" must be a boolean or a number in [0, 1], got ${describe(v)}`);
}

function readQueryId(v: unknown): string {
  if (v === undefined || v === null) throw new RecordError('missing required field "query_id"');
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new RecordError(`field "query_id" must be a non-empty string or a number, got ${describe(v)}`);
}

function readTaskType(v: string | null): TaskType {
  if (v === null || v === 'multiple_choice' || v === 'generation') return v ?? 'multiple_choice';
  throw new RecordError(`field "task_type" must be "multiple_choice" or "generation", got ${describe(v)}`);
}

/** Validates one parsed line of the native format (or an adapter's mapped sample) into a record. */
export function toEvalRecord(raw: unknown, ctx: RecordContext): EvalRecord {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new RecordError(`expected a JSON object, got ${describe(raw)}`);
  const o = raw as Record<string, unknown>;
  const queryId = readQueryId(o.query_id);
  const model = optString(o, 'model');
  if (!model) throw new RecordError('missing required field "model"');
  const score = readScore(o.correct);

  const logprob = optNumber(o, 'logprob', -Infinity, 0);
  let confidence = optNumber(o, 'confidence', 0, 1);
  if (confidence === null && logprob !== null) confidence = Math.exp(logprob);

  const inputTokens = optNumber(o, 'input_tokens', 0, Infinity, true);
  const outputTokens = optNumber(o, 'output_tokens', 0, Infinity, true);
  let costUsd = optNumber(o, 'cost_usd', 0);
  if (costUsd === null && ctx.prices && (inputTokens !== null || outputTokens !== null)) {
    const p = ctx.prices[model];
    if (p) costUsd = ((inputTokens ?? 0) * p.inputPerMillion + (outputTokens ?? 0) * p.outputPerMillion) / 1e6;
  }
  const reasoning = o.reasoning;
  if (reasoning !== undefined && reasoning !== null && typeof reasoning !== 'boolean') throw new RecordError(`field "reasoning" must be a boolean, got ${describe(reasoning)}`);

  return {
    queryId,
    model: ctx.intern(model),
    score,
    correct: score >= ctx.correctThreshold,
    logprob,
    confidence,
    costUsd,
    inputTokens,
    outputTokens,
    latencyS: optNumber(o, 'latency_s', 0),
    split: ctx.intern(optString(o, 'split') ?? ''),
    task: ctx.intern(optString(o, 'task') ?? ''),
    taskType: readTaskType(optString(o, 'task_type')),
    signal: ctx.intern(optString(o, 'signal') ?? ''),
    reasoning: (reasoning as boolean | undefined) ?? null,
    question: ctx.intern(optString(o, 'question') ?? ''),
    file: ctx.file,
    line: ctx.line,
  };
}

/** A string interner backed by a Map; strings seen once are stored once. */
export function makeInterner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const hit = seen.get(s);
    if (hit !== undefined) return hit;
    seen.set(s, s);
    return s;
  };
}
