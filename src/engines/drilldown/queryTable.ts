/**
 * Drill-down (issue 14 item 2): the per-query rows behind an aggregate. A single model on one split
 * gives one row per record; a tuned cascade at a frontier point's thresholds gives one row per test
 * query, routed exactly as the frontier's test score routes it ({@link answeringStep}), so the share
 * of wrong rows is the point's test error. Pure: records in, plain JSON out.
 */
import { joinByQuery } from '../logs/joinByQuery';
import type { EvalRecord } from '../logs/types';
import { prepareCascadeData } from '../tuning/prepareCascadeData';
import { answeringStep } from '../tuning/scoreOnTest';

/** One query of a drill-down table. */
export interface QueryRow {
  queryId: string;
  /** Index into the table's `models` of the model whose answer counts (the models before it deferred); −1 when the system abstained. */
  answeredBy: number;
  /** Whether the answer that counts is right (false when the system abstained). */
  correct: boolean;
  /** The system withheld its answer (a model with abstention, a cascade or router that abstains): neither right nor wrong. */
  abstained: boolean;
  /** The counted answer's score in [0,1] (graded logs; 0 or 1 otherwise). */
  score: number;
  /** Dollars of every call made (the models consulted up to the one that answered); null when one is unknown. */
  costUsd: number | null;
  /** Seconds of every call made, one after the other; null when one is unknown. */
  latencyS: number | null;
  /** Per model of the table: the confidence the system compares (see `confidenceKind`), null when absent. */
  confidence: (number | null)[];
  /** Per model of the table: whether its own answer is right. */
  modelCorrect: boolean[];
  /** Per model of the table: where its record is in the log (1-based line, or the sample's position for archives and JSON documents). */
  line: number[];
  /** The question, when the log carries it ('' otherwise). */
  question: string;
  /** The reference (gold) answer, when the log carries it ('' otherwise). */
  reference: string;
  /** Per model of the table: its answer text, when the log carries it ('' otherwise). */
  answers: string[];
  /** The row's reward at the table's prices, $ (−the sum of `terms`); null for a table without prices. */
  reward: number | null;
  /** Dollars the row loses to each of the table's priced terms (`pricing.terms` order); empty without prices. */
  terms: number[];
  /**
   * Share of the query sent to a human at the table's rejection rate: 1 rejected, 0 accepted, in
   * between for answers tied in certainty at the cut (expected value under random tie-breaking). 0 in other tables.
   */
  humanShare: number;
  /**
   * The right part of the share no human saw, when that share is split between models whose answers
   * differ (Fail Fast, or Ask at a fractional or tied edge); absent when it is `(1 − humanShare)` if
   * `correct`, else 0.
   */
  keptRight?: number;
}

/** The prices a table's rows are rewarded at (a cell of the Optimal-Model Map). */
export interface RowPricing {
  /** Term names: "cost", then each priced metric (latency, error, abstain, extras). */
  terms: string[];
  /** Price of each term's unit, $ (1 for cost). */
  prices: number[];
  /** The aggregate's expected reward, $ per query, as the view that was clicked computed it. */
  reward: number;
}

/** The rows behind one aggregate, and what they are. */
export interface QueryTable {
  /** The models of the system, in order (one for a single model, the cascade's order otherwise). */
  models: string[];
  /** `calibrated`: the cascade's calibrated confidence φ, as its thresholds compare it; `log`: the confidence the log records. */
  confidenceKind: 'calibrated' | 'log';
  /** The split the rows come from ('' = every record). */
  split: string;
  /** Cascade thresholds (one per model but the last); empty for a single model. */
  thresholds: number[];
  rows: QueryRow[];
  /** Why the table is empty or incomplete, one sentence each. */
  notes: string[];
  /** Set when the rows carry rewards (a system at a price vector); null otherwise. */
  pricing: RowPricing | null;
  /** The rejection rate of an accuracy–rejection curve point (rows' `humanShare` set); null otherwise. */
  rejection: number | null;
}

const sumOrNull = (values: (number | null)[]): number | null => {
  let s = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) return null;
    s += v;
  }
  return s;
};
/**
 * A row's texts from the records of its models (in the table's order; undefined where a model has
 * none): the first question and reference found, and each model's answer.
 */
export function rowTexts(
  recs: readonly (EvalRecord | undefined)[],
): Pick<QueryRow, 'question' | 'reference' | 'answers'> {
  let question = '';
  let reference = '';
  for (const r of recs) {
    if (question === '' && r?.question) question = r.question;
    if (reference === '' && r?.reference) reference = r.reference;
  }
  return { question, reference, answers: recs.map((r) => r?.answer ?? '') };
}

