import { RECORD_LIMITS } from './toEvalRecord';
import type { EvalRecord } from './types';

/** Raw control characters: JSON.parse refuses them inside strings, so a line with any takes the general path. */
const CONTROL = /[\u0000-\u001f]/;

/** Keys the scanner reads; any other key (an extra metric, a label, `epoch`) sends the line to the general path. */
const enum Key {
  QueryId,
  Model,
  Correct,
  Logprob,
  Confidence,
  CostUsd,
  InputTokens,
  OutputTokens,
  ReasoningTokens,
  CacheReadTokens,
  CacheWriteTokens,
  LatencyS,
  Reasoning,
  Split,
  Task,
  TaskType,
  Signal,
  Question,
}

function keyOf(name: string): Key | -1 {
  switch (name) {
    case 'query_id':
      return Key.QueryId;
    case 'model':
      return Key.Model;
    case 'correct':
      return Key.Correct;
    case 'logprob':
      return Key.Logprob;
    case 'confidence':
      return Key.Confidence;
    case 'cost_usd':
      return Key.CostUsd;
    case 'input_tokens':
      return Key.InputTokens;
    case 'output_tokens':
      return Key.OutputTokens;
    case 'reasoning_tokens':
      return Key.ReasoningTokens;
    case 'cache_read_tokens':
      return Key.CacheReadTokens;
    case 'cache_write_tokens':
      return Key.CacheWriteTokens;
    case 'latency_s':
      return Key.LatencyS;
    case 'reasoning':
      return Key.Reasoning;
    case 'split':
      return Key.Split;
    case 'task':
      return Key.Task;
    case 'task_type':
      return Key.TaskType;
    case 'signal':
      return Key.Signal;
    case 'question':
      return Key.Question;
    default:
      return -1;
  }
}

/** The kinds of value the scanner reads; objects, arrays and Python's NaN/Infinity are left to JSON.parse. */
const NULL = 0;
const NUMBER = 1;
const STRING = 2;
const BOOLEAN = 3;

/**
 * A one-pass reader of the flat JSON objects that native logs are made of, for the common line:
 * only the format's own keys, each once, with strings, finite numbers, booleans or null as
 * values, every value valid and no price lookup needed (the cost is in the line, or there are no
 * tokens). Such a line becomes the record toEvalRecord would build, without JSON.parse's object or
 * the strings it would copy. Any other line (one JSON.parse would refuse, an unknown key, a value
 * out of range, a priced token count...) is refused, and the caller reads it the general way, so
 * every message and every unusual record comes from the one general path.
 */
export class NativeLineScanner {
  private text = '';
  private pos = 0;
  private kind = NULL;
  private num = 0;
  private str = '';
  private bool = false;
  /** Position of a backslash at or after the string being read (-1: none left in the line). */
  private backslash = -1;

  constructor(private readonly correctThreshold: number) {}

