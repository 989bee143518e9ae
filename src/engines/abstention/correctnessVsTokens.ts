import { localLinearRegression } from '../numeric/localLinearRegression';
import { quantiles } from '../numeric/quantile';
import type { ScoredAnswer } from './modelAnswers';

export interface TokenCurvePoint {
  tokens: number;
  /** Estimated P(correct | output tokens), and the ±1σ band around it (clipped to [0, 1]). */
  accuracy: number | null;
  lo: number | null;
  hi: number | null;
}

/**
 * Local linear regression of correctness on output-token count with a ±1σ band (thesis Figure 4.3),
 * on an even grid between the 1st and 99th percentiles of the token counts. Shows whether longer
 * answers are less often right — the premise of using length as the uncertainty signal.
 */
export function correctnessVsTokens(
  answers: readonly ScoredAnswer[],
  opts: { points?: number; bandwidth?: number } = {},
): { curve: TokenCurvePoint[]; bandwidth: number | null; n: number; warnings: string[] } {
  const withTokens = answers.filter((a) => a.outputTokens !== null);
  const warnings: string[] = [];
  if (withTokens.length < answers.length)
    warnings.push(
      `${answers.length - withTokens.length} answer(s) have no output_tokens and are left out of the regression`,
    );
  if (withTokens.length < 3) {
    warnings.push('correctness vs output tokens needs at least 3 answers with output_tokens');
    return { curve: [], bandwidth: null, n: withTokens.length, warnings };
  }
  const x = Float64Array.from(withTokens, (a) => a.outputTokens as number);
  const y = Float64Array.from(withTokens, (a) => (a.correct ? 1 : 0));
  const [lo, hi] = quantiles(x, [0.01, 0.99]);
  if (!(hi > lo)) {
    warnings.push('every answer has (almost) the same number of output tokens: no curve to draw');
    return { curve: [], bandwidth: null, n: x.length, warnings };
  }
  const count = Math.max(2, opts.points ?? 60);
  const at = Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
  const fit = localLinearRegression({ x, y, at, bandwidth: opts.bandwidth });
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  const curve = fit.points.map((p) => ({
    tokens: p.x,
    accuracy: p.fit === null ? null : clip(p.fit),
    lo: p.fit === null || p.se === null ? null : clip(p.fit - p.se),
    hi: p.fit === null || p.se === null ? null : clip(p.fit + p.se),
  }));
  return { curve, bandwidth: fit.bandwidth, n: x.length, warnings };
}
