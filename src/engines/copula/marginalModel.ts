import { beta as sampleBeta } from '../numeric/distributions';
import type { Rng } from '../numeric/rng';
import { betaMixtureCdf, betaMixturePdf, fitBetaMixture, type BetaMixture } from './betaMixture';

/**
 * Marginal distribution of one model's calibrated confidence (thesis eq. 2.7–2.8): point masses
 * wMin at φmin and wMax at φmax (the observed extremes, masses by counting) plus a two-component
 * Beta mixture scaled to (φmin, φmax) for the rest. JSON-serialisable.
 */
export interface MarginalModel extends BetaMixture {
  phiMin: number;
  phiMax: number;
  wMin: number;
  wMax: number;
  n: number;
  converged: boolean;
}

/** Fits eq. 2.7 to a sample of calibrated confidences. */
export function fitMarginal(sample: ArrayLike<number>): MarginalModel {
  const n = sample.length;
  let phiMin = Infinity;
  let phiMax = -Infinity;
  for (let i = 0; i < n; i++) {
    phiMin = Math.min(phiMin, sample[i]);
    phiMax = Math.max(phiMax, sample[i]);
  }
  if (!(phiMax > phiMin)) {
    const v = n ? phiMin : 0.5;
    return { phiMin: v, phiMax: v, wMin: 1, wMax: 0, n, pi: 1, a1: 1, b1: 1, a2: 1, b2: 1, converged: true };
  }
  let atMin = 0;
  let atMax = 0;
  const inner: number[] = [];
  const w = phiMax - phiMin;
  for (let i = 0; i < n; i++) {
    const v = sample[i];
    if (v === phiMin) atMin++;
    else if (v === phiMax) atMax++;
    else inner.push((v - phiMin) / w);
  }
  const mix = fitBetaMixture(inner);
  return {
    phiMin,
    phiMax,
    wMin: atMin / n,
    wMax: atMax / n,
    n,
    pi: mix.pi,
    a1: mix.a1,
    b1: mix.b1,
    a2: mix.a2,
    b2: mix.b2,
    converged: mix.converged,
  };
}

/** F(φ) = P(Φ ≤ φ) under eq. 2.7 (right-continuous: the masses count at φmin and φmax). */
export function marginalCdf(m: MarginalModel, phi: number): number {
  if (phi < m.phiMin) return 0;
  if (phi >= m.phiMax) return 1;
  const cont = 1 - m.wMin - m.wMax;
  return m.wMin + cont * betaMixtureCdf(m, (phi - m.phiMin) / (m.phiMax - m.phiMin));
}

/** Density of the continuous part (the masses excluded), for plotting the fitted marginal. */
export function marginalDensity(m: MarginalModel, phi: number): number {
  if (!(phi > m.phiMin && phi < m.phiMax)) return 0;
  const w = m.phiMax - m.phiMin;
  return ((1 - m.wMin - m.wMax) * betaMixturePdf(m, (phi - m.phiMin) / w)) / w;
}

/** n draws from eq. 2.7. */
export function sampleMarginal(m: MarginalModel, rng: Rng, n: number): Float64Array {
  const out = new Float64Array(n);
  const w = m.phiMax - m.phiMin;
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    if (u < m.wMin) out[i] = m.phiMin;
    else if (u < m.wMin + m.wMax) out[i] = m.phiMax;
    else out[i] = m.phiMin + w * (rng.uniform() < m.pi ? sampleBeta(rng, m.a1, m.b1) : sampleBeta(rng, m.a2, m.b2));
  }
  return out;
}
