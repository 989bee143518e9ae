import { applyCalibrator } from '../calibration/fitCalibrator';
import type { EvalRecord } from '../logs/types';
import { tuneCascade } from '../tuning/tuneCascade';
import type { ThresholdSource } from './buildCandidates';

/**
 * Thresholds of k-model cascades from the Rational Tuning engine (thesis ch. 2): the operating
 * points of its frontier (tuned on the train split, calibrated confidences), each of which becomes
 * an operating point of the economic candidate; the economic evaluation then picks θ*(λ) among
 * them on train statistics as for two-model cascades. A model answers when its calibrated
 * confidence is above its threshold (tuning-api.md).
 */
export function rationalTuningSource(
  records: readonly EvalRecord[],
  opts: { trainSplit?: string; testSplit?: string } = {},
): ThresholdSource {
  return ({ models, signal }) => {
    if (signal?.aborted) throw signal.reason ?? new Error('cancelled');
    const r = tuneCascade({
      records,
      cascade: models,
      methods: ['rt'],
      bootstrap: 0,
      auc: false,
      trainSplit: opts.trainSplit,
      testSplit: opts.testSplit,
      signal,
    });
    const warnings = [...r.problems.map((p) => `${p.model}: ${p.message}`), ...r.warnings];
    const rt = r.methods.rt;
    if (r.problems.length || !rt) return { thresholds: [], warnings };
    const calibrators = r.models.map((m) => m.calibrator);
    return {
      thresholds: rt.points.map((p) => p.thresholds),
      warnings: [...warnings, ...rt.warnings],
      calibrate: (position, s) => applyCalibrator(calibrators[position], s),
      answersAbove: true,
    };
  };
}
