import type { Rng } from '../numeric/rng';

/**
 * Gumbel copula C_θ(u, v) = exp(−((−log u)^θ + (−log v)^θ)^{1/θ}), θ ≥ 1 (thesis eq. 2.9);
 * θ = 1 is independence (C = uv). Boundary values follow the copula axioms: C(0, v) = 0,
 * C(1, v) = v.
 */
export function gumbelCdf(u: number, v: number, theta: number): number {
  if (u <= 0 || v <= 0) return 0;
  if (u >= 1) return Math.min(1, v);
  if (v >= 1) return u;
  if (theta === 1) return u * v;
  const a = Math.pow(-Math.log(u), theta);
  const b = Math.pow(-Math.log(v), theta);
  return Math.exp(-Math.pow(a + b, 1 / theta));
}

/** Kendall distribution of the Gumbel copula: K_θ(w) = P(C_θ(U, V) ≤ w) = w − w·ln(w)/θ. */
export function gumbelKendallCdf(w: number, theta: number): number {
  if (w <= 0) return 0;
  if (w >= 1) return 1;
  return w - (w * Math.log(w)) / theta;
}

/** θ = 1 / (1 − τ) (thesis eq. 2.10), floored at 1 (independence) for τ ≤ 0; capped at 50 for τ → 1. */
export function gumbelThetaFromTau(tau: number | null): number {
  if (tau === null || !(tau > 0)) return 1;
  return Math.min(50, 1 / (1 - tau));
}

/**
 * n draws (u, v) from the Gumbel copula (Marshall–Olkin): V positive α-stable with α = 1/θ
 * (Kanter / Chambers–Mallows–Stuck representation), E₁, E₂ ~ Exp(1), u = exp(−(E₁/V)^α).
 */
export function sampleGumbel(rng: Rng, theta: number, n: number): { u: Float64Array; v: Float64Array } {
  const u = new Float64Array(n);
  const v = new Float64Array(n);
  const alpha = 1 / theta;
  for (let i = 0; i < n; i++) {
    let s = 1;
    if (alpha < 1) {
      const w = Math.PI * rng.uniformOpen();
      const e = -Math.log(rng.uniformOpen());
      s =
        (Math.sin(alpha * w) / Math.pow(Math.sin(w), 1 / alpha)) *
        Math.pow(Math.sin((1 - alpha) * w) / e, (1 - alpha) / alpha);
    }
    const e1 = -Math.log(rng.uniformOpen());
    const e2 = -Math.log(rng.uniformOpen());
    u[i] = Math.exp(-Math.pow(e1 / s, alpha));
    v[i] = Math.exp(-Math.pow(e2 / s, alpha));
  }
  return { u, v };
}
