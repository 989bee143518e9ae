import { applyCalibrator, fitCalibrator, type Calibrator } from '../calibration/fitCalibrator';
import { joinByQuery, uniqueModels } from '../logs/joinByQuery';
import type { EvalRecord } from '../logs/types';
import { Rng } from '../numeric/rng';
import { balancedSubsample } from './balancedSubsample';
import { appendAll } from '../../shared/arrays';

/** Query × model data of one split after calibration: columns per model. */
export interface SplitData {
  queryIds: string[];
  /** phi[m][q]: calibrated confidence. */
  phi: Float64Array[];
  /** correct[m][q]: 1 or 0. */
  correct: Uint8Array[];
  /** cost[m][q]: $ of model m's call on query q (0 when unknown; see `costKnown`). */
  cost: Float64Array[];
  /** Mean $ per query of each model on this split. */
  meanCost: number[];
}

export interface CascadeData {
  models: string[];
  calibrators: Calibrator[];
  train: SplitData;
  test: SplitData;
  /** One message per model that cannot be used (n < 5, always right/wrong, constant confidence...). */
  problems: { model: string; message: string }[];
  warnings: string[];
}

export interface PrepareOptions {
  records: readonly EvalRecord[];
  models: string[];
  trainSplit?: string;
  testSplit?: string;
  /** Low-sample mode (thesis §2.4): calibrate and fit on ≤ N balanced training queries, drawn once per log (see {@link lowSampleQueries}). */
  lowSample?: number;
  seed?: number;
}

function splitData(
  records: readonly EvalRecord[],
  models: string[],
  split: string,
  keep?: ReadonlySet<string>,
): { data: SplitData; rows: EvalRecord[][]; notes: string[] } {
  const j = joinByQuery(records, { models, split });
  const rows: EvalRecord[][] = [];
  const ids: string[] = [];
  const usable = j.complete.filter((q) => j.cells[q].every((r) => r!.logprob !== null || r!.confidence !== null));
  for (const q of usable) {
    if (keep && !keep.has(j.queryIds[q])) continue;
    rows.push(j.cells[q] as EvalRecord[]);
    ids.push(j.queryIds[q]);
  }
  const m = models.length;
  const n = rows.length;
  const data: SplitData = {
    queryIds: ids,
    phi: Array.from({ length: m }, () => new Float64Array(n)),
    correct: Array.from({ length: m }, () => new Uint8Array(n)),
    cost: Array.from({ length: m }, () => new Float64Array(n)),
    meanCost: new Array<number>(m).fill(0),
  };
  for (let q = 0; q < n; q++) {
    for (let k = 0; k < m; k++) {
      const r = rows[q][k];
      data.correct[k][q] = r.correct ? 1 : 0;
      data.cost[k][q] = r.costUsd ?? 0;
    }
  }
  for (let k = 0; k < m; k++) data.meanCost[k] = n ? data.cost[k].reduce((a, b) => a + b, 0) / n : 0;
  const notes = [...j.notes];
  if (usable.length < j.complete.length)
    notes.push(
      `${j.complete.length - usable.length} ${split} quer(ies) lack a confidence signal for some model and were left out`,
    );
  return { data, rows, notes };
}

/**
 * The low-sample training queries of thesis §2.4: one balanced draw per benchmark (log), over the
 * training queries every model of the log answered, so that every cascade of the log is fitted on
 * the same queries (the thesis draws once per benchmark for all its cascades). Falls back to the
 * cascade's own models (`fallback`) when one of them has no training answer or the log's models
 * share no training query.
 */
export function lowSampleQueries(
  records: readonly EvalRecord[],
  cascade: string[],
  trainSplit: string,
  target: number,
  seed: number,
): { ids: Set<string>; over: string[]; fallback: boolean } {
  const withTrain = new Set<string>();
  for (const r of records) if (r.split === trainSplit) withTrain.add(r.model);
  const all = uniqueModels(records).filter((m) => withTrain.has(m));
  // The log's model order (not the cascade's) keeps the draw identical for every cascade.
  let over = cascade.every((m) => withTrain.has(m)) ? all : cascade;
  let pool = splitData(records, over, trainSplit).data;
  let fallback = over === cascade;
  if (!fallback && pool.queryIds.length === 0) {
    fallback = true;
    over = cascade;
    pool = splitData(records, over, trainSplit).data;
  }
  const positions = balancedSubsample(pool.correct, target, new Rng(seed));
  return { ids: new Set([...positions].map((q) => pool.queryIds[q])), over: [...over], fallback };
}

/**
 * Joins the chosen models' records on the queries all of them answered, fits each model's
 * calibrator on the training split (optionally a balanced low-sample subset) and calibrates both
 * splits. Problems that make a model unusable are reported per model, never as NaN.
 */
export function prepareCascadeData(opts: PrepareOptions): CascadeData {
  const trainSplit = opts.trainSplit ?? 'train';
  const testSplit = opts.testSplit ?? 'test';
  const warnings: string[] = [];
  let trainPart = splitData(opts.records, opts.models, trainSplit);
  if (opts.lowSample !== undefined) {
    const sub = lowSampleQueries(opts.records, opts.models, trainSplit, opts.lowSample, opts.seed ?? 1);
    trainPart = splitData(opts.records, opts.models, trainSplit, sub.ids);
    warnings.push(
      `low-sample mode: ${trainPart.rows.length} balanced training queries (target ${opts.lowSample}), ${sub.fallback ? `drawn over the cascade's ${sub.over.length} models (the log's models share no training query)` : `drawn once for the log over its ${sub.over.length} models`}`,
    );
  }
  const testPart = splitData(opts.records, opts.models, testSplit);
  appendAll(appendAll(warnings, trainPart.notes), testPart.notes);
  const problems: { model: string; message: string }[] = [];
  const calibrators: Calibrator[] = [];
  opts.models.forEach((model, k) => {
    const rows = trainPart.rows.map((r) => r[k]);
    const fit = fitCalibrator({
      signals: rows,
      correct: rows.map((r) => r.correct),
      taskType: rows[0]?.taskType ?? 'multiple_choice',
    });
    calibrators.push(fit.calibrator);
    if (fit.degenerate) problems.push({ model, message: fit.degenerate });
    for (const w of fit.warnings) warnings.push(`${model}: ${w}`);
    for (const part of [trainPart, testPart])
      part.rows.forEach((r, q) => (part.data.phi[k][q] = applyCalibrator(fit.calibrator, r[k])));
    const missingCost = trainPart.rows.concat(testPart.rows).filter((r) => r[k].costUsd === null).length;
    if (missingCost)
      problems.push({
        model,
        message: `${missingCost} answer(s) have no cost (no cost_usd and no token prices): cost cannot be modelled`,
      });
  });
  if (testPart.rows.length === 0)
    warnings.push(`no query in the test split "${testSplit}" was answered by every model: nothing to score`);
  return { models: [...opts.models], calibrators, train: trainPart.data, test: testPart.data, problems, warnings };
}
