/** One bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Smallest and largest confidence in the bin. */
  lo: number;
  hi: number;
  meanConfidence: number;
  accuracy: number;
  count: number;
}

export interface EceResult {
  /** Σ_b (n_b / n)·|mean confidence_b − accuracy_b|, in [0, 1]; null for an empty sample. */
  ece: number | null;
  bins: ReliabilityBin[];
}

/**
 * Expected calibration error with adaptive (quantile) binning, as thesis §2.4 recommends: sort by
 * confidence and cut into `bins` groups of equal size (sizes differ by at most one; ties keep input
 * order). Returns the reliability-diagram data too. With n < bins, every point is its own bin.
 */
export function expectedCalibrationError(confidence: ArrayLike<number>, correct: ArrayLike<number | boolean>, bins = 10): EceResult {
  const n = confidence.length;
  if (n === 0) return { ece: null, bins: [] };
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => confidence[a] - confidence[b] || a - b);
  const nb = Math.min(bins, n);
  const out: ReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < nb; b++) {
    const from = Math.floor((b * n) / nb);
    const to = Math.floor(((b + 1) * n) / nb);
    let sc = 0;
    let sy = 0;
    for (let k = from; k < to; k++) {
      sc += confidence[order[k]];
      sy += correct[order[k]] ? 1 : 0;
    }
    const cnt = to - from;
    if (cnt === 0) continue;
    const mc = sc / cnt;
    const acc = sy / cnt;
    ece += (cnt / n) * Math.abs(mc - acc);
    out.push({ lo: confidence[order[from]], hi: confidence[order[to - 1]], meanConfidence: mc, accuracy: acc, count: cnt });
  }
  return { ece, bins: out };
}
