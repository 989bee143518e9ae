import { priceTokens, type ResolvedPrice } from './priceResolver';
import type { CostSource, EvalRecord, TaskType } from './types';
import { setOwn } from '../../shared/ownProperties';
import { recordTexts } from './recordText';
import { FIELDS_TAKING_TEXT } from './nativeFields';
import { RECORD_LIMITS } from './recordLimits';

/** Raised for a record that cannot be used; the message names the field and what was wrong. */
export class RecordError extends Error {}

export interface RecordContext {
  file: string;
  line: number;
  /** Prices for a model's tokens (user table, then price database), or null when unknown. */
  priceOf: (model: string) => ResolvedPrice | null;
  correctThreshold: number;
  /** Interns repeated strings (model, split, task...) so a million records share them. */
  intern: (s: string) => string;
}

const describe = (v: unknown): string =>
  typeof v === 'string'
    ? `string ${JSON.stringify(v.slice(0, 40))}`
    : v === null
      ? 'null'
      : Array.isArray(v)
        ? 'an array'
        : typeof v === 'object'
          ? 'an object'
          : `${typeof v} ${String(v)}`;

// The helpers take the value, not (object, key): monomorphic property reads keep a million-line read fast.
function optNumber(
  v: unknown,
  key: string,
  min: number,
  max = Infinity,
  integer = false,
  plausible = Infinity,
  unit = '',
): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && v > plausible && v <= max && v !== Infinity)
    throw new RecordError(
      `field "${key}" is ${v}, above the plausible maximum of ${plausible}${unit} (see docs/eval-logs.md, "Limits")`,
    );
  // Only a log-prob may be infinite (-Infinity: the signal had probability 0).
  if (
    typeof v !== 'number' ||
    Number.isNaN(v) ||
    v < min ||
    v > max ||
    (integer && !Number.isInteger(v)) ||
    (v === Infinity && max === Infinity)
  ) {
    const range = max === Infinity ? `>= ${min}${integer ? '' : ' and finite'}` : `in [${min}, ${max}]`;
    throw new RecordError(`field "${key}" must be ${integer ? 'an integer' : 'a number'} ${range}, got ${describe(v)}`);
  }
  return v === 0 ? 0 : v; // -0 (a cost or log-prob written as -0.0) is 0
}

/** An optional token count: an integer in [0, max], at most RECORD_LIMITS.tokens; null when absent. */
function optTokens(v: unknown, key: string, max: number): number | null {
  return optNumber(v, key, 0, max, true, RECORD_LIMITS.tokens, ' tokens');
}

function optString(v: unknown, key: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new RecordError(`field "${key}" must be a string, got ${describe(v)}`);
  return v;
}

function readScore(v: unknown): number {
  if (v === undefined || v === null) throw new RecordError('missing required field "correct"');
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' && v >= 0 && v <= 1) return v === 0 ? 0 : v;
  throw new RecordError(`field "correct" must be a boolean or a number in [0, 1], got ${describe(v)}`);
}

function readQueryId(v: unknown): string {
  if (v === undefined || v === null) throw new RecordError('missing required field "query_id"');
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new RecordError(`field "query_id" must be a non-empty string or a number, got ${describe(v)}`);
}

function readTaskType(v: string | null): TaskType {
  // Return the constants, not the parsed string: a million records then share two strings.
  if (v === null || v === 'multiple_choice') return 'multiple_choice';
  if (v === 'generation') return 'generation';
  throw new RecordError(`field "task_type" must be "multiple_choice" or "generation", got ${describe(v)}`);
}

/**
 * FIELDS_TAKING_SCALARS.has(key), written out: the extras loop asks it of every number in every
 * record, and a switch on the names is a third faster than the Set (a test checks the two agree).
 */
function isOwnScalarField(key: string): boolean {
  switch (key) {
    case 'query_id':
    case 'correct':
    case 'logprob':
    case 'confidence':
    case 'cost_usd':
    case 'input_tokens':
    case 'output_tokens':
    case 'reasoning_tokens':
    case 'cache_read_tokens':
    case 'cache_write_tokens':
    case 'epoch':
    case 'latency_s':
    case 'reasoning':
    case 'reference':
    case 'answer':
      return true;
    default:
      return false;
  }
}

/** Longest text value kept as a label: longer text describes a query rather than naming a category. */
export const MAX_LABEL_LENGTH = 100;

/**
 * Further per-query metrics ("anything else: kept and shown"; thesis eq. 3.11 prices them): numbers
 * within ±RECORD_LIMITS.extra and booleans under other keys; and labels: non-empty strings of at most
 * MAX_LABEL_LENGTH characters under other keys (categories such as `subject` to slice by). Either is
 * null when there are none. Objects, arrays and long strings are left out (they describe rather than
 * measure or name, and a million of them would cost memory). Keys are data: `__proto__` or
 * `constructor` are stored as ordinary own keys.
 */
