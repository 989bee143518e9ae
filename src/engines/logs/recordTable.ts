import { flatCopy } from './flatCopy';
import type { RecordView } from './recordView';
import type { CostSource, EvalRecord, TaskType } from './types';

/** Rows per chunk: columns grow by whole chunks, so a growing table never copies what it holds. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/** How many recently interned strings `intern` compares before hashing. */
const RECENT = 8;

const COST_SOURCES: readonly CostSource[] = ['log', 'prices', 'database', 'none'];
const TASK_TYPES: readonly TaskType[] = ['multiple_choice', 'generation'];

/**
 * One chunk of every column. Numbers that may be missing are NaN when missing (a validated record
 * never holds NaN); token counts (integers in [0, 10^9]) are -1 when missing; text fields are
 * indices into the table's string pool; `reasoning` is 0 (missing), 1 (false) or 2 (true).
 */
interface Chunk {
  query: Uint32Array;
  model: Uint32Array;
  split: Uint32Array;
  task: Uint32Array;
  signal: Uint32Array;
  question: Uint32Array;
  line: Uint32Array;
  score: Float64Array;
  logprob: Float64Array;
  confidence: Float64Array;
  costUsd: Float64Array;
  latencyS: Float64Array;
  inputTokens: Int32Array;
  outputTokens: Int32Array;
  reasoningTokens: Int32Array;
  cacheReadTokens: Int32Array;
  cacheWriteTokens: Int32Array;
  costSource: Uint8Array;
  taskType: Uint8Array;
  reasoning: Uint8Array;
}

function newChunk(): Chunk {
  return {
    query: new Uint32Array(CHUNK),
    model: new Uint32Array(CHUNK),
    split: new Uint32Array(CHUNK),
    task: new Uint32Array(CHUNK),
    signal: new Uint32Array(CHUNK),
    question: new Uint32Array(CHUNK),
    line: new Uint32Array(CHUNK),
    score: new Float64Array(CHUNK),
    logprob: new Float64Array(CHUNK),
    confidence: new Float64Array(CHUNK),
    costUsd: new Float64Array(CHUNK),
    latencyS: new Float64Array(CHUNK),
    inputTokens: new Int32Array(CHUNK),
    outputTokens: new Int32Array(CHUNK),
    reasoningTokens: new Int32Array(CHUNK),
    cacheReadTokens: new Int32Array(CHUNK),
    cacheWriteTokens: new Int32Array(CHUNK),
    costSource: new Uint8Array(CHUNK),
    taskType: new Uint8Array(CHUNK),
    reasoning: new Uint8Array(CHUNK),
  };
}

const num = (x: number | null): number => (x === null ? Number.NaN : x);
const orNull = (x: number): number | null => (x !== x ? null : x);
const tokens = (x: number | null): number => (x === null ? -1 : x);
const tokensOrNull = (x: number): number | null => (x < 0 ? null : x);

/**
 * A log's records held column by column (issue 18): typed arrays per numeric field, and model,
 * split, task, signal and question text interned in one string pool (a question shared by the
 * models that answered a query is stored once), so a million records cost about 90 bytes each
 * plus their distinct text, and no object per record. Rows keep the order in which they were
 * appended. `toRecords()` gives the EvalRecord objects for code that wants them.
 */
export class RecordTable implements RecordView {
  length = 0;
  /** Distinct query ids, in order of first appearance (rows hold indices into it). */
  readonly queryIds: string[] = [];
  private readonly chunks: Chunk[] = [];
  private readonly pool: string[] = [];
  private readonly poolIndex = new Map<string, number>();
  /** The last RECENT short strings interned and their indices, alternately. */
  private readonly recent: (string | number)[] = [];
  private nextRecent = 0;
  /** Extra numeric and true/false fields, and labels, of the few rows that have them. */
  private readonly extras = new Map<number, Record<string, number | boolean>>();
  private readonly labelSets = new Map<number, Record<string, string>>();

  constructor(
    readonly file: string,
    readonly correctThreshold: number,
  ) {}

  /** The pool index of `s` (added on first sight). */
  intern(s: string): number {
    // The few names that repeat on every line (model, split, task...) are found by comparison first: cheaper than hashing.
    const recent = this.recent;
    for (let r = 0; r < recent.length; r += 2) if (recent[r] === s) return recent[r + 1] as number;
    let k = this.poolIndex.get(s);
    if (k === undefined) {
      k = this.pool.length;
      const own = flatCopy(s);
      this.pool.push(own);
      this.poolIndex.set(own, k);
    }
    if (s.length <= 64) {
      const at = (this.nextRecent++ % RECENT) * 2;
      recent[at] = s;
      recent[at + 1] = k;
    }
    return k;
  }

