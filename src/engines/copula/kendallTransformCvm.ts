import type { Rng } from '../numeric/rng';
import { cvmContinuousPart } from './cvmSegments';
import { gumbelThetaFromTau, sampleGumbel } from './gumbelCopula';
import { kendallTau } from './kendallTau';

/** Kendall distribution of the Gumbel copula: K_θ(w) = P(C(U, V) ≤ w) = w − w·ln(w)/θ. */
export function gumbelKendallCdf(w: number, theta: number): number {
  if (w <= 0) return 0;
  if (w >= 1) return 1;
  return w - (w * Math.log(w)) / theta;
}

/** Genest's pseudo-observations Wᵢ = #{j ≠ i: xⱼ < xᵢ, yⱼ < yᵢ} / (n − 1), sorted. O(n²). */
export function kendallPseudoObservations(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const n = x.length;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let j = 0; j < n; j++) if (x[j] < x[i] && y[j] < y[i]) c++;
    w[i] = n > 1 ? c / (n - 1) : 0;
  }
  return w.sort();
}

/** √(∫ (K_n − K_θ)² dK_θ) for the pairs (x, y): the copula fit statistic of Genest, Rémillard & Beaudoin (2009). */
export function kendallSqrtCvm(x: ArrayLike<number>, y: ArrayLike<number>, theta: number): number {
  const w = kendallPseudoObservations(x, y);
  return Math.sqrt(Math.max(0, cvmContinuousPart(w, (v) => gumbelKendallCdf(v, theta), 0, 1, 0, 1)));
}

/**
 * Copula goodness of fit by the Kendall transform with a parametric-bootstrap p-value (thesis
 * Table 2.4, B = `replicates`). θ was estimated on `nTrain` training pairs, so each replicate
 * re-plays that protocol: draw nTrain pairs from Gumbel(θ), re-estimate θ_b = 1/(1 − τ_b), draw an
 * evaluation sample of the same size as (x, y) and compare it with θ_b. (Holding θ fixed would
 * ignore the training estimate's own noise and reject far too often.) Pairs are capped at `maxN`
 * (random subset) to bound the O(n²) cost.
 */
export function copulaCvmTest(x: ArrayLike<number>, y: ArrayLike<number>, theta: number, rng: Rng, replicates = 100, nTrain = 300, maxN = 600): { sqrtCvm: number; pValue: number; n: number } {
  let xs = Array.from(x);
  let ys = Array.from(y);
  if (xs.length > maxN) {
    const idx = xs.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    const keep = idx.slice(0, maxN);
    xs = keep.map((i) => xs[i]);
    ys = keep.map((i) => ys[i]);
  }
  const stat = kendallSqrtCvm(xs, ys, theta);
  let exceed = 0;
  for (let b = 0; b < replicates; b++) {
    const tr = sampleGumbel(rng, theta, nTrain);
    const thetaB = gumbelThetaFromTau(kendallTau(tr.u, tr.v));
    const s = sampleGumbel(rng, theta, xs.length);
    if (kendallSqrtCvm(s.u, s.v, thetaB) >= stat) exceed++;
  }
  return { sqrtCvm: stat, pValue: (1 + exceed) / (replicates + 1), n: xs.length };
}
