/**
 * Exact overlap of two Gaussian clusters: twice the error of the minimax linear classifier (eq. 5.2–5.4),
 * found by Anderson & Bahadur's characterisation (Ann. Math. Stat. 33, 1962): the optimal axis is
 * a(t) = (tΣ₁ + (1−t)Σ₂)⁻¹(μ₂ − μ₁) for some t in [0, 1], so the separation q(a(t)) of eq. 5.6 is
 * maximised over t (a coarse grid, then golden-section search to 1e-10 in t).
 */
import { cholesky, choleskySolve } from '../numeric/cholesky';
import { separationAlong, separationToOverlap } from './overlap';

export interface ExactOverlap {
  overlap: number;
  separation: number;
  /** The minimax classification axis and threshold: class 1 when aᵀx ≤ threshold. */
  axis: Float64Array;
  threshold: number;
  /** The Anderson–Bahadur weight t of the optimum. */
  t: number;
}

export function exactGaussianOverlap(
  mu1: ArrayLike<number>,
  cov1: Float64Array,
  mu2: ArrayLike<number>,
  cov2: Float64Array,
  p: number,
): ExactOverlap {
  const delta = new Float64Array(p);
  for (let i = 0; i < p; i++) delta[i] = mu2[i] - mu1[i];
  const m = new Float64Array(p * p);
  const axisAt = (t: number): Float64Array => {
    for (let i = 0; i < p * p; i++) m[i] = t * cov1[i] + (1 - t) * cov2[i];
    const l = cholesky(m, p);
    if (!l) throw new Error(`exactGaussianOverlap: tΣ1 + (1-t)Σ2 is not positive definite at t = ${t}`);
    return choleskySolve(l, p, delta, new Float64Array(p));
  };
  const f = (t: number) => separationAlong(axisAt(t), mu1, cov1, mu2, cov2, p);
  const grid = 20;
  let best = 0;
  let bestQ = -Infinity;
  for (let g = 0; g <= grid; g++) {
    const q = f(g / grid);
    if (q > bestQ) {
      bestQ = q;
      best = g;
    }
  }
  let a = Math.max(0, (best - 1) / grid);
  let b = Math.min(1, (best + 1) / grid);
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > 1e-10) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = f(d);
    }
  }
  let t = (a + b) / 2;
  let q = f(t);
  if (bestQ > q) {
    t = best / grid;
    q = bestQ;
  }
  const axis = axisAt(t);
  let proj1 = 0;
  for (let i = 0; i < p; i++) proj1 += axis[i] * mu1[i];
  let s1 = 0;
  for (let i = 0; i < p; i++) {
    let r = 0;
    for (let j = 0; j < p; j++) r += cov1[i * p + j] * axis[j];
    s1 += axis[i] * r;
  }
  return { overlap: separationToOverlap(q), separation: q, axis, threshold: proj1 + q * Math.sqrt(s1), t };
}