function extraFields(
  o: Record<string, unknown>,
  intern: (s: string) => string,
): { extra: Record<string, number | boolean> | null; labels: Record<string, string> | null } {
  let extra: Record<string, number | boolean> | null = null;
  let labels: Record<string, string> | null = null;
  for (const key in o) {
    const v = o[key];
    if ((typeof v === 'number' && Math.abs(v) <= RECORD_LIMITS.extra) || typeof v === 'boolean') {
      if (isOwnScalarField(key)) continue;
      setOwn((extra ??= {}), intern(key), Object.is(v, -0) ? 0 : v);
    } else if (typeof v === 'string' && v !== '' && v.length <= MAX_LABEL_LENGTH && !FIELDS_TAKING_TEXT.has(key)) {
      setOwn((labels ??= {}), intern(key), intern(v));
    }
  }
  return { extra, labels };
}

/** Validates one parsed line of the native format (or an adapter's mapped sample) into a record. */
export function toEvalRecord(raw: unknown, ctx: RecordContext): EvalRecord {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new RecordError(`expected a JSON object, got ${describe(raw)}`);
  const o = raw as Record<string, unknown>;
  const queryId = readQueryId(o.query_id);
  const model = optString(o.model, 'model');
  if (!model) throw new RecordError('missing required field "model"');
  const score = readScore(o.correct);

  const logprob = optNumber(o.logprob, 'logprob', -Infinity, 0);
  let confidence = optNumber(o.confidence, 'confidence', 0, 1);
  if (confidence === null && logprob !== null) confidence = Math.exp(logprob);

  const { costUsd: maxCost, latencyS: maxLatency } = RECORD_LIMITS;
  const inputTokens = optTokens(o.input_tokens, 'input_tokens', Infinity);
  const outputTokens = optTokens(o.output_tokens, 'output_tokens', Infinity);
  const reasoningTokens = optTokens(o.reasoning_tokens, 'reasoning_tokens', outputTokens ?? Infinity);
  const cacheReadTokens = optTokens(o.cache_read_tokens, 'cache_read_tokens', inputTokens ?? Infinity);
  const cacheWriteTokens = optTokens(
    o.cache_write_tokens,
    'cache_write_tokens',
    inputTokens === null ? Infinity : inputTokens - (cacheReadTokens ?? 0),
  );
  let costUsd = optNumber(o.cost_usd, 'cost_usd', 0, Infinity, false, maxCost, ' $ per call');
  let costSource: CostSource = costUsd === null ? 'none' : 'log';
  if (costUsd === null && (inputTokens !== null || outputTokens !== null)) {
    const p = ctx.priceOf(model);
    if (p) {
      costUsd = priceTokens(p.price, { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens });
      costSource = p.source;
      if (!(costUsd <= maxCost))
        throw new RecordError(
          `the tokens priced at ${p.source === 'prices' ? 'your' : 'the database'} price for "${p.matched}" cost ${costUsd} $, above the plausible maximum of ${maxCost} $ per call (see docs/eval-logs.md, "Limits")`,
        );
    }
  }
  const reasoning = o.reasoning;
  if (reasoning !== undefined && reasoning !== null && typeof reasoning !== 'boolean')
    throw new RecordError(`field "reasoning" must be a boolean, got ${describe(reasoning)}`);
  const split = optString(o.split, 'split');
  const task = optString(o.task, 'task');
  const signal = optString(o.signal, 'signal');
  const question = optString(o.question, 'question');
  const { extra, labels } = extraFields(o, ctx.intern);

  const record: EvalRecord = {
    queryId,
    model: ctx.intern(model),
    score,
    correct: score >= ctx.correctThreshold,
    logprob,
    confidence,
    costUsd,
    inputTokens,
    outputTokens,
    reasoningTokens,
    cacheReadTokens,
    cacheWriteTokens,
    costSource,
    epochs: 1,
    latencyS: optNumber(o.latency_s, 'latency_s', 0, Infinity, false, maxLatency, ' s'),
    split: split === null ? '' : ctx.intern(split),
    task: task === null ? '' : ctx.intern(task),
    taskType: readTaskType(optString(o.task_type, 'task_type')),
    signal: signal === null ? '' : ctx.intern(signal),
    reasoning: (reasoning as boolean | undefined) ?? null,
    question: question === null ? '' : ctx.intern(question),
    file: ctx.file,
    line: ctx.line,
  };
  if (extra) record.extra = extra;
  if (labels) record.labels = labels;
  const { reference, answer } = recordTexts(o);
  if (reference !== null) record.reference = ctx.intern(reference);
  if (answer !== null) record.answer = answer;
  return record;
}

/**
 * A string interner backed by a Map; strings seen once are stored once. The few most recent distinct
 * values (model names, splits, tasks) are checked first by plain comparison, which is cheaper than
 * hashing when the same handful of strings repeat on every line.
 */
export function makeInterner(): (s: string) => string {
  const seen = new Map<string, string>();
  const recent: string[] = [];
  let next = 0;
  return (s) => {
    for (let i = 0; i < recent.length; i++) if (recent[i] === s) return recent[i];
    let hit = seen.get(s);
    if (hit === undefined) {
      seen.set(s, s);
      hit = s;
    }
    if (s.length <= 64) {
      if (recent.length < 8) recent.push(hit);
      else recent[next++ & 7] = hit;
    }
    return hit;
  };
}
