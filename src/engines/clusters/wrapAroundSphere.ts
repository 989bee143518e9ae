import { inverseMaxRowNorm } from './inverseMaxRowNorm';

/**
 * Directional data (thesis §5.3, Figure 5.6): scales the data so the longest row has norm 1, then
 * maps each x ∈ ℝ^p to the unit sphere in ℝ^{p+1} by the inverse stereographic projection
 *   x ↦ (2x, 1 − |x|²) / (1 + |x|²).
 * Returns a new row-major n×(p+1) array.
 */
export function wrapAroundSphere(X: Float64Array, p: number): Float64Array {
  const n = X.length / p;
  const inv = inverseMaxRowNorm(X, p);
  const q = p + 1;
  const out = new Float64Array(n * q);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let d = 0; d < p; d++) s += (X[r * p + d] * inv) ** 2;
    const f = 2 / (1 + s);
    for (let d = 0; d < p; d++) out[r * q + d] = X[r * p + d] * inv * f;
    out[r * q + p] = (1 - s) / (1 + s);
  }
  return out;
}
