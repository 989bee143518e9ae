import type { Rng } from '../numeric/rng';
import { maxMinSample } from './maxMinSample';

export interface AspectRatios {
  values: Float64Array;
  /** The max/min ratio actually used (smaller than asked when the request is infeasible). */
  maxmin: number;
  warnings: string[];
}

/**
 * Cluster aspect ratios by max-min sampling in log space (appendix 4A, Table .4): the geometric mean
 * equals `aspectRef` exactly and max/min equals `aspectMaxmin`, with every ratio ≥ 1. When
 * aspectRef ≥ √aspectMaxmin the extremes sit symmetrically (in log) around aspectRef; otherwise
 * the smallest ratio is 1 and the rest make up the mean. If even that cannot reach the asked spread
 * (aspectMaxmin > aspectRef^k), the spread is reduced to aspectRef^k (k = 2: aspectRef²) with a warning.
 */
export function sampleAspectRatios(rng: Rng, k: number, aspectRef: number, aspectMaxmin: number): AspectRatios {
  const warnings: string[] = [];
  const m = Math.log(aspectRef);
  let span = Math.log(aspectMaxmin);
  if (k === 1) return { values: Float64Array.of(aspectRef), maxmin: 1, warnings };
  let lo: number;
  if (m >= span / 2) lo = m - span / 2;
  else {
    const maxSpan = k === 2 ? 2 * m : k * m;
    if (span > maxSpan) {
      if (span > maxSpan + 1e-12) warnings.push(`aspect_maxmin ${aspectMaxmin} is not reachable with aspect_ref ${aspectRef} and ${k} clusters (all aspect ratios are >= 1); using ${Math.exp(maxSpan).toPrecision(4)}`);
      span = maxSpan;
    }
    lo = k === 2 ? m - span / 2 : 0;
  }
  const logs = maxMinSample(rng, k, lo, lo + span, m);
  const values = logs.map(Math.exp);
  return { values, maxmin: Math.exp(span), warnings };
}
