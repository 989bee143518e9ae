import { EpochReducer } from './epochReducer';
import { makePriceResolver } from './priceResolver';
import { RecordError, makeInterner, toEvalRecord, type RecordContext } from './toEvalRecord';
import type { AdapterName, EvalRecord, LogProblem, ReadLogResult, ReadOptions } from './types';

interface QueryEntry {
  id: string;
  mask: number;
  more: Set<number> | null;
}

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
  /**
   * One entry per distinct query_id: the shared id string (so a million records hold one copy per
   * query) and which models answered it, as a bit mask over model indices (a Set past 31 models).
   * This is the duplicate check; it builds no per-record key strings.
   */
  private readonly queries = new Map<string, QueryEntry>();
  private readonly modelIndex = new Map<string, number>();
  private readonly ctx: RecordContext;
  private noSignal: number[] = [];
  private noCost: number[] = [];
  /** Repeats of a (query, model) under different `epoch` values, merged by their mean (created on the first repeat). */
  private epochs: EpochReducer | null = null;
  private readonly keepEpochs: boolean;
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
  }

  /**
   * Validates and keeps one raw sample (native field names); returns the record or null if skipped.
   * `where` (e.g. `results[3]`) prefixes the reason when the line number alone does not locate it.
   */
  add(raw: unknown, line: number, where?: string): EvalRecord | null {
    this.linesRead++;
    this.ctx.line = line;
    let rec: EvalRecord;
    try {
      rec = toEvalRecord(raw, this.ctx);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      this.skip(line, where ? `${where}: ${err.message}` : err.message);
      return null;
    }
    const epoch = epochOf(raw);
    if (epoch !== null && this.keepEpochs) rec.queryId = `${rec.queryId}#${epoch}`;
    let m = this.modelIndex.get(rec.model);
    if (m === undefined) this.modelIndex.set(rec.model, (m = this.modelIndex.size));
    let q = this.queries.get(rec.queryId);
    if (q === undefined) this.queries.set(rec.queryId, (q = { id: rec.queryId, mask: 0, more: null }));
    else {
      rec.queryId = q.id;
      if (m < 31 ? (q.mask & (1 << m)) !== 0 : q.more?.has(m) === true) {
        if (epoch !== null && this.epochs?.addRepeat(rec, epoch) === true) return null;
        this.skip(
          line,
          `${where ? `${where}: ` : ''}duplicate of query_id ${JSON.stringify(rec.queryId)} for model ${JSON.stringify(rec.model)} (first seen on line ${this.firstLineOf(rec)}; the first is kept)`,
        );
        return null;
      }
    }
    if (m < 31) q.mask |= 1 << m;
    else (q.more ??= new Set()).add(m);
    if (epoch !== null && !this.keepEpochs)
      (this.epochs ??= new EpochReducer(this.ctx.correctThreshold)).addFirst(rec, epoch);
    if (rec.confidence === null) this.noSignal.push(line);
    if (rec.costUsd === null) this.noCost.push(line);
    this.records.push(rec);
    if (this.lineIndex !== null) this.indexLine(rec);
    return rec;
  }

  /** One warning per model whose records have tokens but whose price neither the user's table nor the price database knows. */
  private warnUnpriced(): void {
    const unpriced = new Map<string, number>();
    for (const r of this.records)
      if (r.costSource === 'none' && (r.inputTokens !== null || r.outputTokens !== null))
        unpriced.set(r.model, (unpriced.get(r.model) ?? 0) + 1);
    for (const [model, n] of unpriced)
      this.warn(
        null,
        `model "${model}": ${n} record(s) have token counts but no price (not in your price table, nor in the bundled price database): their cost is unknown; add the model to costRiskLab.prices or --prices`,
      );
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
    this.warnUnpriced();
    const missing = new Set(extraMissing);
    const n = this.records.length;
    if (n > 0 && this.noSignal.length === n) missing.add('confidence');
    else if (this.noSignal.length)
      this.warn(
        this.noSignal[0],
        `${this.noSignal.length} record(s) have neither "logprob" nor "confidence" (first on line ${this.noSignal[0]}): they count for accuracy and cost, not for threshold tuning`,
      );
    if (n > 0 && this.noCost.length === n) missing.add('cost_usd');
    if (n > 0 && this.records.every((r) => r.latencyS === null)) missing.add('latency_s');
    if (n > 0 && this.records.every((r) => r.inputTokens === null && r.outputTokens === null))
      missing.add('input_tokens').add('output_tokens');
    else if (this.noCost.length)
      this.warn(
        this.noCost[0],
        `${this.noCost.length} record(s) have no "cost_usd" and no priced tokens (first on line ${this.noCost[0]})`,
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
function epochOf(raw: unknown): number | null {
  const e = (raw as { epoch?: unknown }).epoch;
  return typeof e === 'number' && Number.isInteger(e) && e >= 1 ? e : null;
}
