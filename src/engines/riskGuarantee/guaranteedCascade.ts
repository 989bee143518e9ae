import type { SelectiveItem } from '../abstention/accuracyRejectionCurve';
import { guaranteedThreshold, type GuaranteeOptions, type GuaranteeResult } from './guaranteedThreshold';

/** One query as the two-model cascade sees it: each model's certainty and correctness. */
export interface CascadeItem {
  weak: SelectiveItem;
  strong: SelectiveItem;
}

export interface CascadeOutcome {
  /** Shares of queries accepted by the weak model, accepted by the strong model, and abstained on. */
  weakShare: number;
  strongShare: number;
  abstainShare: number;
  /** Coverage = weakShare + strongShare. */
  coverage: number;
  /** Error rate among accepted answers (null when nothing is accepted). */
  risk: number | null;
  accepted: number;
  errors: number;
}

export interface CascadeGuarantee {
  alpha: number;
  delta: number;
  weak: GuaranteeResult;
  strong: GuaranteeResult;
  cal: CascadeOutcome;
  warnings: string[];
}

/**
 * Guaranteed-risk thresholds for a two-model cascade (Inter-Cascade §2.1, Figure 1b): the weak model
 * answers when its certainty clears λ_w, otherwise the strong model answers when its certainty clears
 * λ_s, otherwise the query is abstained on. Each stage is calibrated by the same procedure as a
 * single model (`guaranteedThreshold`: the same method, grid and start rule) at risk α and level δ/2 —
 * the weak stage on all calibration queries, the strong stage on those the weak model passes on — so
 * with probability ≥ 1 − δ (union bound) both stages' conditional risks are ≤ α, and then so is the
 * risk of everything accepted, which is their mixture.
 */
export function guaranteedCascade(cal: readonly CascadeItem[], opts: GuaranteeOptions): CascadeGuarantee {
  const stage = { ...opts, delta: opts.delta / 2 };
  const weak = guaranteedThreshold(
    cal.map((q) => q.weak),
    stage,
  );
  const passed = cal.filter((q) => weak.threshold === null || q.weak.certainty < weak.threshold);
  const strong = guaranteedThreshold(
    passed.map((q) => q.strong),
    stage,
  );
  const warnings = [
    ...weak.warnings.map((w) => `weak model: ${w}`),
    ...strong.warnings.map((w) => `strong model: ${w}`),
  ];
  return {
    alpha: opts.alpha,
    delta: opts.delta,
    weak,
    strong,
    cal: runCascade(cal, weak.threshold, strong.threshold),
    warnings,
  };
}

/** Routes queries through the cascade with the given thresholds (null = that model never accepts). */
export function runCascade(
  items: readonly CascadeItem[],
  weakThreshold: number | null,
  strongThreshold: number | null,
): CascadeOutcome {
  let weakN = 0;
  let strongN = 0;
  let errors = 0;
  for (const q of items) {
    if (weakThreshold !== null && q.weak.certainty >= weakThreshold) {
      weakN++;
      if (!q.weak.correct) errors++;
    } else if (strongThreshold !== null && q.strong.certainty >= strongThreshold) {
      strongN++;
      if (!q.strong.correct) errors++;
    }
  }
  const n = items.length;
  const accepted = weakN + strongN;
  return {
    weakShare: n ? weakN / n : 0,
    strongShare: n ? strongN / n : 0,
    abstainShare: n ? (n - accepted) / n : 0,
    coverage: n ? accepted / n : 0,
    risk: accepted ? errors / accepted : null,
    accepted,
    errors,
  };
}
