import { rejectionGrid } from './rejectionGrid';

/** One answer as selective prediction sees it: how certain the model was and whether it was right. */
export interface SelectiveItem {
  certainty: number;
  correct: boolean;
}

export interface CurvePoint {
  rejection: number;
  /** Accuracy on the answers kept; null when nothing is kept (rejection 1). */
  accuracy: number | null;
}

export interface AccuracyRejectionResult {
  n: number;
  curve: CurvePoint[];
  /** Mean of A(r) over the grid points r ≤ maxRejection (null when no point is defined). */
  auarc: number | null;
  /** Accuracy without rejection, A(0). */
  baseAccuracy: number | null;
  warnings: string[];
}

export interface AccuracyRejectionOptions {
  /** Largest rejection rate in the AUARC average (thesis §4.3: 0.2). */
  maxRejection?: number;
  /** Grid step (0.01). */
  step?: number;
  /** Draw the curve further than the AUARC range (default: maxRejection). */
  curveMax?: number;
}

/**
 * Accuracy–rejection curve A(r) and its area (thesis §4.3, "Metrics"; eq. 4.3 with the threshold
 * set at the (1 − r) quantile): A(r) is the accuracy on the (1 − r)·n answers with the highest
 * certainty, and AUARC the mean of A(r) over r = 0, step, ..., maxRejection.
 *
 * Ties and fractional counts: answers with equal certainty form one block; when the cut falls
 * inside a block (or (1 − r)·n is not an integer) the block contributes its mean correctness for
 * the part kept. This is the expected accuracy when ties are broken uniformly at random and the
 * boundary answer is kept with the fractional probability, so A(r) is continuous in r and equals
 * direct counting whenever r·n is an integer and the certainties are distinct.
 */
export function accuracyRejectionCurve(
  items: readonly SelectiveItem[],
  opts: AccuracyRejectionOptions = {},
): AccuracyRejectionResult {
  const maxRejection = opts.maxRejection ?? 0.2;
  const step = opts.step ?? 0.01;
  const curveMax = Math.max(opts.curveMax ?? maxRejection, maxRejection);
  const warnings: string[] = [];
  const n = items.length;
  const grid = rejectionGrid(curveMax, step);
  if (n === 0) {
    warnings.push('no answers with this signal: the accuracy–rejection curve is not defined');
    return {
      n,
      curve: grid.map((rejection) => ({ rejection, accuracy: null })),
      auarc: null,
      baseAccuracy: null,
      warnings,
    };
  }
  const groups = certaintyBlocks(items);
  const accuracyAt = keptAccuracy(groups, n);
  const curve = grid.map((rejection) => ({ rejection, accuracy: accuracyAt((1 - rejection) * n) }));
  const inRange = curve.filter((p) => p.rejection <= maxRejection + 1e-12 && p.accuracy !== null);
  const auarc = inRange.length ? inRange.reduce((s, p) => s + (p.accuracy as number), 0) / inRange.length : null;
  if (groups.length === 1 && n > 1)
    warnings.push(
      'every answer has the same certainty: rejection cannot tell them apart, so A(r) stays at the base accuracy',
    );
  return { n, curve, auarc, baseAccuracy: curve[0].accuracy, warnings };
}

/** Blocks of equal certainty, most certain first, each with its size and number correct. */
export function certaintyBlocks(
  items: readonly SelectiveItem[],
): { certainty: number; size: number; correct: number }[] {
  const sorted = [...items].sort((a, b) => b.certainty - a.certainty);
  const blocks: { certainty: number; size: number; correct: number }[] = [];
  for (const it of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last.certainty === it.certainty) {
      last.size++;
      if (it.correct) last.correct++;
    } else blocks.push({ certainty: it.certainty, size: 1, correct: it.correct ? 1 : 0 });
  }
  return blocks;
}

/** Accuracy of the `kept` most certain answers (kept may be fractional), via prefix sums and bisection. */
function keptAccuracy(blocks: { size: number; correct: number }[], n: number): (kept: number) => number | null {
  const cumSize = new Float64Array(blocks.length + 1);
  const cumCorrect = new Float64Array(blocks.length + 1);
  blocks.forEach((b, j) => {
    cumSize[j + 1] = cumSize[j] + b.size;
    cumCorrect[j + 1] = cumCorrect[j] + b.correct;
  });
  return (kept) => {
    const k = Math.min(n, Math.max(0, kept));
    if (k <= 1e-9) return null;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumSize[mid + 1] < k) lo = mid + 1;
      else hi = mid;
    }
    const j = Math.min(lo, blocks.length - 1);
    const partial = k - cumSize[j];
    const correct = cumCorrect[j] + (partial * blocks[j].correct) / blocks[j].size;
    return Math.min(1, Math.max(0, correct / k));
  };
}
