import { NamePool } from './namePool';
import { fastNativeRecord } from './nativeFastRecord';
import { parsePythonJson } from './pythonJson';
import type { EvalRecord } from './types';
import type { LineBatch } from './lineBatch';
import { countOrMinusOne, nanToNull, negativeToNull, numberOrNaN } from './missingValues';

/**
 * Native JSON Lines parsed on a second thread (issue 18): the parser thread reads and parses the
 * lines and sends each batch in this form, typed arrays and a few string lists, which cost little to
 * post; the reading thread keeps the records in order. A line is one of four kinds:
 */
export const LINE_BLANK = 0;
/** A common record (fastNativeRecord accepted it): its fields are in the columns below. */
export const LINE_RECORD = 1;
/** Any other line: its text, for the reading thread to handle as it would without the parser thread. */
export const LINE_TEXT = 2;
/** A line that could not be decoded: the reason. */
export const LINE_INVALID = 3;

/** Lines longer than this go to the reading thread as text (it checks their nesting before parsing). */
export const PARSE_LINES_UP_TO = 64 * 1024;

/** Numbers per record in `numbers`: score, logprob, confidence, cost, latency (NaN: absent). */
const NUMBERS = 5;
/** Token counts per record in `tokens`: input, output, reasoning, cache read, cache write (-1: absent). */
const TOKENS = 5;
/** Names per record in `names`: model, split, task, signal (indices into `nameList`). */
const NAMES = 4;

/** One batch of consecutive lines, parsed. */
export interface ParsedLines {
  firstLine: number;
  /** Per line: LINE_BLANK, LINE_RECORD, LINE_TEXT or LINE_INVALID. */
  kinds: Uint8Array;
  /** Per record (LINE_RECORD line, in order): NUMBERS values. */
  numbers: Float64Array;
  /** Per record: TOKENS values. */
  tokens: Int32Array;
  /** Per record: task type (bit 0: generation) and reasoning (bits 1-2: 0 absent, 1 false, 2 true). */
  flags: Uint8Array;
  /** Per record: NAMES indices into nameList. */
  names: Uint32Array;
  nameList: string[];
  /** Per record: index into queryIdList (a query's records usually follow one another: its id is listed once for the run). */
  queryOf: Int32Array;
  queryIdList: string[];
  /** Per record: index into questionList (-1 when the questions are not kept). */
  questionOf: Int32Array;
  questionList: string[];
  /** The texts of the LINE_TEXT lines and the reasons of the LINE_INVALID lines, in order. */
  texts: string[];
  /** How far through the file the batch ends, in [0, 1]. */
  progress: number;
}

/** The typed arrays of a batch, to transfer rather than copy when it is posted. */
export function parsedLinesBuffers(p: ParsedLines): ArrayBuffer[] {
  return [p.kinds, p.numbers, p.tokens, p.flags, p.names, p.queryOf, p.questionOf].map((a) => a.buffer as ArrayBuffer);
}

/** Appends `s` to `list` unless it is already the last entry (runs of equal texts are listed once); returns its index. */
function listOnce(list: string[], s: string): number {
  if (list.length === 0 || list[list.length - 1] !== s) list.push(s);
  return list.length - 1;
}

/** Builds one ParsedLines batch, line by line (the parser thread's side). */
class ParsedLinesWriter {
  private readonly kinds: Uint8Array;
  private readonly numbers: Float64Array;
  private readonly tokens: Int32Array;
  private readonly flags: Uint8Array;
  private readonly names: Uint32Array;
  private readonly queryOf: Int32Array;
  private readonly questionOf: Int32Array;
  /** Model, split, task and signal names (its columns 0 to 3). */
  private readonly namePool = new NamePool(NAMES);
  private readonly queryIdList: string[] = [];
  private readonly questionList: string[] = [];
  private readonly texts: string[] = [];
  private records = 0;

  constructor(
    private readonly firstLine: number,
    lines: number,
    private readonly keepQuestions: boolean,
  ) {
    this.kinds = new Uint8Array(lines);
    this.numbers = new Float64Array(lines * NUMBERS);
    this.tokens = new Int32Array(lines * TOKENS);
    this.flags = new Uint8Array(lines);
    this.names = new Uint32Array(lines * NAMES);
    this.queryOf = new Int32Array(lines);
    this.questionOf = new Int32Array(lines);
  }

  text(i: number, kind: typeof LINE_TEXT | typeof LINE_INVALID, text: string): void {
    this.kinds[i] = kind;
    this.texts.push(text);
  }

