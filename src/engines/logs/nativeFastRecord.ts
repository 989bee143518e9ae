import { RECORD_LIMITS } from './toEvalRecord';
import type { EvalRecord } from './types';

/**
 * The record of a common native line, read from its parsed object without toEvalRecord's general
 * machinery (issue 18: that was a quarter of the reading time). Common means: only the format's own
 * keys, every value valid, no price lookup needed (the cost is in the line, or there are no
 * tokens). Then `out` (all fields but `file` and `line`) is set to exactly what toEvalRecord
 * would build, and the result is true. For any other object (an extra metric or label, `epoch`, a
 * numeric query_id, a value out of range or of the wrong type, tokens to price...) it returns false
 * and leaves the line to toEvalRecord, so every message and every unusual record comes from one place.
 */
export function fastNativeRecord(raw: unknown, out: EvalRecord, correctThreshold: number): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const o = raw as Record<string, unknown>;
  let queryId: string | null = null;
  let model: string | null = null;
  let score = -1;
  let logprob: number | null = null;
  let confidence: number | null = null;
  let costUsd: number | null = null;
  let inputTokens: number | null = null;
  let outputTokens: number | null = null;
  let reasoningTokens: number | null = null;
  let cacheReadTokens: number | null = null;
  let cacheWriteTokens: number | null = null;
  let latencyS: number | null = null;
  let reasoning: boolean | null = null;
  let split = '';
  let task = '';
  let taskType: EvalRecord['taskType'] = 'multiple_choice';
  let signal = '';
  let question = '';
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
        queryId = v;
        break;
      case 'model':
        if (typeof v !== 'string' || v === '') return false;
        model = v;
        break;
      case 'correct':
        if (typeof v === 'boolean') score = v ? 1 : 0;
        else if (typeof v === 'number' && v >= 0 && v <= 1) score = v === 0 ? 0 : v;
        else return false;
        break;
      case 'logprob':
        if (typeof v !== 'number' || !(v <= 0)) return false;
        logprob = v === 0 ? 0 : v;
        break;
      case 'confidence':
        if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return false;
        confidence = v === 0 ? 0 : v;
        break;
      case 'cost_usd':
        if (typeof v !== 'number' || !(v >= 0 && v <= RECORD_LIMITS.costUsd)) return false;
        costUsd = v === 0 ? 0 : v;
        break;
      case 'latency_s':
        if (typeof v !== 'number' || !(v >= 0 && v <= RECORD_LIMITS.latencyS)) return false;
        latencyS = v === 0 ? 0 : v;
        break;
      case 'input_tokens':
        if (!isTokenCount(v)) return false;
        inputTokens = v === 0 ? 0 : v;
        break;
      case 'output_tokens':
        if (!isTokenCount(v)) return false;
        outputTokens = v === 0 ? 0 : v;
        break;
      case 'reasoning_tokens':
        if (!isTokenCount(v)) return false;
        reasoningTokens = v === 0 ? 0 : v;
        break;
      case 'cache_read_tokens':
        if (!isTokenCount(v)) return false;
        cacheReadTokens = v === 0 ? 0 : v;
        break;
      case 'cache_write_tokens':
        if (!isTokenCount(v)) return false;
        cacheWriteTokens = v === 0 ? 0 : v;
        break;
      case 'reasoning':
        if (typeof v !== 'boolean') return false;
        reasoning = v;
        break;
      case 'task_type':
        if (v === 'generation') taskType = 'generation';
        else if (v !== 'multiple_choice') return false;
        break;
      case 'split':
        if (typeof v !== 'string') return false;
        split = v;
        break;
      case 'task':
        if (typeof v !== 'string') return false;
        task = v;
        break;
      case 'signal':
        if (typeof v !== 'string') return false;
        signal = v;
        break;
      case 'question':
        if (typeof v !== 'string') return false;
        question = v;
        break;
      default:
        return false;
    }
  }
  if (queryId === null || model === null || score < 0) return false;
  // The bounds that depend on other fields.
  if (reasoningTokens !== null && outputTokens !== null && reasoningTokens > outputTokens) return false;
  if (cacheReadTokens !== null && inputTokens !== null && cacheReadTokens > inputTokens) return false;
  if (cacheWriteTokens !== null && inputTokens !== null && cacheWriteTokens > inputTokens - (cacheReadTokens ?? 0))
    return false;
  // Tokens without a cost are priced from a table: toEvalRecord does that.
  if (costUsd === null && (inputTokens !== null || outputTokens !== null)) return false;
  out.queryId = queryId;
  out.model = model;
  out.score = score;
  out.correct = score >= correctThreshold;
  out.logprob = logprob;
  out.confidence = confidence === null && logprob !== null ? Math.exp(logprob) : confidence;
  out.costUsd = costUsd;
  out.inputTokens = inputTokens;
  out.outputTokens = outputTokens;
  out.reasoningTokens = reasoningTokens;
  out.cacheReadTokens = cacheReadTokens;
  out.cacheWriteTokens = cacheWriteTokens;
  out.costSource = costUsd === null ? 'none' : 'log';
  out.epochs = 1;
  out.latencyS = latencyS;
  out.split = split;
  out.task = task;
  out.taskType = taskType;
  out.signal = signal;
  out.reasoning = reasoning;
  out.question = question;
  return true;
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
