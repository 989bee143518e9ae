import { joinByQuery } from '../logs/joinByQuery';
import type { EvalRecord, TaskType } from '../logs/types';
import type { ExtraMetric } from './types';
import { appendAll } from '../../shared/arrays';

/**
 * The per-query columns the economic engine needs, for the queries every chosen model answered.
 * Column arrays are indexed [model][query]. Unknown costs, latencies and extra metrics are 0 and
 * unknown confidences are −∞ (the model is never confident: it always defers or abstains); each
 * such substitution is reported in `warnings`.
 */
export interface QueryTable {
  models: string[];
  queryIds: string[];
  n: number;
  cost: Float64Array[];
  latency: Float64Array[];
  correct: Uint8Array[];
  confidence: Float64Array[];
  /** The raw log-probability behind each confidence (NaN when the record has none), for recalibration. */
  logprob: Float64Array[];
  /** True for a model with at least one known confidence (it can defer or abstain meaningfully). */
  hasConfidence: boolean[];
  /** Task type of each model's records (from its first one; 'multiple_choice' when there are none), for calibration. */
  taskTypes: TaskType[];
  /** extras[e][model][query] for each extra metric, in the order given. */
  extras: Float64Array[][];
  extraSpecs: ExtraMetric[];
  warnings: string[];
}

export interface QueryTableOptions {
  models?: string[];
  /** Keep only this split (undefined: every record). */
  split?: string;
  extras?: ExtraMetric[];
  /** Whether a candidate built on the table reads confidences (default true): only then are missing ones worth a warning. */
  confidenceUsed?: boolean;
}

/** Joins records on query id and lays out the columns of eq. 3.10–3.11 for one split. */
export function buildQueryTable(records: readonly EvalRecord[], opts: QueryTableOptions = {}): QueryTable {
  const joined = joinByQuery(records, { models: opts.models, split: opts.split });
  const { models, complete } = joined;
  const n = complete.length;
  const extraSpecs = opts.extras ?? [];
  const where = opts.split !== undefined ? ` in split "${opts.split}"` : '';
  const warnings = [...joined.notes];
  const cost: Float64Array[] = [];
  const latency: Float64Array[] = [];
  const correct: Uint8Array[] = [];
  const confidence: Float64Array[] = [];
  const logprob: Float64Array[] = [];
  const hasConfidence: boolean[] = [];
  const taskTypes: TaskType[] = [];
  const extras: Float64Array[][] = extraSpecs.map(() => []);
  for (let m = 0; m < models.length; m++) {
    const cols = modelColumns(
      complete.map((q) => joined.cells[q][m] as EvalRecord),
      extraSpecs,
    );
    const { c, l, ok, conf, lp, ex, noConf } = cols;
    appendAll(warnings, missingValueWarnings(models[m], cols, n, where, extraSpecs, opts.confidenceUsed !== false));
    cost.push(c);
    latency.push(l);
    correct.push(ok);
    confidence.push(conf);
    logprob.push(lp);
    hasConfidence.push(noConf < n);
    taskTypes.push(n > 0 ? (joined.cells[complete[0]][m] as EvalRecord).taskType : 'multiple_choice');
    ex.forEach((col, e) => extras[e].push(col));
  }
  return {
    models,
    queryIds: complete.map((q) => joined.queryIds[q]),
    n,
    cost,
    latency,
    correct,
    confidence,
    logprob,
    hasConfidence,
    taskTypes,
    extras,
    extraSpecs,
    warnings,
  };
}

/** One model's columns over the joined queries, with how many of each value were unknown. */
interface ModelColumns {
  c: Float64Array;
  l: Float64Array;
  ok: Uint8Array;
  conf: Float64Array;
  lp: Float64Array;
  ex: Float64Array[];
  noCost: number;
  noLatency: number;
  noConf: number;
  noExtra: number[];
}

/** Lays out one model's records (one per query, in table order) as columns, substituting 0 or −∞ for unknowns. */
function modelColumns(rows: readonly EvalRecord[], extraSpecs: readonly ExtraMetric[]): ModelColumns {
  const n = rows.length;
  const c = new Float64Array(n);
  const l = new Float64Array(n);
  const ok = new Uint8Array(n);
  const conf = new Float64Array(n);
  const lp = new Float64Array(n);
  const ex = extraSpecs.map(() => new Float64Array(n));
  let noCost = 0;
  let noLatency = 0;
  let noConf = 0;
  const noExtra = extraSpecs.map(() => 0);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r.costUsd === null) noCost++;
    else c[i] = r.costUsd;
    if (r.latencyS === null) noLatency++;
    else l[i] = r.latencyS;
    ok[i] = r.correct ? 1 : 0;
    if (r.confidence === null) {
      noConf++;
      conf[i] = -Infinity;
    } else conf[i] = r.confidence;
    lp[i] = r.logprob ?? Number.NaN;
    extraSpecs.forEach((spec, e) => {
      const v = spec.value(r);
      if (v === null || !Number.isFinite(v)) noExtra[e]++;
      else ex[e][i] = v;
    });
  }
  return { c, l, ok, conf, lp, ex, noCost, noLatency, noConf, noExtra };
}

/** The warnings for a model's unknown costs, latencies, confidences (when `confidenceUsed`) and extra metrics. */
function missingValueWarnings(
  name: string,
  cols: ModelColumns,
  n: number,
  where: string,
  extraSpecs: readonly ExtraMetric[],
  confidenceUsed: boolean,
): string[] {
  const { noCost, noLatency, noConf, noExtra } = cols;
  const warnings: string[] = [];
  if (noCost)
    warnings.push(
      `${name}: cost unknown for ${noCost} of ${n} queries${where}; counted as $0 (give cost_usd, or tokens and a price table).`,
    );
  if (noLatency) warnings.push(`${name}: latency unknown for ${noLatency} of ${n} queries${where}; counted as 0 s.`);
  if (noConf && confidenceUsed)
    warnings.push(
      `${name}: confidence unknown for ${noConf} of ${n} queries${where}; treated as never confident (always defers or abstains).`,
    );
  extraSpecs.forEach((spec, e) => {
    if (noExtra[e])
      warnings.push(`${name}: metric "${spec.name}" unknown for ${noExtra[e]} of ${n} queries${where}; counted as 0.`);
  });
  return warnings;
}