  /** The pooled text at `k`. */
  text(k: number): string {
    return this.pool[k];
  }

  /** A new query id (a string of its own, not a slice of a longer one: see flatCopy); returns its index. */
  addQuery(id: string): number {
    this.queryIds.push(id);
    return this.queryIds.length - 1;
  }

  /**
   * Appends `rec` (its queryId already registered as `query`, its text fields already interned as
   * `model` and `question`, pool indices); returns the row. `epochs` is taken as 1.
   */
  append(rec: EvalRecord, query: number, model: number, question: number): number {
    const row = this.length++;
    const j = row & MASK;
    if (j === 0) this.chunks.push(newChunk());
    const c = this.chunks[row >>> CHUNK_BITS];
    c.query[j] = query;
    c.model[j] = model;
    c.question[j] = question;
    c.split[j] = this.intern(rec.split);
    c.task[j] = this.intern(rec.task);
    c.signal[j] = this.intern(rec.signal);
    c.line[j] = rec.line;
    c.score[j] = rec.score;
    c.logprob[j] = num(rec.logprob);
    c.confidence[j] = num(rec.confidence);
    c.costUsd[j] = num(rec.costUsd);
    c.latencyS[j] = num(rec.latencyS);
    c.inputTokens[j] = tokens(rec.inputTokens);
    c.outputTokens[j] = tokens(rec.outputTokens);
    c.reasoningTokens[j] = tokens(rec.reasoningTokens);
    c.cacheReadTokens[j] = tokens(rec.cacheReadTokens);
    c.cacheWriteTokens[j] = tokens(rec.cacheWriteTokens);
    c.costSource[j] = COST_SOURCES.indexOf(rec.costSource);
    c.taskType[j] = rec.taskType === 'generation' ? 1 : 0;
    c.reasoning[j] = rec.reasoning === null ? 0 : rec.reasoning ? 2 : 1;
    if (rec.extra) this.extras.set(row, rec.extra);
    if (rec.labels) this.labelSets.set(row, rec.labels);
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
  line(i: number): number {
    return this.chunk(i).line[i & MASK];
  }
  score(i: number): number {
    return this.chunk(i).score[i & MASK];
  }
  logprob(i: number): number | null {
    return orNull(this.chunk(i).logprob[i & MASK]);
  }
  confidence(i: number): number | null {
    return orNull(this.chunk(i).confidence[i & MASK]);
  }
  costUsd(i: number): number | null {
    return orNull(this.chunk(i).costUsd[i & MASK]);
  }
  costSource(i: number): CostSource {
    return COST_SOURCES[this.chunk(i).costSource[i & MASK]];
  }
  latencyS(i: number): number | null {
    return orNull(this.chunk(i).latencyS[i & MASK]);
  }
  inputTokens(i: number): number | null {
    return tokensOrNull(this.chunk(i).inputTokens[i & MASK]);
  }
  outputTokens(i: number): number | null {
    return tokensOrNull(this.chunk(i).outputTokens[i & MASK]);
  }
  reasoningTokens(i: number): number | null {
    return tokensOrNull(this.chunk(i).reasoningTokens[i & MASK]);
  }
  extra(i: number): Record<string, number | boolean> | undefined {
    return this.extras.get(i);
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
      logprob: orNull(c.logprob[j]),
      confidence: orNull(c.confidence[j]),
      costUsd: orNull(c.costUsd[j]),
      inputTokens: tokensOrNull(c.inputTokens[j]),
      outputTokens: tokensOrNull(c.outputTokens[j]),
      reasoningTokens: tokensOrNull(c.reasoningTokens[j]),
      cacheReadTokens: tokensOrNull(c.cacheReadTokens[j]),
      cacheWriteTokens: tokensOrNull(c.cacheWriteTokens[j]),
      costSource: COST_SOURCES[c.costSource[j]],
      epochs: 1,
      latencyS: orNull(c.latencyS[j]),
      split: this.pool[c.split[j]],
      task: this.pool[c.task[j]],
      taskType: TASK_TYPES[c.taskType[j]],
      signal: this.pool[c.signal[j]],
      reasoning: reasoning === 0 ? null : reasoning === 2,
      question: this.pool[c.question[j]],
      file: this.file,
      line: c.line[j],
    };
    const extra = this.extras.get(i);
    if (extra) rec.extra = extra;
    const labels = this.labelSets.get(i);
    if (labels) rec.labels = labels;
    return rec;
  }

  /** Every row as an EvalRecord, in order (for the analyses that read records). */
  toRecords(): EvalRecord[] {
    const out = new Array<EvalRecord>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.record(i);
    return out;
  }
}
