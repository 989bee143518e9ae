import { guaranteedCascade, type CascadeGuarantee } from '../riskGuarantee/guaranteedCascade';
import type { CascadeModel } from './cascadeModel';
import { callModel, type StageCall } from './callModel';
import type { CascadeQuery } from './queriesJsonl';

export interface CalibrationOptions {
  /** Calibration queries; each needs a gold answer. */
  queries: readonly CascadeQuery[];
  weak: CascadeModel;
  strong: CascadeModel;
  alpha: number;
  delta: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface CalibrationResult {
  weakThreshold: number | null;
  strongThreshold: number | null;
  guarantee: CascadeGuarantee;
  /** Both models' calls on every calibration query (no strategies shown). */
  calls: { queryId: string; weak: StageCall; strong: StageCall }[];
  warnings: string[];
}

/**
 * Deferral thresholds with a risk guarantee before the online run (Inter-Cascade §2.1 and
 * Algorithm 1, after Jung et al. 2025): both models answer every calibration query without
 * strategies, and the existing fixed-sequence Clopper–Pearson cascade calibration
 * ({@link guaranteedCascade}, δ/2 per stage, over every distinct confidence as in Algorithm 1)
 * picks the thresholds at risk α with probability 1 − δ.
 * Strategies added later only change the weak model's inputs, not the threshold (Theorem 2.2 is
 * about what that does to the bound; test/engines/intercascade/strategyRiskDrop.ts checks it).
 * @throws Error when a calibration query has no gold answer; the signal's reason when cancelled.
 */
export async function calibrateThresholds(opts: CalibrationOptions): Promise<CalibrationResult> {
  const missing = opts.queries.find((q) => q.gold === null);
  if (missing) throw new Error(`calibration query "${missing.queryId}" has no gold answer`);
  const calls: CalibrationResult['calls'] = [];
  for (const [i, q] of opts.queries.entries()) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('cancelled');
    const weak = await callModel(opts.weak, q.question, [], q.gold, null, opts.signal);
    const strong = await callModel(opts.strong, q.question, [], q.gold, null, opts.signal);
    calls.push({ queryId: q.queryId, weak, strong });
    opts.onProgress?.((i + 1) / opts.queries.length);
  }
  return calibrationFromCalls(calls, opts.alpha, opts.delta);
}

/** The thresholds of {@link calibrateThresholds} from calls already made (both models, every calibration query). */
export function calibrationFromCalls(
  calls: CalibrationResult['calls'],
  alpha: number,
  delta: number,
): CalibrationResult {
  const item = (c: StageCall) => ({ certainty: c.confidence, correct: c.correct === true });
  const guarantee = guaranteedCascade(
    calls.map((c) => ({ weak: item(c.weak), strong: item(c.strong) })),
    { alpha, delta, method: 'every-answer', curvePoints: 0 },
  );
  const failed = calls.flatMap((c) => [c.weak, c.strong]).filter((c) => c.error !== null);
  const warnings = [...guarantee.warnings];
  if (failed.length)
    warnings.unshift(
      `${failed.length} calibration call(s) failed and count as wrong answers with confidence 0; first: ${failed[0].model}: ${failed[0].error}`,
    );
  return {
    weakThreshold: guarantee.weak.threshold,
    strongThreshold: guarantee.strong.threshold,
    guarantee,
    calls,
    warnings,
  };
}
