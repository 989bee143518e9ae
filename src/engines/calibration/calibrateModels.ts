import type { EvalRecord } from '../logs/types';
import { uniqueModels } from '../logs/joinByQuery';
import { expectedCalibrationError, type ReliabilityBin } from './expectedCalibrationError';
import { applyCalibrator, fitCalibrator, type Calibrator } from './fitCalibrator';

export interface ModelCalibration {
  model: string;
  nTrain: number;
  nTest: number;
  accuracyTest: number | null;
  calibrator: Calibrator;
  /** [intercept, slope], standard errors and Wald p-values; null entries when degenerate. */
  coefficients: [number, number];
  standardErrors: [number | null, number | null];
  pValues: [number | null, number | null];
  /** Test ECE with 10 quantile bins, with and without the transform (Table 2.2), and with 20 bins. */
  eceTest: number | null;
  eceTest20: number | null;
  eceTestUntransformed: number | null;
  eceTrain: number | null;
  /** Share of test answers with certainty (p = 1 or p = 0; Table 2.1 "%Cert"). */
  certainShareTest: number | null;
  /** Test reliability diagram (10 quantile bins). */
  reliability: ReliabilityBin[];
  degenerate: string | null;
  warnings: string[];
}

export interface CalibrateModelsOptions {
  records: readonly EvalRecord[];
  models?: string[];
  trainSplit?: string;
  testSplit?: string;
}

export interface CalibrationReport {
  trainSplit: string;
  testSplit: string;
  models: ModelCalibration[];
  warnings: string[];
}

const hasSignal = (r: EvalRecord): boolean => r.logprob !== null || r.confidence !== null;

/**
 * Calibrates every model on the training split and scores it on the test split (thesis §2.4,
 * Tables 2.1–2.2): logistic calibration with and without the transform, 10- and 20-bin quantile
 * ECE, reliability data, coefficient p-values. Records without a confidence signal are left out
 * (and counted in a warning).
 */
export function calibrateModels(opts: CalibrateModelsOptions): CalibrationReport {
  const trainSplit = opts.trainSplit ?? 'train';
  const testSplit = opts.testSplit ?? 'test';
  const models = opts.models ?? uniqueModels(opts.records);
  const warnings: string[] = [];
  const byModel = new Map<string, { train: EvalRecord[]; test: EvalRecord[] }>(
    models.map((m) => [m, { train: [], test: [] }]),
  );
  let noSignal = 0;
  for (const r of opts.records) {
    const slot = byModel.get(r.model);
    if (!slot) continue;
    if (!hasSignal(r)) {
      noSignal++;
      continue;
    }
    if (r.split === trainSplit) slot.train.push(r);
    else if (r.split === testSplit) slot.test.push(r);
  }
  if (noSignal)
    warnings.push(`${noSignal} record(s) have no confidence signal (logprob or confidence) and were left out`);
  const out = models.map((model): ModelCalibration => {
    const { train, test } = byModel.get(model)!;
    const taskType = (train[0] ?? test[0])?.taskType ?? 'multiple_choice';
    const fitted = fitCalibrator({ signals: train, correct: train.map((r) => r.correct), taskType });
    const raw = fitCalibrator({ signals: train, correct: train.map((r) => r.correct), taskType, transform: false });
    const testY = test.map((r) => r.correct);
    const testPhi = test.map((r) => applyCalibrator(fitted.calibrator, r));
    const e10 = expectedCalibrationError(testPhi, testY, 10);
    const e20 = expectedCalibrationError(testPhi, testY, 20);
    const eRaw = expectedCalibrationError(
      test.map((r) => applyCalibrator(raw.calibrator, r)),
      testY,
      10,
    );
    const eTrain = expectedCalibrationError(
      train.map((r) => applyCalibrator(fitted.calibrator, r)),
      train.map((r) => r.correct),
      10,
    );
    const warn = [...fitted.warnings];
    if (test.length === 0) warn.push(`no answers in the test split "${testSplit}"`);
    if (e10.ece !== null && e10.ece > 0.1)
      warn.push(`test ECE ${(100 * e10.ece).toFixed(1)}% exceeds the 10% guideline of thesis §2.4`);
    const certain = test.filter((r) =>
      r.logprob !== null ? r.logprob === 0 || r.logprob === -Infinity : r.confidence === 0 || r.confidence === 1,
    ).length;
    const f = fitted.fit;
    return {
      model,
      nTrain: train.length,
      nTest: test.length,
      accuracyTest: test.length ? testY.filter(Boolean).length / test.length : null,
      calibrator: fitted.calibrator,
      coefficients: [fitted.calibrator.intercept, fitted.calibrator.slope],
      standardErrors: f ? [f.standardErrors[0], f.standardErrors[1]] : [null, null],
      pValues: f ? [f.pValues[0], f.pValues[1]] : [null, null],
      eceTest: fitted.degenerate ? null : e10.ece,
      eceTest20: fitted.degenerate ? null : e20.ece,
      eceTestUntransformed: raw.degenerate ? null : eRaw.ece,
      eceTrain: fitted.degenerate ? null : eTrain.ece,
      certainShareTest: test.length ? certain / test.length : null,
      reliability: e10.bins,
      degenerate: fitted.degenerate,
      warnings: warn,
    };
  });
  return { trainSplit, testSplit, models: out, warnings };
}
