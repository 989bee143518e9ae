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
  private readonly seen = new Map<string, number>();
  private readonly ctx: RecordContext;
  private noSignal: number[] = [];
  private noCost: number[] = [];

  constructor(readonly file: string, readonly adapter: AdapterName, opts: ReadOptions = {}) {
    this.ctx = { file, line: 0, prices: opts.prices, correctThreshold: opts.correctThreshold ?? 0.5, intern: makeInterner() };
  }

  /** Validates and keeps one raw sample (native field names); returns the record or null if skipped. */
  add(raw: unknown, line: number): EvalRecord | null {
    this.linesRead++;
    this.ctx.line = line;
    let rec: EvalRecord;
    try {
      rec = toEvalRecord(raw, this.ctx);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      this.skip(line, err.message);
      return null;
    }
    const key = `${rec.model}\u0000${rec.queryId}`;
    const firstLine = this.seen.get(key);
    if (firstLine !== undefined) {
      this.skip(line, `duplicate of query_id ${JSON.stringify(rec.queryId)} for model ${JSON.stringify(rec.model)} (first seen on line ${firstLine}; the first is kept)`);
      return null;
    }
    this.seen.set(key, line);
    if (rec.confidence === null) this.noSignal.push(line);
    if (rec.costUsd === null) this.noCost.push(line);
    this.records.push(rec);
    return rec;
  }

  skip(line: number | null, reason: string): void {
    this.skipped.push({ file: this.file, line, severity: 'error', reason });
  }

  warn(line: number | null, reason: string): void {
    this.warnings.push({ file: this.file, line, severity: 'warning', reason });
  }

  finish(extraMissing: string[] = []): ReadLogResult {
    const missing = new Set(extraMissing);
    const n = this.records.length;
    if (n > 0 && this.noSignal.length === n) missing.add('confidence');
    else if (this.noSignal.length) this.warn(this.noSignal[0], `${this.noSignal.length} record(s) have neither "logprob" nor "confidence" (first on line ${this.noSignal[0]}): they count for accuracy and cost, not for threshold tuning`);
    if (n > 0 && this.noCost.length === n) missing.add('cost_usd');
    else if (this.noCost.length) this.warn(this.noCost[0], `${this.noCost.length} record(s) have no "cost_usd" and no priced tokens (first on line ${this.noCost[0]})`);
    this.noSignal = [];
    this.noCost = [];
    return { file: this.file, adapter: this.adapter, records: this.records, skipped: this.skipped, warnings: this.warnings, missingFields: [...missing], linesRead: this.linesRead };
  }
}
