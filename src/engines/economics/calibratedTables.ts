import { applyCalibrator, fitCalibrator } from '../calibration/fitCalibrator';
import type { ConfidenceSignal } from '../calibration/confidenceTransform';
import type { QueryTable } from './buildQueryTable';
import { appendAll } from '../../shared/arrays';

/** A train and a test table whose confidence columns are calibrated probabilities of being right. */
export interface CalibratedTables {
  train: QueryTable;
  test: QueryTable;
  warnings: string[];
}

/** The raw signal of model m on query i, as the calibrator reads it (null fields when the log has none). */
function signalAt(table: QueryTable, m: number, i: number): ConfidenceSignal {
  const lp = table.logprob[m][i];
  const c = table.confidence[m][i];
  return { logprob: Number.isNaN(lp) ? null : lp, confidence: c === -Infinity ? null : c };
}

const hasSignal = (s: ConfidenceSignal): boolean => s.logprob !== null || s.confidence !== null;

/**
 * What a router compares across models: every model's probability of answering each query
 * correctly, on one scale. Each model's raw confidence is calibrated by the logistic calibrator of
 * thesis eq. 2.3 (with the transform of §2.4), fitted on the train table only and applied to both
 * tables. A query without a confidence signal, and every query of a model without one (or whose
 * signal cannot be calibrated), gets the model's smoothed train accuracy (k + ½)/(n + 1): the
 * router then knows only how often the model is right. The tables are otherwise unchanged; when
 * `test` is `train` (no separate train split) the same calibrated table is returned twice.
 */
export function calibratedTables(train: QueryTable, test: QueryTable): CalibratedTables {
  const warnings: string[] = [];
  const models = train.models;
  const calibrate: ((s: ConfidenceSignal) => number)[] = models.map((name, m) => {
    let right = 0;
    for (let i = 0; i < train.n; i++) right += train.correct[m][i];
    const base = (right + 0.5) / (train.n + 1);
    const signals: ConfidenceSignal[] = [];
    const correct: number[] = [];
    for (let i = 0; i < train.n; i++) {
      const s = signalAt(train, m, i);
      if (!hasSignal(s)) continue;
      signals.push(s);
      correct.push(train.correct[m][i]);
    }
    const share = `${(base * 100).toFixed(1)}%`;
    if (signals.length === 0) {
      warnings.push(
        `${name}: no confidence signal on the train split; routers only know its train accuracy (${share}).`,
      );
      return () => base;
    }
    const fit = fitCalibrator({ signals, correct, taskType: train.taskTypes[m] });
    if (fit.degenerate) {
      warnings.push(`${name}: ${fit.degenerate}; routers use its train accuracy (${share}).`);
      return () => base;
    }
    appendAll(
      warnings,
      fit.warnings.map((w) => `${name} (router calibration): ${w}.`),
    );
    if (signals.length < train.n)
      warnings.push(
        `${name}: ${train.n - signals.length} train queries without a confidence signal; routers use its train accuracy (${share}) on such queries.`,
      );
    return (s) => {
      if (!hasSignal(s)) return base;
      const p = applyCalibrator(fit.calibrator, s);
      return Number.isFinite(p) ? p : base;
    };
  });
  const apply = (table: QueryTable): QueryTable => {
    const confidence = models.map((_, m) => {
      const col = new Float64Array(table.n);
      for (let i = 0; i < table.n; i++) col[i] = calibrate[m](signalAt(table, m, i));
      return col;
    });
    return { ...table, confidence, hasConfidence: models.map(() => true) };
  };
  const trainCal = apply(train);
  return { train: trainCal, test: test === train ? trainCal : apply(test), warnings };
}
