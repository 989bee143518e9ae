import { EpochReducer } from './epochReducer';
import { makePriceResolver } from './priceResolver';
import { QueryModelPairs } from './queryModelPairs';
import { noteGaps } from './readGaps';
import { RecordError, makeInterner, toEvalRecord, type RecordContext } from './toEvalRecord';
import type { AdapterName, EvalRecord, LogProblem, ReadLogResult, ReadOptions } from './types';

/**
 * Collects validated records from any adapter: validates each raw sample, reports the ones that
 * fail with file and line, drops duplicate (query_id, model) pairs after the first, and notes the
 * fields that no record had. Every adapter feeds one of these, so all formats follow one rulebook.
 */
export class RecordCollector {
  readonly records: EvalRecord[] = [];
  readonly skipped: LogProblem[] = [];
  readonly warnings: LogProblem[] = [];
  linesRead = 0;
  /** The duplicate check: the (query_id, model) pairs kept. */
  private readonly pairs = new QueryModelPairs();
  private readonly ctx: RecordContext;
  private noSignal: number[] = [];
  private noCost: number[] = [];
  /** Repeats of a (query, model) under different `epoch` values, merged by their mean (created on the first repeat). */
  private epochs: EpochReducer | null = null;
  private readonly keepEpochs: boolean;
  /** ReadOptions.questions: keep the question texts. */
  private readonly questions: boolean;
  /** query_id → model → line of the kept record; built at the first duplicate (one scan), then kept up to date. */
  private lineIndex: Map<string, Map<string, number>> | null = null;

  constructor(
    readonly file: string,
    readonly adapter: AdapterName,
    opts: ReadOptions = {},
  ) {
    this.ctx = {
      file,
      line: 0,
      priceOf: makePriceResolver(opts.prices, opts.priceDatabase ?? true),
      correctThreshold: opts.correctThreshold ?? 0.5,
      intern: makeInterner(),
    };
    this.keepEpochs = opts.keepEpochs === true;
    this.questions = opts.questions ?? true;
  }

  /**
   * Validates and keeps one raw sample (native field names); returns the record or null if skipped.
   * `where` (e.g. `results[3]`) prefixes the reason when the line number alone does not locate it.
   */
  add(raw: unknown, line: number, where?: string): EvalRecord | null {
    this.linesRead++;
    const rec = toRecordOrSkip(raw, line, this.ctx, this, where);
    if (rec === null) return null;
    if (!this.questions) rec.question = '';
    const epoch = epochOf(raw);
    if (epoch !== null && this.keepEpochs) rec.queryId = `${rec.queryId}#${epoch}`;
    const m = this.pairs.modelNumber(rec.model);
    let q = this.pairs.find(rec.queryId);
    if (q < 0) q = this.pairs.create(rec.queryId);
    else if (this.pairs.has(q, m)) {
      if (epoch !== null && this.epochs?.addRepeat(rec, epoch) === true) return null;
      this.skip(
        line,
        `${where ? `${where}: ` : ''}duplicate of query_id ${JSON.stringify(rec.queryId)} for model ${JSON.stringify(rec.model)} (first seen on line ${this.firstLineOf(rec)}; the first is kept)`,
      );
      return null;
    }
    rec.queryId = this.pairs.ids[q];
    this.pairs.mark(q, m);
    if (epoch !== null && !this.keepEpochs)
      (this.epochs ??= new EpochReducer(this.ctx.correctThreshold)).addFirst(rec, epoch);
    if (rec.confidence === null) this.noSignal.push(line);
    if (rec.costUsd === null) this.noCost.push(line);
    this.records.push(rec);
    if (this.lineIndex !== null) this.indexLine(rec);
    return rec;
  }

  /** Line of the kept record with the same query and model (looked up when reporting a duplicate; linear in all, not per duplicate). */
  private firstLineOf(rec: EvalRecord): number {
    if (this.lineIndex === null) {
      this.lineIndex = new Map();
      for (const r of this.records) this.indexLine(r);
    }
    return this.lineIndex.get(rec.queryId)?.get(rec.model) ?? 0;
  }

  private indexLine(r: EvalRecord): void {
    let byModel = this.lineIndex!.get(r.queryId);
    if (byModel === undefined) this.lineIndex!.set(r.queryId, (byModel = new Map()));
    if (!byModel.has(r.model)) byModel.set(r.model, r.line);
  }

  skip(line: number | null, reason: string): void {
    this.skipped.push({ file: this.file, line, severity: 'error', reason });
  }

  warn(line: number | null, reason: string): void {
    this.warnings.push({ file: this.file, line, severity: 'warning', reason });
  }

  finish(extraMissing: string[] = []): ReadLogResult {
    const reduced = this.epochs?.finish();
    if (reduced)
      this.warn(
        null,
        `${reduced.repeats} repeated answer(s) (epochs) of ${reduced.queries} query(ies) were averaged into one record per query and model (mean score, cost, latency and tokens, as Inspect reduces epochs by default); "keep epochs" reads each epoch as a query of its own`,
      );
    const unpriced = new Map<string, number>();
    let anyLatency = false;
    let anyTokens = false;
    for (const r of this.records) {
      const tokens = r.inputTokens !== null || r.outputTokens !== null;
      if (r.costSource === 'none' && tokens) unpriced.set(r.model, (unpriced.get(r.model) ?? 0) + 1);
      anyLatency ||= r.latencyS !== null;
      anyTokens ||= tokens;
    }
    const missing = new Set(extraMissing);
    noteGaps(
      {
        records: this.records.length,
        noSignal: this.noSignal.length,
        firstNoSignal: this.noSignal[0],
        noCost: this.noCost.length,
        firstNoCost: this.noCost[0],
        anyLatency,
        anyTokens,
        unpriced,
      },
      (line, reason) => this.warn(line, reason),
      missing,
    );
    this.noSignal = [];
    this.noCost = [];
    return {
      file: this.file,
      adapter: this.adapter,
      records: this.records,
      skipped: this.skipped,
      warnings: this.warnings,
      missingFields: [...missing],
      linesRead: this.linesRead,
    };
  }
}

/** The raw sample's `epoch` (a positive integer), or null when it has none or an unusable one. */
export function epochOf(raw: unknown): number | null {
  const e = (raw as { epoch?: unknown }).epoch;
  return typeof e === 'number' && Number.isInteger(e) && e >= 1 ? e : null;
}

/** Where a collector reports a line it cannot use. */
export interface SkipSink {
  skip(line: number | null, reason: string): void;
}

/**
 * The record of one raw sample by toEvalRecord (`ctx.line` set to `line`), or null after telling
 * `sink` why the sample is unusable: the RecordError's message, after `where` (e.g. `results[3]`)
 * when given. Any other error is a bug and propagates. Both collectors read a line through this.
 */
export function toRecordOrSkip(
  raw: unknown,
  line: number,
  ctx: RecordContext,
  sink: SkipSink,
  where?: string,
): EvalRecord | null {
  ctx.line = line;
  try {
    return toEvalRecord(raw, ctx);
  } catch (err) {
    if (!(err instanceof RecordError)) throw err;
    sink.skip(line, where ? `${where}: ${err.message}` : err.message);
    return null;
  }
}