  /**
   * Fills every field of `out` (but `file` and `line`) from `text`; false when the line needs the
   * general path (then `out` holds nothing of use).
   */
  scan(text: string, out: EvalRecord): boolean {
    if (CONTROL.test(text)) return false;
    this.text = text;
    this.pos = 0;
    this.backslash = text.indexOf('\\');
    let seen = 0;
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
    this.space();
    if (text.charCodeAt(this.pos) !== 123 /* { */) return false;
    this.pos++;
    this.space();
    if (text.charCodeAt(this.pos) === 125 /* } */) return false;
    for (;;) {
      if (text.charCodeAt(this.pos) !== 34 /* " */) return false;
      const start = this.pos + 1;
      const end = text.indexOf('"', start);
      if (end < 0) return false;
      const name = text.slice(start, end);
      if (name.indexOf('\\') >= 0) return false;
      const key = keyOf(name);
      if (key === -1 || (seen & (1 << key)) !== 0) return false;
      seen |= 1 << key;
      this.pos = end + 1;
      this.space();
      if (text.charCodeAt(this.pos) !== 58 /* : */) return false;
      this.pos++;
      this.space();
      if (!this.value()) return false;
      const kind = this.kind;
      if (kind !== NULL) {
        const v = this.num;
        switch (key) {
          case Key.QueryId:
            if (kind !== STRING || this.str === '') return false;
            queryId = this.str;
            break;
          case Key.Model:
            if (kind !== STRING || this.str === '') return false;
            model = this.str;
            break;
          case Key.Correct:
            if (kind === BOOLEAN) score = this.bool ? 1 : 0;
            else if (kind === NUMBER && v >= 0 && v <= 1) score = v === 0 ? 0 : v;
            else return false;
            break;
          case Key.Logprob:
            if (kind !== NUMBER || !(v <= 0)) return false;
            logprob = v === 0 ? 0 : v;
            break;
          case Key.Confidence:
            if (kind !== NUMBER || !(v >= 0 && v <= 1)) return false;
            confidence = v === 0 ? 0 : v;
            break;
          case Key.CostUsd:
            if (kind !== NUMBER || !(v >= 0 && v <= RECORD_LIMITS.costUsd)) return false;
            costUsd = v === 0 ? 0 : v;
            break;
          case Key.LatencyS:
            if (kind !== NUMBER || !(v >= 0 && v <= RECORD_LIMITS.latencyS)) return false;
            latencyS = v === 0 ? 0 : v;
            break;
          case Key.InputTokens:
          case Key.OutputTokens:
          case Key.ReasoningTokens:
          case Key.CacheReadTokens:
          case Key.CacheWriteTokens:
            if (kind !== NUMBER || !Number.isInteger(v) || !(v >= 0 && v <= RECORD_LIMITS.tokens)) return false;
            if (key === Key.InputTokens) inputTokens = v === 0 ? 0 : v;
            else if (key === Key.OutputTokens) outputTokens = v === 0 ? 0 : v;
            else if (key === Key.ReasoningTokens) reasoningTokens = v === 0 ? 0 : v;
            else if (key === Key.CacheReadTokens) cacheReadTokens = v === 0 ? 0 : v;
            else cacheWriteTokens = v === 0 ? 0 : v;
            break;
          case Key.Reasoning:
            if (kind !== BOOLEAN) return false;
            reasoning = this.bool;
            break;
          case Key.TaskType:
            if (kind !== STRING) return false;
            if (this.str === 'generation') taskType = 'generation';
            else if (this.str !== 'multiple_choice') return false;
            break;
          default:
            if (kind !== STRING) return false;
            if (key === Key.Split) split = this.str;
            else if (key === Key.Task) task = this.str;
            else if (key === Key.Signal) signal = this.str;
            else question = this.str;
        }
      }
      this.space();
      const c = text.charCodeAt(this.pos++);
      if (c === 125 /* } */) break;
      if (c !== 44 /* , */) return false;
      this.space();
    }
    this.space();
    if (this.pos !== text.length) return false;
    if (queryId === null || model === null || score < 0) return false;
    // The bounds that depend on other fields (toEvalRecord's order of checks does not matter here: any failure goes to the general path).
    if (reasoningTokens !== null && outputTokens !== null && reasoningTokens > outputTokens) return false;
    if (cacheReadTokens !== null && inputTokens !== null && cacheReadTokens > inputTokens) return false;
    if (cacheWriteTokens !== null && inputTokens !== null && cacheWriteTokens > inputTokens - (cacheReadTokens ?? 0))
      return false;
    // Tokens without a cost are priced from a table: the general path does that.
    if (costUsd === null && (inputTokens !== null || outputTokens !== null)) return false;
    out.queryId = queryId;
    out.model = model;
    out.score = score;
    out.correct = score >= this.correctThreshold;
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

  /** Skips JSON whitespace (only spaces can be left: the line has no control character). */
  private space(): void {
    while (this.text.charCodeAt(this.pos) === 32) this.pos++;
  }

  /** Reads one scalar value at pos into kind/num/str/bool; false when it is not one this scanner reads. */
  private value(): boolean {
    const text = this.text;
    const p = this.pos;
    const c = text.charCodeAt(p);
    if (c === 34 /* " */) return this.string(p);
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) return this.number(p);
    if (text.startsWith('true', p)) {
      this.kind = BOOLEAN;
      this.bool = true;
      this.pos = p + 4;
      return true;
    }
    if (text.startsWith('false', p)) {
      this.kind = BOOLEAN;
      this.bool = false;
      this.pos = p + 5;
      return true;
    }
    if (text.startsWith('null', p)) {
      this.kind = NULL;
      this.pos = p + 4;
      return true;
    }
    return false;
  }

  /** A string literal starting at the quote at p; escapes are decoded by JSON.parse of the literal alone. */
  private string(p: number): boolean {
    const text = this.text;
    if (this.backslash >= 0 && this.backslash <= p) this.backslash = text.indexOf('\\', p + 1);
    let end = text.indexOf('"', p + 1);
    if (end < 0) return false;
    const escaped = this.backslash >= 0 && this.backslash < end;
    if (escaped) {
      // A quote preceded by an odd number of backslashes is part of the string.
      for (;;) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 92 /* \ */) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
        if (end < 0) return false;
      }
      try {
        this.str = JSON.parse(text.slice(p, end + 1)) as string;
      } catch {
        return false;
      }
    } else this.str = text.slice(p + 1, end);
    this.kind = STRING;
    this.pos = end + 1;
    return true;
  }

  /** A JSON number literal starting at p (strict grammar: no leading zeros, digits after a point or an exponent). */
  private number(p: number): boolean {
    const text = this.text;
    let i = p;
    if (text.charCodeAt(i) === 45 /* - */) i++;
    let c = text.charCodeAt(i);
    if (c === 48 /* 0 */) i++;
    else if (c >= 49 && c <= 57) while (isDigit(text.charCodeAt(++i)));
    else return false;
    if (text.charCodeAt(i) === 46 /* . */) {
      if (!isDigit(text.charCodeAt(++i))) return false;
      while (isDigit(text.charCodeAt(++i)));
    }
    c = text.charCodeAt(i);
    if (c === 101 /* e */ || c === 69 /* E */) {
      c = text.charCodeAt(++i);
      if (c === 43 /* + */ || c === 45 /* - */) i++;
      if (!isDigit(text.charCodeAt(i))) return false;
      while (isDigit(text.charCodeAt(++i)));
    }
    this.num = Number(text.slice(p, i));
    this.kind = NUMBER;
    this.pos = i;
    return true;
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
