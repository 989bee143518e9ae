import { fastNativeRecord } from './nativeFastRecord';
import { makePriceResolver } from './priceResolver';
import { QueryModelPairs } from './queryModelPairs';
import { noteGaps } from './readGaps';
import type { ParsedLinesReader } from './parsedLines';
import { epochOf, toRecordOrSkip } from './recordCollector';
import { RecordTable } from './recordTable';
import type { RecordContext } from './toEvalRecord';
import type { EvalRecord, LogProblem, ReadLogResult, ReadOptions } from './types';
import { groupDigits } from '../../shared/text/groupDigits';

/**
 * Thrown when a log needs what only the record reader does (repeats under an `epoch` field, which
 * are merged into their first record): the caller reads the file again with a RecordCollector.
 */
export class NeedsRecordReader extends Error {}

/**
 * Question text a table keeps by default (ReadOptions.questionChars): 2^27 characters, 128–256 MB
 * of strings. The bundled logs' questions run to 61 MB a million records, so a log keeps them all up
 * to about two million records (a 1.1 GB file); 10 million kept them all in 1.67 GB in all, and keep
 * those of 2.4 million of their records in 1.19 GB (npm run bench ingest).
 */
export const DEFAULT_QUESTION_CHARS = 2 ** 27;

/**
 * The RecordCollector of the native reader, writing into a columnar RecordTable instead of keeping
 * EvalRecord objects (issue 18): the same validation, duplicate check, skipped lines and warnings,
 * so the result is the one a RecordCollector gives, records in the same order.
 */
export class TableCollector {
  readonly table: RecordTable;
  readonly skipped: LogProblem[] = [];
  readonly warnings: LogProblem[] = [];
  linesRead = 0;
  private readonly pairs = new QueryModelPairs();
  private readonly ctx: RecordContext;
  /** The record the fast path fills for each line (the table copies it). */
  private readonly scratch: EvalRecord;
  /** The previous record's query number (-1: none yet). */
  private prevQuery = -1;
  /** Per model number: the pool index of its name. */
  private readonly modelText: number[] = [];
  /** Per query index: the index of its last question (most queries have one question for every model). */
  private readonly questionOf: number[] = [];
  private noSignal = 0;
  private firstNoSignal = 0;
  private noCost = 0;
  private firstNoCost = 0;
  private anyLatency = false;
  private anyTokens = false;
  private readonly unpriced = new Map<string, number>();
  /** ReadOptions.questions: keep the question texts. */
  private readonly questions: boolean;
  /** Without the questions: the index of the one empty question every row points to (-1 until the first row). */
  private noQuestion = -1;
  private readonly questionLimit: number;
  /** Question characters the table may still keep (ReadOptions.questionChars); -1 once a question did not fit. */
  private questionCharsLeft: number;
  /** Records whose question was not kept for want of room, and the first one's line. */
  private questionsDropped = 0;
  private firstDroppedLine = 0;
  /** query index → model number → line of the kept record; built at the first duplicate, then kept up to date. */
  private lineIndex: Map<number, Map<number, number>> | null = null;

  constructor(
    readonly file: string,
    opts: ReadOptions = {},
  ) {
    if (opts.keepEpochs === true) throw new NeedsRecordReader('keep epochs');
    const correctThreshold = opts.correctThreshold ?? 0.5;
    this.questions = opts.questions ?? true;
    this.questionLimit = Math.max(0, opts.questionChars ?? DEFAULT_QUESTION_CHARS);
    this.questionCharsLeft = this.questionLimit;
    this.table = new RecordTable(file, correctThreshold);
    // The table pools the text itself, so the record is built without a second interner.
    this.ctx = {
      file,
      line: 0,
      priceOf: makePriceResolver(opts.prices, opts.priceDatabase ?? true),
      correctThreshold,
      intern: (s) => s,
    };
    this.scratch = {
      queryId: '',
      model: '',
      score: 0,
      correct: false,
      logprob: null,
      confidence: null,
      costUsd: null,
      inputTokens: null,
      outputTokens: null,
      reasoningTokens: null,
      cacheReadTokens: null,
      cacheWriteTokens: null,
      costSource: 'none',
      epochs: 1,
      latencyS: null,
      split: '',
      task: '',
      taskType: 'multiple_choice',
      signal: '',
      reasoning: null,
      question: '',
      file,
      line: 0,
    };
  }

  /** Validates and keeps one parsed line (as RecordCollector.add): the common line by fastNativeRecord, any other by toEvalRecord. */
  add(raw: unknown, line: number): void {
    this.linesRead++;
    const scratch = this.scratch;
    if (fastNativeRecord(raw, scratch, this.ctx.correctThreshold)) {
      scratch.line = line;
      this.keep(scratch);
      return;
    }
    const rec = toRecordOrSkip(raw, line, this.ctx, this);
    if (rec === null) return;
    if (epochOf(raw) !== null) throw new NeedsRecordReader('epochs');
    this.keep(rec);
  }

