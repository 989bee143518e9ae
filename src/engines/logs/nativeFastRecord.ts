import { RECORD_LIMITS } from './recordLimits';
import type { EvalRecord } from './types';

/**
 * The record of a common native line, read from its parsed object without toEvalRecord's general
 * machinery (issue 18: that was a quarter of the reading time). Common means: only the format's own
 * keys, every value valid, no price lookup needed (the cost is in the line, or there are no
 * tokens). Then `out` (all fields but `file` and `line`) is set to exactly what toEvalRecord
 * would build, and the result is true. For any other object (an extra metric or label, `epoch`, a
 * numeric query_id, a value out of range or of the wrong type, tokens to price...) it returns false
 * and leaves the line to toEvalRecord, so every message and every unusual record comes from one place.
 * `out` is the caller's scratch record and is filled as the keys are read (stores into it cost no
 * more than locals did, and a split that kept the fields in an object of their own was 45% slower):
 * after false it holds part of the line and means nothing.
 */
export function fastNativeRecord(raw: unknown, out: EvalRecord, correctThreshold: number): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const o = raw as Record<string, unknown>;
  clearRecord(out);
  for (const key in o) {
    const v = o[key];
    if (v === null) {
      // null is "absent" for every field but the two required ones.
      if (key === 'query_id' || key === 'model' || key === 'correct' || !isOwnKey(key)) return false;
      continue;
    }
    switch (key) {
      case 'query_id':
        if (typeof v !== 'string' || v === '') return false;
        out.queryId = v;
        break;
      case 'model':
        if (typeof v !== 'string' || v === '') return false;
        out.model = v;
        break;
      case 'correct':
        if (typeof v === 'boolean') out.score = v ? 1 : 0;
        else if (typeof v === 'number' && v >= 0 && v <= 1) out.score = v === 0 ? 0 : v;
        else return false;
        break;
      case 'logprob':
        if (typeof v !== 'number' || !(v <= 0)) return false;
        out.logprob = v === 0 ? 0 : v;
        break;
      case 'confidence':
        if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return false;
        out.confidence = v === 0 ? 0 : v;
        break;
      case 'cost_usd':
        if (typeof v !== 'number' || !(v >= 0 && v <= RECORD_LIMITS.costUsd)) return false;
        out.costUsd = v === 0 ? 0 : v;
        break;
      case 'latency_s':
        if (typeof v !== 'number' || !(v >= 0 && v <= RECORD_LIMITS.latencyS)) return false;
        out.latencyS = v === 0 ? 0 : v;
        break;
      case 'input_tokens':
      case 'output_tokens':
      case 'reasoning_tokens':
      case 'cache_read_tokens':
      case 'cache_write_tokens':
        if (!isTokenCount(v)) return false;
        setTokens(out, key, v === 0 ? 0 : v);
        break;
      case 'reasoning':
        if (typeof v !== 'boolean') return false;
        out.reasoning = v;
        break;
      case 'task_type':
        if (v === 'generation') out.taskType = 'generation';
        else if (v !== 'multiple_choice') return false;
        break;
      case 'split':
      case 'task':
      case 'signal':
      case 'question':
        if (typeof v !== 'string') return false;
        setText(out, key, v);
        break;
      default:
        return false;
    }
  }
  // '' and -1 are what clearRecord left: the required fields are missing.
  if (out.queryId === '' || out.model === '' || out.score < 0 || !isCommonRecord(out)) return false;
  out.correct = out.score >= correctThreshold;
  if (out.confidence === null && out.logprob !== null) out.confidence = Math.exp(out.logprob);
  out.costSource = out.costUsd === null ? 'none' : 'log';
  return true;
}

/** Stores a token count (valid, -0 made 0) in the field of its key, one of the five token keys. */
function setTokens(out: EvalRecord, key: string, n: number): void {
  if (key === 'input_tokens') out.inputTokens = n;
  else if (key === 'output_tokens') out.outputTokens = n;
  else if (key === 'reasoning_tokens') out.reasoningTokens = n;
  else if (key === 'cache_read_tokens') out.cacheReadTokens = n;
  else out.cacheWriteTokens = n;
}

/** Stores a text field (split, task, signal or question) in the field of the same name. */
function setText(out: EvalRecord, key: string, v: string): void {
  if (key === 'split') out.split = v;
  else if (key === 'task') out.task = v;
  else if (key === 'signal') out.signal = v;
  else out.question = v;
}

/**
 * Whether the fields read make a record this path can finish: the bounds that depend on other
 * fields met, and no tokens to price (tokens without a cost are priced from a table: toEvalRecord
 * does that).
 */
function isCommonRecord(out: EvalRecord): boolean {
  const { inputTokens, outputTokens, reasoningTokens, cacheReadTokens, cacheWriteTokens } = out;
  if (reasoningTokens !== null && outputTokens !== null && reasoningTokens > outputTokens) return false;
  if (cacheReadTokens !== null && inputTokens !== null && cacheReadTokens > inputTokens) return false;
  if (cacheWriteTokens !== null && inputTokens !== null && cacheWriteTokens > inputTokens - (cacheReadTokens ?? 0))
    return false;
  return !(out.costUsd === null && (inputTokens !== null || outputTokens !== null));
}

/**
 * Sets every field fastNativeRecord reads to "absent" (null, '' or the defaults toEvalRecord
 * gives), and the required ones to values no valid line has ('' for the ids, -1 for the score).
 */
function clearRecord(out: EvalRecord): void {
  out.queryId = '';
  out.model = '';
  out.score = -1;
  out.logprob = null;
  out.confidence = null;
  out.costUsd = null;
  out.inputTokens = null;
  out.outputTokens = null;
  out.reasoningTokens = null;
  out.cacheReadTokens = null;
  out.cacheWriteTokens = null;
  out.epochs = 1;
  out.latencyS = null;
  out.reasoning = null;
  out.split = '';
  out.task = '';
  out.taskType = 'multiple_choice';
  out.signal = '';
  out.question = '';
}

/** An integer token count within the plausible maximum. */
function isTokenCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= RECORD_LIMITS.tokens;
}

/** The keys this fast path reads (a null under any other key is left to the general path). */
function isOwnKey(key: string): boolean {
  switch (key) {
    case 'logprob':
    case 'confidence':
    case 'cost_usd':
    case 'latency_s':
    case 'input_tokens':
    case 'output_tokens':
    case 'reasoning_tokens':
    case 'cache_read_tokens':
    case 'cache_write_tokens':
    case 'reasoning':
    case 'task_type':
    case 'split':
    case 'task':
    case 'signal':
    case 'question':
      return true;
    default:
      return false;
  }
}
