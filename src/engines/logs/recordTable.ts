import { NamePool } from './namePool';
import { countOrMinusOne, nanToNull, negativeToNull, numberOrNaN } from './missingValues';
import type { RecordView } from './recordView';
import type { CostSource, EvalRecord, TaskType } from './types';

/**
 * Rows per chunk: columns grow by whole chunks, so a growing table copies at most its first chunk,
 * which starts at FIRST_CHUNK rows and doubles as it fills: a small log (most files a workspace
 * holds; the readers' property tests read thousands) takes ~65 KB instead of a whole chunk's ~4.1 MB
 * of zeroed memory, whose allocation and collection cost more than the reading (500 reads of a
 * 10-line log: 0.77–1.06 s of CPU before, 0.22–0.40 s after; 2026-12-05).
 */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
const FIRST_CHUNK = 1024;

const COST_SOURCES: readonly CostSource[] = ['log', 'prices', 'database', 'none'];
const TASK_TYPES: readonly TaskType[] = ['multiple_choice', 'generation'];

/**
 * One chunk of every column. Numbers that may be missing are NaN when missing (a validated record
 * never holds NaN); token counts (integers in [0, 10^9]) are -1 when missing; text fields are
 * indices into the table's name pool (questions: into its questions); `reasoning` is 0 (missing), 1 (false) or 2 (true).
 */
interface Chunk {
  query: Uint32Array;
  /** Name indices: 16 bits while the name pool is small, widened to 32 when it grows past that. */
  model: Uint16Array | Uint32Array;
  split: Uint16Array | Uint32Array;
  task: Uint16Array | Uint32Array;
  signal: Uint16Array | Uint32Array;
  question: Uint32Array;
  line: Uint32Array;
  score: Float64Array;
  logprob: Float64Array;
  /** Only where some row's confidence is not the one its logprob gives (exp(logprob), or null without one); NaN in the other rows. */
  confidence: Float64Array | null;
  costUsd: Float64Array;
  latencyS: Float64Array;
  inputTokens: Int32Array;
  outputTokens: Int32Array;
  /** Columns that most logs never fill: made when a row of the chunk has a value. */
  reasoningTokens: Int32Array | null;
  cacheReadTokens: Int32Array | null;
  cacheWriteTokens: Int32Array | null;
  costSource: Uint8Array;
  taskType: Uint8Array;
  reasoning: Uint8Array;
}

function newChunk(wide: boolean, rows: number): Chunk {
  const names = () => (wide ? new Uint32Array(rows) : new Uint16Array(rows));
  return {
    query: new Uint32Array(rows),
    model: names(),
    split: names(),
    task: names(),
    signal: names(),
    question: new Uint32Array(rows),
    line: new Uint32Array(rows),
    score: new Float64Array(rows),
    logprob: new Float64Array(rows),
    confidence: null,
    costUsd: new Float64Array(rows),
    latencyS: new Float64Array(rows),
    inputTokens: new Int32Array(rows),
    outputTokens: new Int32Array(rows),
    reasoningTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    costSource: new Uint8Array(rows),
    taskType: new Uint8Array(rows),
    reasoning: new Uint8Array(rows),
  };
}

/** What an unfilled row holds in a column made on first use (see confidenceColumn, tokenColumn). */
const LATE_FILL: Partial<Record<keyof Chunk, number>> = {
  confidence: Number.NaN,
  reasoningTokens: -1,
  cacheReadTokens: -1,
  cacheWriteTokens: -1,
};

type Column = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** Doubles the rows of a chunk that started small (the first one), keeping what it holds. */
function growChunk(c: Chunk): void {
  const rows = c.query.length;
  const grown = Math.min(CHUNK, 2 * rows);
  const columns = c as unknown as Record<keyof Chunk, Column | null>;
  for (const key of Object.keys(columns) as (keyof Chunk)[]) {
    const old = columns[key];
    if (old === null) continue;
    const wider = new (old.constructor as new (n: number) => Column)(grown);
    wider.set(old);
    const fill = LATE_FILL[key];
    if (fill !== undefined) wider.fill(fill, rows);
    columns[key] = wider;
  }
}

/** The confidence a record gets from its logprob alone (as toEvalRecord derives it). */
const fromLogprob = (logprob: number): number | null => (logprob !== logprob ? null : Math.exp(logprob));
/** A token column made on first use, as long as the chunk's others: every row missing (-1). */
const tokenColumn = (c: Chunk): Int32Array => new Int32Array(c.query.length).fill(LATE_FILL.reasoningTokens!);
/** The confidence column made on first use (for confidences other than the logprob's): every row unset (NaN). */
const confidenceColumn = (c: Chunk): Float64Array => new Float64Array(c.query.length).fill(LATE_FILL.confidence!);

