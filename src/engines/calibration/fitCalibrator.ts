import type { TaskType } from '../logs/types';
import {
  clampTransformed,
  finiteRange,
  rawLogProbability,
  transformConfidence,
  type ConfidenceSignal,
} from './confidenceTransform';
import { logisticPredict, logisticRegression, type LogisticFit } from './logisticRegression';

/** A fitted calibrator Φ(p_raw) = σ(a + b·ξ(p_raw)) (thesis eq. 2.3), JSON-serialisable. */
export interface Calibrator {
  taskType: TaskType;
  /** false: the covariate is the raw log-probability (the "without transform" ablation of Table 2.2). */
  transformed: boolean;
  intercept: number;
  slope: number;
  /** Finite range of the training covariate: ±∞ are mapped to it (eq. 2.18). */
  covariateMin: number;
  covariateMax: number;
}

export interface CalibratorFit {
  calibrator: Calibrator;
  /** The logistic fit; null when the data was degenerate and a constant calibrator was used. */
  fit: LogisticFit | null;
  /** Why the model cannot be calibrated (n < 5, always right/wrong, constant signal), else null. */
  degenerate: string | null;
  warnings: string[];
}

export interface FitCalibratorOptions {
  signals: readonly ConfidenceSignal[];
  correct: ArrayLike<boolean | number>;
  taskType: TaskType;
  /** Apply eq. 2.16/2.17 first (default true). */
  transform?: boolean;
}

/** The covariate the calibrator regresses on, before clamping. */
export function calibratorCovariate(signal: ConfidenceSignal, taskType: TaskType, transformed: boolean): number {
  return transformed ? transformConfidence(signal, taskType) : rawLogProbability(signal);
}

/** Calibrated confidence of one answer. */
export function applyCalibrator(cal: Calibrator, signal: ConfidenceSignal): number {
  const x = clampTransformed(calibratorCovariate(signal, cal.taskType, cal.transformed), {
    min: cal.covariateMin,
    max: cal.covariateMax,
  });
  return logisticPredict(cal.intercept, cal.slope, x);
}

/**
 * Fits the logistic calibrator of one model on its training answers (thesis §2.4, eqs. 2.3,
 * 2.16–2.18). Degenerate data — fewer than 5 answers, always right or always wrong, a constant
 * signal — gets a constant calibrator at the smoothed accuracy (k + ½)/(n + 1) and a message.
 */
export function fitCalibrator(opts: FitCalibratorOptions): CalibratorFit {
  const transformed = opts.transform ?? true;
  const n = opts.signals.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    xs[i] = calibratorCovariate(opts.signals[i], opts.taskType, transformed);
    ys[i] = opts.correct[i] ? 1 : 0;
    k += ys[i];
  }
  const range = finiteRange(xs) ?? { min: 0, max: 0 };
  for (let i = 0; i < n; i++) xs[i] = clampTransformed(xs[i], range);
  const constant = (why: string): CalibratorFit => {
    const rate = (k + 0.5) / (n + 1);
    return {
      calibrator: {
        taskType: opts.taskType,
        transformed,
        intercept: Math.log(rate / (1 - rate)),
        slope: 0,
        covariateMin: range.min,
        covariateMax: range.max,
      },
      fit: null,
      degenerate: why,
      warnings: [],
    };
  };
  if (n < 5) return constant(`only ${n} training answer(s); at least 5 are needed to calibrate`);
  if (k === 0) return constant(`always wrong on the ${n} training answers: confidence cannot be calibrated`);
  if (k === n) return constant(`always right on the ${n} training answers: confidence cannot be calibrated`);
  if (range.min === range.max) return constant('the confidence signal is constant on the training answers');
  const fit = logisticRegression({ columns: [xs], y: ys });
  const warnings = [...fit.warnings];
  if (fit.coefficients[1] < 0)
    warnings.push('higher raw confidence predicts lower accuracy (negative slope): the signal is not informative');
  const p = fit.pValues[1];
  if (p !== null && p > 0.05)
    warnings.push(`the confidence signal is not significantly related to correctness (p = ${p.toPrecision(2)})`);
  return {
    calibrator: {
      taskType: opts.taskType,
      transformed,
      intercept: fit.coefficients[0],
      slope: fit.coefficients[1],
      covariateMin: range.min,
      covariateMax: range.max,
    },
    fit,
    degenerate: null,
    warnings,
  };
}
