/**
 * Pairwise cluster overlap (thesis §5.3, "Measuring Pairwise Overlap"): overlap α is twice the error
 * rate of the minimax linear classifier between two clusters; for Gaussian marginals along an axis a,
 * α = 2(1 − Φ(q)) with the separation
 *   q(a) = aᵀ(μ₂ − μ₁) / (√(aᵀΣ₁a) + √(aᵀΣ₂a))      (eq. 5.6).
 * LDA approximation (Theorem 6, eq. 5.5): a = ((Σ₁+Σ₂)/2)⁻¹(μ₂ − μ₁), exact when Σ₁ ∝ Σ₂.
 * Centre-to-centre (appendix 4C, eq. 20): a = μ₂ − μ₁, exact when both covariances are ∝ I.
 * Matrices are row-major p×p Float64Arrays.
 */
import { cholesky, choleskySolve } from '../numeric/cholesky';
import { normalQuantile, normalSf } from '../numeric/normalDistribution';

/** Separation q for overlap α: q = Φ⁻¹(1 − α/2), computed in the lower tail for precision. */
export function overlapToSeparation(alpha: number): number {
  return -normalQuantile(alpha / 2);
}

/** Overlap α = 2(1 − Φ(q)) for separation q. */
export function separationToOverlap(q: number): number {
  return 2 * normalSf(q);
}

/** Quadratic form xᵀ·M·y. */
export function quadForm(m: Float64Array, p: number, x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p; i++) {
    let t = 0;
    const ri = i * p;
    for (let j = 0; j < p; j++) t += m[ri + j] * y[j];
    s += x[i] * t;
  }
  return s;
}

/** q(a) of eq. 5.6 for a given classification axis. */
export function separationAlong(
  a: ArrayLike<number>,
  mu1: ArrayLike<number>,
  cov1: Float64Array,
  mu2: ArrayLike<number>,
  cov2: Float64Array,
  p: number,
): number {
  let num = 0;
  for (let i = 0; i < p; i++) num += a[i] * (mu2[i] - mu1[i]);
  const den = Math.sqrt(quadForm(cov1, p, a, a)) + Math.sqrt(quadForm(cov2, p, a, a));
  return den > 0 ? num / den : num > 0 ? Infinity : 0;
}

/** The LDA axis ((Σ₁+Σ₂)/2)⁻¹(μ₂ − μ₁). @throws Error when (Σ₁+Σ₂)/2 is not positive definite. */
export function ldaAxis(
  mu1: ArrayLike<number>,
  cov1: Float64Array,
  mu2: ArrayLike<number>,
  cov2: Float64Array,
  p: number,
): Float64Array {
  const s = new Float64Array(p * p);
  for (let i = 0; i < p * p; i++) s[i] = 0.5 * (cov1[i] + cov2[i]);
  const l = cholesky(s, p);
  if (!l) throw new Error('ldaAxis: the average covariance is not positive definite');
  const delta = new Float64Array(p);
  for (let i = 0; i < p; i++) delta[i] = mu2[i] - mu1[i];
  return choleskySolve(l, p, delta, new Float64Array(p));
}

/** LDA-approximate overlap of Theorem 6 (eq. 5.5). */
export function ldaOverlap(
  mu1: ArrayLike<number>,
  cov1: Float64Array,
  mu2: ArrayLike<number>,
  cov2: Float64Array,
  p: number,
): number {
  return separationToOverlap(separationAlong(ldaAxis(mu1, cov1, mu2, cov2, p), mu1, cov1, mu2, cov2, p));
}

/** Centre-to-centre overlap (appendix 4C, eq. 20). */
export function c2cOverlap(
  mu1: ArrayLike<number>,
  cov1: Float64Array,
  mu2: ArrayLike<number>,
  cov2: Float64Array,
  p: number,
): number {
  const delta = new Float64Array(p);
  for (let i = 0; i < p; i++) delta[i] = mu2[i] - mu1[i];
  return separationToOverlap(separationAlong(delta, mu1, cov1, mu2, cov2, p));
}