/**
 * A log's records held column by column (issue 18): typed arrays per numeric field, and model,
 * split, task and signal names interned in a string pool, question text stored once per query
 * (not once per model that answered it), so a million records cost about 90 bytes each plus their
 * distinct text, and no object per record (columns that few logs fill are made only when used). Rows keep the order in which they were
 * appended. `toRecords()` gives the EvalRecord objects for code that wants them.
 */
export class RecordTable implements RecordView {
  length = 0;
  /** Distinct query ids, in order of first appearance (rows hold indices into it). */
  readonly queryIds: string[] = [];
  private readonly chunks: Chunk[] = [];
  /** Model, split, task and signal names; split, task and signal are its columns 0, 1 and 2. */
  private readonly namePool = new NamePool(3, (k) => {
    if (k > 0xffff && !this.wide) this.widen();
  });
  private readonly pool = this.namePool.names;
  private readonly questions: string[] = [];
  private wide = false;
  /** Extra numeric and true/false fields, and labels, of the few rows that have them. */
  private readonly extras = new Map<number, Record<string, number | boolean>>();
  private readonly labelSets = new Map<number, Record<string, string>>();
  /** Reference and answer texts of the rows that carry them (capped by the reader). */
  private readonly texts = new Map<number, Pick<EvalRecord, 'reference' | 'answer'>>();

  constructor(
    readonly file: string,
    readonly correctThreshold: number,
  ) {}

  /** The pool index of a model, split, task or signal name (added on first sight). */
  intern(s: string): number {
    return this.namePool.intern(s);
  }

  /** Name indices no longer fit in 16 bits: every chunk's name columns become 32-bit. */
  private widen(): void {
    this.wide = true;
    for (const c of this.chunks) {
      c.model = Uint32Array.from(c.model);
      c.split = Uint32Array.from(c.split);
      c.task = Uint32Array.from(c.task);
      c.signal = Uint32Array.from(c.signal);
    }
  }

  /**
   * Stores a question without looking for an equal one (no hashing: the caller stores each query's
   * question once); returns its index.
   */
  addQuestion(s: string): number {
    this.questions.push(s);
    return this.questions.length - 1;
  }

  /** The question stored at `k`. */
  question(k: number): string {
    return this.questions[k];
  }

  /** A new query id; returns its index. */
  addQuery(id: string): number {
    this.queryIds.push(id);
    return this.queryIds.length - 1;
  }

  /**
   * Appends `rec` (its queryId already registered as `query`, its text fields already interned as
   * `model` (a name index) and `question` (see addQuestion)); returns the row. `epochs` is taken as 1.
   */
  append(rec: EvalRecord, query: number, model: number, question: number): number {
    // Names first: interning one may widen the name columns, replacing the chunks' arrays.
    const split = this.namePool.internColumn(0, rec.split);
    const task = this.namePool.internColumn(1, rec.task);
    const signal = this.namePool.internColumn(2, rec.signal);
    const row = this.length++;
    const j = row & MASK;
    if (j === 0) this.chunks.push(newChunk(this.wide, row === 0 ? FIRST_CHUNK : CHUNK));
    const c = this.chunks[row >>> CHUNK_BITS];
    if (j === c.query.length) growChunk(c);
    c.query[j] = query;
    c.model[j] = model;
    c.question[j] = question;
    c.split[j] = split;
    c.task[j] = task;
    c.signal[j] = signal;
    c.line[j] = rec.line;
    c.score[j] = rec.score;
    c.logprob[j] = numberOrNaN(rec.logprob);
    if (rec.confidence !== fromLogprob(numberOrNaN(rec.logprob)))
      (c.confidence ??= confidenceColumn(c))[j] = numberOrNaN(rec.confidence);
    c.costUsd[j] = numberOrNaN(rec.costUsd);
    c.latencyS[j] = numberOrNaN(rec.latencyS);
    c.inputTokens[j] = countOrMinusOne(rec.inputTokens);
    c.outputTokens[j] = countOrMinusOne(rec.outputTokens);
    if (rec.reasoningTokens !== null) (c.reasoningTokens ??= tokenColumn(c))[j] = rec.reasoningTokens;
    if (rec.cacheReadTokens !== null) (c.cacheReadTokens ??= tokenColumn(c))[j] = rec.cacheReadTokens;
    if (rec.cacheWriteTokens !== null) (c.cacheWriteTokens ??= tokenColumn(c))[j] = rec.cacheWriteTokens;
    c.costSource[j] = COST_SOURCES.indexOf(rec.costSource);
    c.taskType[j] = rec.taskType === 'generation' ? 1 : 0;
    c.reasoning[j] = rec.reasoning === null ? 0 : rec.reasoning ? 2 : 1;
    if (rec.extra) this.extras.set(row, rec.extra);
    if (rec.labels) this.labelSets.set(row, rec.labels);
    if (rec.reference !== undefined || rec.answer !== undefined)
      this.texts.set(row, { reference: rec.reference, answer: rec.answer });
    return row;
  }

