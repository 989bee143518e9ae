import type { TaskType } from '../logs/types';

/** The raw confidence signal of one answer: a natural-log probability and/or the probability itself. */
export interface ConfidenceSignal {
  logprob: number | null;
  confidence: number | null;
}

const LN2 = Math.LN2;

/** −log(1 − p) from log p, exact near p = 1 (uses expm1); +∞ at p = 1, 0 at p = 0. */
function negLogOneMinus(logprob: number): number {
  if (logprob >= 0) return Infinity;
  if (logprob === -Infinity) return 0;
  return -Math.log(-Math.expm1(logprob));
}

/**
 * The hyperparameter-free feature transform ξ(p_raw) applied before logistic calibration
 * (thesis §2.4): eq. 2.16 for `multiple_choice`, ξ = log(1 / (1 − p)); eq. 2.17 for `generation`,
 * log(1 / (1 − p)) above p = ½ and the mirrored asymptote below it. We use the signed, continuous
 * form of eq. 2.17 — ξ = log(1/(1−p)) − log 2 for p ≥ ½ and ξ = log p + log 2 = −log(1/p) + log 2
 * for p < ½ — so that ξ is increasing in p (the literal unsigned form would rank p = 0.01 above
 * p = 0.9); the constants only shift the logistic intercept.
 *
 * Computed from the log-probability when there is one, so p = 1 − 1e-12 keeps its full precision.
 * Returns ±Infinity at certainty (p = 1, or p = 0 for generation); see {@link clampTransformed}.
 * Returns NaN when the record has no signal at all (callers filter those out first).
 */
export function transformConfidence(signal: ConfidenceSignal, taskType: TaskType): number {
  const lp =
    signal.logprob !== null ? signal.logprob : signal.confidence !== null ? Math.log(signal.confidence) : Number.NaN;
  if (Number.isNaN(lp)) return Number.NaN;
  if (taskType === 'multiple_choice') {
    if (signal.logprob === null && signal.confidence !== null)
      return signal.confidence >= 1 ? Infinity : -Math.log1p(-signal.confidence);
    return negLogOneMinus(lp);
  }
  if (lp >= -LN2)
    return (
      (signal.logprob === null && signal.confidence !== null ? -Math.log1p(-signal.confidence) : negLogOneMinus(lp)) -
      LN2
    );
  return lp + LN2;
}

/**
 * The untransformed covariate of Table 2.2's ablation (%ECE_TF): the raw signal as the thesis' code
 * feeds it to the logistic regression without eq. 2.16/2.17 — the log-probability (its
 * `ModelIntrinsicLogProb` signal with `NullTransformation`), not the probability. −∞ (p = 0) is
 * mapped to the smallest finite training value like any infinity (eq. 2.18). NaN without a signal.
 */
export function rawLogProbability(signal: ConfidenceSignal): number {
  if (signal.logprob !== null) return signal.logprob;
  if (signal.confidence !== null) return Math.log(signal.confidence);
  return Number.NaN;
}

/** Largest and smallest finite value of a training sample (eq. 2.18); null when none is finite. */
export function finiteRange(values: ArrayLike<number>): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : null;
}

/** Eq. 2.18: +∞ becomes the largest finite training value, −∞ the smallest. */
export function clampTransformed(value: number, range: { min: number; max: number }): number {
  if (value === Infinity) return range.max;
  if (value === -Infinity) return range.min;
  return value;
}
