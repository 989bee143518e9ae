/**
 * The files the Cascade Frontier exports: a chosen operating point as a deployable cascade config
 * (`{cascade, thresholds, calibrators}` plus where it came from), and the whole frontier as JSON.
 * Pure (no DOM), tested in plain Node.
 */
import type { Calibrator } from '../../src/engines/calibration/fitCalibrator';
import type { CascadeSelection, TuneCascadeResult } from '../../src/protocol/cascadeFrontier';
import type { PointRef } from '../charts/cascadeFrontierChart';

export const CONFIG_KIND = 'cost-risk-lab/cascade-config';

export interface DeployableCascadeConfig {
  kind: typeof CONFIG_KIND;
  version: 1;
  /** Models in the order they are asked. */
  cascade: string[];
  /** k − 1 thresholds: model i's answer is kept when its calibrated confidence is above thresholds[i]. */
  thresholds: number[];
  /** Per model: φ = applyCalibrator(calibrators[i], {logprob, confidence}) (src/engines/calibration/fitCalibrator.ts). */
  calibrators: Calibrator[];
  rule: string;
  operatingPoint: {
    method: string;
    costUnit: 'USD per query';
    expectedCost: number;
    expectedError: number;
    expectedShares: number[];
    testCost: number | null;
    testError: number | null;
    testShares: number[] | null;
  };
  source: {
    log: string;
    trainSplit: string;
    testSplit: string;
    lowSample: number | null;
    seed: number;
    trainQueries: number;
    testQueries: number;
  };
}

const RULE =
  "Ask the models in cascade order. Compute model i's calibrated confidence phi_i from its answer's logprob or confidence with calibrators[i] " +
  '(logistic regression on the transformed confidence, thesis eqs. 2.16-2.18). Keep the answer of the first model i < k with phi_i > thresholds[i]; otherwise the last model answers.';

/** The deployable config of one frontier point; null when the point does not exist. */
export function deployableConfig(
  result: TuneCascadeResult,
  ref: PointRef,
  selection: CascadeSelection,
  logName: string,
): DeployableCascadeConfig | null {
  const p = result.methods[ref.method]?.points[ref.index];
  if (!p) return null;
  return {
    kind: CONFIG_KIND,
    version: 1,
    cascade: [...result.cascade],
    thresholds: [...p.thresholds],
    calibrators: result.models.map((m) => ({ ...m.calibrator })),
    rule: RULE,
    operatingPoint: {
      method: ref.method,
      costUnit: 'USD per query',
      expectedCost: p.expectedCost,
      expectedError: p.expectedError,
      expectedShares: p.expectedShares,
      testCost: p.testCost,
      testError: p.testError,
      testShares: p.testShares,
    },
    source: {
      log: logName,
      trainSplit: selection.trainSplit,
      testSplit: selection.testSplit,
      lowSample: selection.lowSample,
      seed: selection.seed,
      trainQueries: result.trainQueries,
      testQueries: result.testQueries,
    },
  };
}

/** The whole tuning result with the choices that produced it (the "Export JSON" of the frontier). */
export function frontierJson(result: TuneCascadeResult, selection: CascadeSelection, logName: string): string {
  return JSON.stringify(
    { kind: 'cost-risk-lab/cascade-frontier', version: 1, costUnit: 'USD per query', log: logName, selection, result },
    null,
    2,
  );
}