  private chunk(i: number): Chunk {
    return this.chunks[i >>> CHUNK_BITS];
  }

  queryIndex(i: number): number {
    return this.chunk(i).query[i & MASK];
  }
  modelIndex(i: number): number {
    return this.chunk(i).model[i & MASK];
  }
  queryId(i: number): string {
    return this.queryIds[this.chunk(i).query[i & MASK]];
  }
  model(i: number): string {
    return this.pool[this.chunk(i).model[i & MASK]];
  }
  split(i: number): string {
    return this.pool[this.chunk(i).split[i & MASK]];
  }
  task(i: number): string {
    return this.pool[this.chunk(i).task[i & MASK]];
  }
  taskType(i: number): TaskType {
    return TASK_TYPES[this.chunk(i).taskType[i & MASK]];
  }
  signal(i: number): string {
    return this.pool[this.chunk(i).signal[i & MASK]];
  }
  line(i: number): number {
    return this.chunk(i).line[i & MASK];
  }
  score(i: number): number {
    return this.chunk(i).score[i & MASK];
  }
  logprob(i: number): number | null {
    return nanToNull(this.chunk(i).logprob[i & MASK]);
  }
  confidence(i: number): number | null {
    const c = this.chunk(i);
    const j = i & MASK;
    const given = c.confidence === null ? Number.NaN : c.confidence[j];
    return given === given ? given : fromLogprob(c.logprob[j]);
  }
  costUsd(i: number): number | null {
    return nanToNull(this.chunk(i).costUsd[i & MASK]);
  }
  costSource(i: number): CostSource {
    return COST_SOURCES[this.chunk(i).costSource[i & MASK]];
  }
  latencyS(i: number): number | null {
    return nanToNull(this.chunk(i).latencyS[i & MASK]);
  }
  inputTokens(i: number): number | null {
    return negativeToNull(this.chunk(i).inputTokens[i & MASK]);
  }
  outputTokens(i: number): number | null {
    return negativeToNull(this.chunk(i).outputTokens[i & MASK]);
  }
  reasoningTokens(i: number): number | null {
    const column = this.chunk(i).reasoningTokens;
    return column === null ? null : negativeToNull(column[i & MASK]);
  }
  extra(i: number): Record<string, number | boolean> | undefined {
    return this.extras.get(i);
  }
  labels(i: number): Record<string, string> | undefined {
    return this.labelSets.get(i);
  }

  /** Row i as an EvalRecord, field for field what the reader would have built. */
  record(i: number): EvalRecord {
    const c = this.chunk(i);
    const j = i & MASK;
    const score = c.score[j];
    const reasoning = c.reasoning[j];
    const rec: EvalRecord = {
      queryId: this.queryIds[c.query[j]],
      model: this.pool[c.model[j]],
      score,
      correct: score >= this.correctThreshold,
      logprob: nanToNull(c.logprob[j]),
      confidence: this.confidence(i),
      costUsd: nanToNull(c.costUsd[j]),
      inputTokens: negativeToNull(c.inputTokens[j]),
      outputTokens: negativeToNull(c.outputTokens[j]),
      reasoningTokens: c.reasoningTokens === null ? null : negativeToNull(c.reasoningTokens[j]),
      cacheReadTokens: c.cacheReadTokens === null ? null : negativeToNull(c.cacheReadTokens[j]),
      cacheWriteTokens: c.cacheWriteTokens === null ? null : negativeToNull(c.cacheWriteTokens[j]),
      costSource: COST_SOURCES[c.costSource[j]],
      epochs: 1,
      latencyS: nanToNull(c.latencyS[j]),
      split: this.pool[c.split[j]],
      task: this.pool[c.task[j]],
      taskType: TASK_TYPES[c.taskType[j]],
      signal: this.pool[c.signal[j]],
      reasoning: reasoning === 0 ? null : reasoning === 2,
      question: this.questions[c.question[j]],
      file: this.file,
      line: c.line[j],
    };
    const extra = this.extras.get(i);
    if (extra) rec.extra = extra;
    const labels = this.labels(i);
    if (labels) rec.labels = labels;
    const texts = this.texts.get(i);
    if (texts?.reference !== undefined) rec.reference = texts.reference;
    if (texts?.answer !== undefined) rec.answer = texts.answer;
    return rec;
  }

  /** The rows of these models as EvalRecords, in order; the other rows are never built. */
  recordsOfModels(models: ReadonlySet<string>): EvalRecord[] {
    const out: EvalRecord[] = [];
    for (let i = 0; i < this.length; i++) if (models.has(this.model(i))) out.push(this.record(i));
    return out;
  }

  /** Every row as an EvalRecord, in order (for the analyses that read records). */
  toRecords(): EvalRecord[] {
    const out = new Array<EvalRecord>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.record(i);
    return out;
  }
}
