import { quantileSorted } from './quantile';

export interface LocalLinearOptions {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Where to evaluate the fit. */
  at: readonly number[];
  /** Gaussian kernel standard deviation (default: Silverman's rule of thumb on x). */
  bandwidth?: number;
  /**
   * Variance of y at a point given its fitted mean: `bernoulli` (m(1 − m), for 0/1 outcomes) or
   * `residual` (kernel-weighted mean squared residual around the local line).
   */
  variance?: 'bernoulli' | 'residual';
}

export interface LocalLinearPoint {
  x: number;
  /** Fitted conditional mean; null where the kernel sees (numerically) no data. */
  fit: number | null;
  /** Standard error of the fit (±1σ band); null where undefined. */
  se: number | null;
  /** Effective number of observations behind the point, (Σw)² / Σw². */
  effectiveN: number;
}

/**
 * Local linear (kernel-weighted least squares) regression of y on x with a Gaussian kernel
 * (Fan & Gijbels 1996, §3.1). At each point x0 the fit is a linear smoother m̂(x0) = Σ lᵢ yᵢ, so
 * its standard error is sqrt(Σ lᵢ² σ²(x0)); with `bernoulli` variance σ² = m̂(1 − m̂) (clipped to
 * [0, 1] first). Used for the correctness-vs-output-tokens curves of thesis Figure 4.3.
 * @throws RangeError when x and y differ in length or are empty, or the bandwidth is not positive.
 */
export function localLinearRegression(opts: LocalLinearOptions): { points: LocalLinearPoint[]; bandwidth: number } {
  const { x, y, at } = opts;
  const n = x.length;
  if (n === 0 || y.length !== n)
    throw new RangeError(
      `local linear regression requires x and y of equal, non-zero length (got ${n} and ${y.length})`,
    );
  const h = opts.bandwidth ?? silvermanBandwidth(x);
  if (!(h > 0)) throw new RangeError(`local linear regression requires a positive bandwidth, got ${h}`);
  const variance = opts.variance ?? 'bernoulli';
  const w = new Float64Array(n);
  const points = at.map((x0): LocalLinearPoint => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let sw2 = 0;
    for (let i = 0; i < n; i++) {
      const d = (x[i] - x0) / h;
      const wi = Math.exp(-0.5 * d * d);
      w[i] = wi;
      const dx = x[i] - x0;
      s0 += wi;
      s1 += wi * dx;
      s2 += wi * dx * dx;
      sw2 += wi * wi;
    }
    const effectiveN = sw2 > 0 ? (s0 * s0) / sw2 : 0;
    const det = s0 * s2 - s1 * s1;
    if (!(s0 > 1e-12) || !(det > 1e-12 * s0 * s0 * h * h)) return { x: x0, fit: null, se: null, effectiveN };
    // Smoother weights lᵢ = wᵢ (s2 − s1·dxᵢ) / det.
    let fit = 0;
    let sumL2 = 0;
    for (let i = 0; i < n; i++) {
      const l = (w[i] * (s2 - s1 * (x[i] - x0))) / det;
      fit += l * y[i];
      sumL2 += l * l;
    }
    let sigma2: number;
    if (variance === 'bernoulli') {
      const m = Math.min(1, Math.max(0, fit));
      sigma2 = m * (1 - m);
    } else {
      let rss = 0;
      const slope = localSlope(x, y, w, x0, s0, s1, det);
      for (let i = 0; i < n; i++) {
        const r = y[i] - (fit + slope * (x[i] - x0));
        rss += w[i] * r * r;
      }
      sigma2 = rss / s0;
    }
    return { x: x0, fit, se: Math.sqrt(sigma2 * sumL2), effectiveN };
  });
  return { points, bandwidth: h };
}

function localSlope(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  w: Float64Array,
  x0: number,
  s0: number,
  s1: number,
  det: number,
): number {
  let t0 = 0;
  let t1 = 0;
  for (let i = 0; i < x.length; i++) {
    t0 += w[i] * y[i];
    t1 += w[i] * (x[i] - x0) * y[i];
  }
  return (s0 * t1 - s1 * t0) / det;
}

/** Silverman's rule of thumb, 0.9·min(sd, IQR/1.34)·n^(−1/5); falls back to sd, then to 1. */
export function silvermanBandwidth(x: ArrayLike<number>): number {
  const n = x.length;
  const sorted = Float64Array.from(x).sort();
  let mean = 0;
  for (let i = 0; i < n; i++) mean += sorted[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  const spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  return spread > 0 ? 0.9 * spread * Math.pow(n, -0.2) : 1;
}