/** A finite number, else null (a row never carries NaN or ±∞). */
export const finiteOrNull = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

/**
 * One row per record of `model` on `split` ('' = every record), in the log's order. The share of
 * right rows is the model's accuracy when its scores are 0 or 1 (its mean score equals the mean of
 * `score` otherwise), as the Model Overview reports it.
 */
export function modelQueryTable(records: readonly EvalRecord[], model: string, split: string): QueryTable {
  const rows: QueryRow[] = [];
  for (const r of records) {
    if (r.model !== model || (split !== '' && r.split !== split)) continue;
    rows.push({
      queryId: r.queryId,
      answeredBy: 0,
      correct: r.correct,
      score: r.score,
      costUsd: finiteOrNull(r.costUsd),
      latencyS: finiteOrNull(r.latencyS),
      confidence: [finiteOrNull(r.confidence)],
      modelCorrect: [r.correct],
      line: [r.line],
      ...rowTexts([r]),
      abstained: false,
      reward: null,
      terms: [],
      humanShare: 0,
    });
  }
  const notes = rows.length ? [] : [`"${model}" has no record${split ? ` in the split "${split}"` : ''}.`];
  return { models: [model], confidenceKind: 'log', split, thresholds: [], rows, notes, pricing: null, rejection: null };
}

export interface CascadeQueryOptions {
  records: readonly EvalRecord[];
  /** Model names in cascade order. */
  cascade: string[];
  /** A frontier point's thresholds: one per model but the last; model i answers when its calibrated confidence exceeds thresholds[i]. */
  thresholds: number[];
  trainSplit?: string;
  testSplit?: string;
  /** The tuning's low-sample mode and seed: the calibrators are fitted on the same training queries. */
  lowSample?: number;
  seed?: number;
}

/**
 * One row per test query of the cascade at these thresholds: calibrators fitted as the tuning fits
 * them (same records, splits, low-sample draw and seed), queries routed as the frontier's test score
 * routes them. The share of wrong rows equals the frontier point's test error, and each model's
 * share of `answeredBy` its test share.
 */
export function cascadeQueryTable(opts: CascadeQueryOptions): QueryTable {
  const { cascade, thresholds } = opts;
  if (cascade.length < 2) throw new Error('a cascade needs at least 2 models');
  if (thresholds.length !== cascade.length - 1)
    throw new Error(
      `a cascade of ${cascade.length} models needs ${cascade.length - 1} threshold(s), got ${thresholds.length}`,
    );
  const testSplit = opts.testSplit ?? 'test';
  const data = prepareCascadeData({
    records: opts.records,
    models: cascade,
    trainSplit: opts.trainSplit,
    testSplit,
    lowSample: opts.lowSample,
    seed: opts.seed,
  });
  const base = {
    models: [...cascade],
    confidenceKind: 'calibrated' as const,
    split: testSplit,
    thresholds: [...thresholds],
    pricing: null,
    rejection: null,
  };
  if (data.problems.length) return { ...base, rows: [], notes: data.problems.map((p) => `${p.model}: ${p.message}`) };
  const joined = joinByQuery(opts.records, { models: cascade, split: testSplit });
  const cellsOf = new Map<string, (EvalRecord | undefined)[]>();
  joined.queryIds.forEach((id, q) => cellsOf.set(id, joined.cells[q]));
  const order = cascade.map((_, i) => i);
  const test = data.test;
  const rows: QueryRow[] = [];
  for (let q = 0; q < test.queryIds.length; q++) {
    const id = test.queryIds[q];
    const cells = cellsOf.get(id);
    if (!cells) continue; // cannot happen: the test data is built from the same join
    const recs = cells as EvalRecord[];
    const i = answeringStep(test, order, thresholds, q);
    const called = recs.slice(0, i + 1);
    rows.push({
      queryId: id,
      answeredBy: i,
      correct: test.correct[i][q] === 1,
      score: recs[i].score,
      costUsd: sumOrNull(called.map((r) => r.costUsd)),
      latencyS: sumOrNull(called.map((r) => r.latencyS)),
      confidence: order.map((m) => finiteOrNull(test.phi[m][q])),
      modelCorrect: order.map((m) => test.correct[m][q] === 1),
      line: recs.map((r) => r.line),
      ...rowTexts(recs),
      abstained: false,
      reward: null,
      terms: [],
      humanShare: 0,
    });
  }
  const notes = rows.length
    ? []
    : [`No test query of the split "${testSplit}" was answered by every model with a confidence.`];
  return { ...base, rows, notes };
}