  /** Keeps record `r` of a batch the parser thread parsed (what add does for a line fastNativeRecord accepts). */
  addParsed(records: ParsedLinesReader, r: number, line: number): void {
    this.linesRead++;
    const scratch = this.scratch;
    records.fill(r, scratch);
    scratch.line = line;
    this.keep(scratch);
  }

  private keep(rec: EvalRecord): void {
    const t = this.table;
    const m = this.pairs.modelNumber(rec.model);
    // Logs list a query's models one after another: the previous record's query is tried before hashing.
    const prev = this.prevQuery;
    let q = prev >= 0 && this.pairs.ids[prev] === rec.queryId ? prev : this.pairs.find(rec.queryId);
    if (q < 0) {
      // Query numbers and the table's query indices are the same: both count queries in order of first sight.
      q = this.pairs.create(rec.queryId);
      t.addQuery(rec.queryId);
      if (this.questions) this.questionOf.push(-1);
    } else if (this.pairs.has(q, m)) {
      this.skip(
        rec.line,
        `duplicate of query_id ${JSON.stringify(this.pairs.ids[q])} for model ${JSON.stringify(rec.model)} (first seen on line ${this.firstLineOf(q, m)}; the first is kept)`,
      );
      return;
    }
    this.pairs.mark(q, m);
    this.prevQuery = q;
    let model = this.modelText[m];
    if (model === undefined) this.modelText[m] = model = t.intern(rec.model);
    const row = t.append(rec, q, model, this.questionIndex(q, rec));
    const tokens = rec.inputTokens !== null || rec.outputTokens !== null;
    if (rec.confidence === null && this.noSignal++ === 0) this.firstNoSignal = rec.line;
    if (rec.costUsd === null && this.noCost++ === 0) this.firstNoCost = rec.line;
    if (rec.costSource === 'none' && tokens) this.unpriced.set(rec.model, (this.unpriced.get(rec.model) ?? 0) + 1);
    this.anyLatency ||= rec.latencyS !== null;
    this.anyTokens ||= tokens;
    if (this.lineIndex !== null) this.indexLine(row);
  }

  /**
   * The table's index of the question of `rec` (of query `q`): stored once per query (compared as
   * text with the query's previous record, never hashed) while there is room; the empty question
   * without the questions or once the room ran out (from then on no question is stored).
   */
  private questionIndex(q: number, rec: EvalRecord): number {
    const t = this.table;
    if (this.questions) {
      const kept = this.questionOf[q];
      if (kept >= 0 && t.question(kept) === rec.question) return kept;
      if (rec.question.length <= this.questionCharsLeft) {
        this.questionCharsLeft -= rec.question.length;
        return (this.questionOf[q] = t.addQuestion(rec.question));
      }
      this.questionCharsLeft = -1;
      if (this.questionsDropped++ === 0) this.firstDroppedLine = rec.line;
    }
    return this.noQuestion < 0 ? (this.noQuestion = t.addQuestion('')) : this.noQuestion;
  }

  /** Line of the kept record of query `q` and model number `m` (the index is built once, at the first duplicate). */
  private firstLineOf(q: number, m: number): number {
    if (this.lineIndex === null) {
      this.lineIndex = new Map();
      for (let i = 0; i < this.table.length; i++) this.indexLine(i);
    }
    return this.lineIndex.get(q)?.get(m) ?? 0;
  }

  private indexLine(row: number): void {
    const t = this.table;
    const q = t.queryIndex(row);
    let byModel = this.lineIndex!.get(q);
    if (byModel === undefined) this.lineIndex!.set(q, (byModel = new Map()));
    const m = this.pairs.modelNumber(t.model(row));
    if (!byModel.has(m)) byModel.set(m, t.line(row));
  }

  skip(line: number | null, reason: string): void {
    this.skipped.push({ file: this.file, line, severity: 'error', reason });
  }

  /** The result, as RecordCollector.finish gives it; `records` is built from the table when first read. */
  finish(): ReadLogResult {
    const missing = new Set<string>();
    noteGaps(
      {
        records: this.table.length,
        noSignal: this.noSignal,
        firstNoSignal: this.firstNoSignal,
        noCost: this.noCost,
        firstNoCost: this.firstNoCost,
        anyLatency: this.anyLatency,
        anyTokens: this.anyTokens,
        unpriced: this.unpriced,
      },
      (line, reason) => this.warnings.push({ file: this.file, line, severity: 'warning', reason }),
      missing,
    );
    if (this.questionsDropped)
      this.warnings.push({
        file: this.file,
        line: this.firstDroppedLine,
        severity: 'warning',
        reason: `the question texts of ${this.questionsDropped} record(s) from this line on are not kept: the log's questions passed the ${groupDigits(this.questionLimit)} characters a log keeps in memory (the query tables show them empty; a row still opens its line)`,
      });
    const table = this.table;
    let records: EvalRecord[] | null = null;
    return {
      file: this.file,
      adapter: 'native',
      get records(): EvalRecord[] {
        return (records ??= table.toRecords());
      },
      table,
      skipped: this.skipped,
      warnings: this.warnings,
      missingFields: [...missing],
      linesRead: this.linesRead,
    };
  }
}