  record(i: number, rec: EvalRecord): void {
    this.kinds[i] = LINE_RECORD;
    const r = this.records++;
    const n = this.numbers;
    n[r * NUMBERS] = rec.score;
    n[r * NUMBERS + 1] = numberOrNaN(rec.logprob);
    n[r * NUMBERS + 2] = numberOrNaN(rec.confidence);
    n[r * NUMBERS + 3] = numberOrNaN(rec.costUsd);
    n[r * NUMBERS + 4] = numberOrNaN(rec.latencyS);
    const t = this.tokens;
    t[r * TOKENS] = countOrMinusOne(rec.inputTokens);
    t[r * TOKENS + 1] = countOrMinusOne(rec.outputTokens);
    t[r * TOKENS + 2] = countOrMinusOne(rec.reasoningTokens);
    t[r * TOKENS + 3] = countOrMinusOne(rec.cacheReadTokens);
    t[r * TOKENS + 4] = countOrMinusOne(rec.cacheWriteTokens);
    this.flags[r] =
      (rec.taskType === 'generation' ? 1 : 0) | ((rec.reasoning === null ? 0 : rec.reasoning ? 2 : 1) << 1);
    const names = this.names;
    names[r * NAMES] = this.namePool.internColumn(0, rec.model);
    names[r * NAMES + 1] = this.namePool.internColumn(1, rec.split);
    names[r * NAMES + 2] = this.namePool.internColumn(2, rec.task);
    names[r * NAMES + 3] = this.namePool.internColumn(3, rec.signal);
    this.queryOf[r] = listOnce(this.queryIdList, rec.queryId);
    this.questionOf[r] = this.keepQuestions ? listOnce(this.questionList, rec.question) : -1;
  }

  /** The batch (its arrays sized for every line being a record: the few other lines leave a little unused). */
  finish(progress: number): ParsedLines {
    return {
      firstLine: this.firstLine,
      kinds: this.kinds,
      numbers: this.numbers,
      tokens: this.tokens,
      flags: this.flags,
      names: this.names,
      nameList: this.namePool.names,
      queryOf: this.queryOf,
      queryIdList: this.queryIdList,
      questionOf: this.questionOf,
      questionList: this.questionList,
      texts: this.texts,
      progress,
    };
  }
}

/** What the parser thread is told. */
export interface ParseLinesOptions {
  correctThreshold: number;
  /** Keep the question texts (ReadOptions.questions). */
  questions: boolean;
}

/** Blank or whitespace-only, without allocating a trimmed copy of a long line. */
export function isBlankLine(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 123 /* { */) return false;
  return text.trim() === '';
}

/**
 * Parses runs of consecutive lines on the parser thread into one batch: each common record into the
 * columns, any other line (not valid JSON, a record fastNativeRecord leaves to the general path, a
 * long line) as its text, so the reading thread handles it exactly as it would have without this thread.
 */
export function parseLines(runs: LineBatch[], opts: ParseLinesOptions, progress: number): ParsedLines {
  let total = 0;
  for (const run of runs) total += run.lines.length;
  const out = new ParsedLinesWriter(runs.length > 0 ? runs[0].firstLine : 1, total, opts.questions);
  const scratch = {} as EvalRecord;
  let i = 0;
  for (const { lines, invalid } of runs) {
    for (let j = 0; j < lines.length; j++, i++) {
      const text = lines[j];
      const error = invalid?.get(j);
      if (error !== undefined) out.text(i, LINE_INVALID, error);
      else if (isBlankLine(text)) continue;
      else if (text.length <= PARSE_LINES_UP_TO && parsesAsRecord(text, scratch, opts.correctThreshold))
        out.record(i, scratch);
      else out.text(i, LINE_TEXT, text);
    }
  }
  return out.finish(progress);
}

function parsesAsRecord(text: string, scratch: EvalRecord, correctThreshold: number): boolean {
  let raw: unknown;
  try {
    raw = parsePythonJson(text);
  } catch {
    return false;
  }
  return fastNativeRecord(raw, scratch, correctThreshold);
}

/**
 * Reads the records of a ParsedLines batch back (the reading thread's side): `fill(r, out)` sets
 * every field of `out` that fastNativeRecord sets to what it had set for record r.
 */
export class ParsedLinesReader {
  constructor(
    private readonly batch: ParsedLines,
    private readonly correctThreshold: number,
  ) {}

  fill(r: number, out: EvalRecord): void {
    const { numbers: n, tokens: t, names, nameList, flags } = this.batch;
    const score = n[r * NUMBERS];
    out.queryId = this.batch.queryIdList[this.batch.queryOf[r]];
    out.model = nameList[names[r * NAMES]];
    out.split = nameList[names[r * NAMES + 1]];
    out.task = nameList[names[r * NAMES + 2]];
    out.signal = nameList[names[r * NAMES + 3]];
    out.score = score;
    out.correct = score >= this.correctThreshold;
    out.logprob = nanToNull(n[r * NUMBERS + 1]);
    out.confidence = nanToNull(n[r * NUMBERS + 2]);
    out.costUsd = nanToNull(n[r * NUMBERS + 3]);
    out.latencyS = nanToNull(n[r * NUMBERS + 4]);
    out.inputTokens = negativeToNull(t[r * TOKENS]);
    out.outputTokens = negativeToNull(t[r * TOKENS + 1]);
    out.reasoningTokens = negativeToNull(t[r * TOKENS + 2]);
    out.cacheReadTokens = negativeToNull(t[r * TOKENS + 3]);
    out.cacheWriteTokens = negativeToNull(t[r * TOKENS + 4]);
    out.costSource = out.costUsd === null ? 'none' : 'log';
    out.epochs = 1;
    const f = flags[r];
    out.taskType = (f & 1) === 1 ? 'generation' : 'multiple_choice';
    const reasoning = f >> 1;
    out.reasoning = reasoning === 0 ? null : reasoning === 2;
    const q = this.batch.questionOf[r];
    out.question = q < 0 ? '' : this.batch.questionList[q];
  }
}
