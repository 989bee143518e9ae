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

/** The next double above x (x finite); what NumPy's nextafter(x, +∞) gives. */
function nextUp(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** Linear-interpolation percentile of an ascending sample at fraction q (NumPy's default method). */
function percentile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Expected calibration error with adaptive (quantile) binning, as the thesis computes it (§2.4
 * "bucketing confidence scores into 10 bins based on the deciles of their distributions"): the bin
 * edges are the 0, 1/b, ..., 1 quantiles of the confidences (linear interpolation), bin i holds the
 * confidences in [edgeᵢ, edgeᵢ₊₁) with the top edge nudged up so the largest counts. Tied
 * confidences therefore always share a bin (a model that is certain on 40% of the queries puts
 * them all in one), and bins that ties leave empty are skipped. Returns the reliability-diagram
 * data (non-empty bins) too.
 */
export function expectedCalibrationError(
  confidence: ArrayLike<number>,
  correct: ArrayLike<number | boolean>,
  bins = 10,
): EceResult {
  const n = confidence.length;
  if (n === 0) return { ece: null, bins: [] };
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => confidence[a] - confidence[b] || a - b);
  const sorted = Float64Array.from(order, (i) => confidence[i]);
  const edges = Array.from({ length: bins + 1 }, (_, b) => percentile(sorted, b / bins));
  edges[bins] = nextUp(edges[bins]);
  const out: ReliabilityBin[] = [];
  let ece = 0;
  let k = 0;
  for (let b = 0; b < bins; b++) {
    const from = k;
    let sc = 0;
    let sy = 0;
    while (k < n && sorted[k] < edges[b + 1]) {
      sc += sorted[k];
      sy += correct[order[k]] ? 1 : 0;
      k++;
    }
    const cnt = k - from;
    if (cnt === 0) continue;
    const mc = sc / cnt;
    const acc = sy / cnt;
    ece += (cnt / n) * Math.abs(mc - acc);
    out.push({ lo: sorted[from], hi: sorted[k - 1], meanConfidence: mc, accuracy: acc, count: cnt });
  }
  return { ece, bins: out };
}
