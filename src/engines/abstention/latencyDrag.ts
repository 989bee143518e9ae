import { massBands } from './massBands';
import { evaluateFailFast, type PreparedPairs } from './hitlSystem';

export interface DragBin {
  /** Confidence-percentile range of the non-reasoning model, in [0, 1] (0 = least confident). */
  lo: number;
  hi: number;
  /** Mean reasoning-model latency of the queries in the bin, and its standard error. */
  meanLatencyS: number | null;
  se: number | null;
}

export interface DragPoint {
  utilization: number;
  /** Eq. 4.2: E[L_nr] + (1 − u)·E[L_r], as if the passed queries were typical. */
  naiveLatencyS: number;
  /** What the system actually takes per query at this utilisation and rejection rate. */
  actualLatencyS: number;
  /** Reasoning-model latency over the queries it actually receives. */
  reasoningGivenPassS: number | null;
}

export interface LatencyDragResult {
  bins: DragBin[];
  byUtilization: DragPoint[];
  meanFastLatencyS: number | null;
  meanReasoningLatencyS: number | null;
  warnings: string[];
}

/**
 * Latency drag (thesis §4.4, Figure 4.2): the reasoning model's mean latency per confidence
 * percentile bin of the non-reasoning model, and, for each utilisation u, the naive expectation of
 * eq. 4.2 against the latency the "Fail Fast, or Ask" system really has at rejection rate ρ.
 * Passed queries are the ones the fast model finds hard, which are also the ones the reasoning
 * model thinks longest about, so the actual latency sits above the naive line.
 */
export function latencyDrag(
  p: PreparedPairs,
  opts: { bins?: number; rejection?: number; utilizations?: readonly number[] } = {},
): LatencyDragResult {
  const warnings: string[] = [];
  const { n, fast, reasoning } = p;
  if (!fast.latency || !reasoning.latency || n === 0) {
    warnings.push('latency drag needs latency_s on every answer of both models');
    return { bins: [], byUtilization: [], meanFastLatencyS: null, meanReasoningLatencyS: null, warnings };
  }
  const binCount = Math.max(1, Math.min(opts.bins ?? 20, n));
  const shares = massBands(
    fast.certainty,
    null,
    Array.from({ length: binCount - 1 }, () => n / binCount),
    fast.order,
  );
  const rl = reasoning.latency;
  const bins = shares.map((w, b): DragBin => {
    let s = 0;
    let s2 = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (w[i] === 0) continue;
      m += w[i];
      s += w[i] * rl[i];
      s2 += w[i] * rl[i] * rl[i];
    }
    const mean = m > 1e-9 ? s / m : null;
    const variance = mean !== null && m > 1 ? Math.max(0, (s2 / m - mean * mean) * (m / (m - 1))) : null;
    return {
      lo: b / binCount,
      hi: (b + 1) / binCount,
      meanLatencyS: mean,
      se: variance !== null ? Math.sqrt(variance / m) : null,
    };
  });
  const meanFast = mean(fast.latency);
  const meanReasoning = mean(rl);
  const rejection = opts.rejection ?? 0;
  const us = opts.utilizations ?? Array.from({ length: 20 }, (_, i) => i / 20);
  const byUtilization = us.map((u): DragPoint => {
    const pt = evaluateFailFast(p, u, rejection);
    return {
      utilization: u,
      naiveLatencyS: meanFast + (1 - u) * meanReasoning,
      actualLatencyS: pt.meanLatencyS as number,
      reasoningGivenPassS: pt.reasoningLatencyGivenPassS,
    };
  });
  return { bins, byUtilization, meanFastLatencyS: meanFast, meanReasoningLatencyS: meanReasoning, warnings };
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}
