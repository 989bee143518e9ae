import { digamma, trigamma } from '../numeric/digamma';
import { jStat } from 'jstat';

/** π·Beta(a1, b1) + (1 − π)·Beta(a2, b2) on (0, 1) (thesis eq. 2.8 before scaling). */
export interface BetaMixture {
  pi: number;
  a1: number;
  b1: number;
  a2: number;
  b2: number;
}

export interface BetaMixtureFit extends BetaMixture {
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/*
 * ln B and I_x by jstat: ln B within 1.8e-10 and I_x within 4e-8 (absolute) of the double-precision
 * logBeta and regularizedIncompleteBeta for shapes in [0.3, 300] (test/engines/numeric/jstatAccuracy.test.ts).
 * The mixture is a fitted model of confidence scores whose own sampling error is ~1/√n ≥ 1e-3, and
 * its CDF feeds a copula and a Cramér–von Mises statistic, so that accuracy is ample here (the risk
 * guarantee, whose decisions turn on the last digits, keeps the hand-written beta functions).
 */
const logBeta = (a: number, b: number): number => jStat.betaln(a, b);

const logBetaPdf = (x: number, a: number, b: number): number =>
  (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b);

/** CDF of the mixture at x ∈ [0, 1]. */
export function betaMixtureCdf(m: BetaMixture, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return m.pi * jStat.ibeta(x, m.a1, m.b1) + (1 - m.pi) * jStat.ibeta(x, m.a2, m.b2);
}

/** Density of the mixture at x ∈ (0, 1). */
export function betaMixturePdf(m: BetaMixture, x: number): number {
  if (x <= 0 || x >= 1) return 0;
  return m.pi * Math.exp(logBetaPdf(x, m.a1, m.b1)) + (1 - m.pi) * Math.exp(logBetaPdf(x, m.a2, m.b2));
}

/** Method-of-moments Beta parameters from a weighted mean and variance (clamped to sane values). */
function moments(mean: number, variance: number): [number, number] {
  const m = Math.min(1 - 1e-6, Math.max(1e-6, mean));
  const v = Math.max(1e-8, Math.min(variance, m * (1 - m) * 0.999));
  const c = (m * (1 - m)) / v - 1;
  return [Math.max(0.05, m * c), Math.max(0.05, (1 - m) * c)];
}

/**
 * Weighted Beta MLE: Newton on ψ(a) − ψ(a+b) = L₁, ψ(b) − ψ(a+b) = L₂ (L = weighted means of log x,
 * log(1 − x)), started from (a, b), with step halving to stay positive.
 */
function weightedBetaMle(l1: number, l2: number, a: number, b: number): [number, number] {
  for (let it = 0; it < 50; it++) {
    const ab = digamma(a + b);
    const g1 = digamma(a) - ab - l1;
    const g2 = digamma(b) - ab - l2;
    const t = trigamma(a + b);
    const h11 = trigamma(a) - t;
    const h22 = trigamma(b) - t;
    const h12 = -t;
    const det = h11 * h22 - h12 * h12;
    if (!(det > 0)) break;
    const da = (h22 * g1 - h12 * g2) / det;
    const db = (h11 * g2 - h12 * g1) / det;
    let s = 1;
    while (s > 1e-6 && (a - s * da <= 0 || b - s * db <= 0)) s *= 0.5;
    const na = Math.min(1e4, Math.max(1e-3, a - s * da));
    const nb = Math.min(1e4, Math.max(1e-3, b - s * db));
    const done = Math.abs(na - a) < 1e-9 * a && Math.abs(nb - b) < 1e-9 * b;
    a = na;
    b = nb;
    if (done) break;
  }
  return [a, b];
}

/**
 * Two-component Beta mixture fitted by expectation–maximisation (Dempster, Laird & Rubin 1977),
 * the continuous part of the marginal model of thesis eq. 2.7–2.8. Start: lower and upper half of
 * the sorted sample, moment estimates; M-step: weighted Beta maximum likelihood. Needs values in
 * (0, 1) (values at the ends are nudged inside by 1e-9). With fewer than 4 points, a single Beta
 * by moments is returned (π = 1).
 */
export function fitBetaMixture(sample: ArrayLike<number>, maxIterations = 300): BetaMixtureFit {
  const n = sample.length;
  const x = Float64Array.from(sample, (v) => Math.min(1 - 1e-9, Math.max(1e-9, v))).sort();
  const lx = x.map(Math.log);
  const l1x = x.map((v) => Math.log1p(-v));
  const meanVar = (from: number, to: number): [number, number] => {
    let s = 0;
    for (let i = from; i < to; i++) s += x[i];
    const m = s / Math.max(1, to - from);
    let q = 0;
    for (let i = from; i < to; i++) q += (x[i] - m) ** 2;
    return [m, q / Math.max(1, to - from)];
  };
  if (n < 4) {
    const [m, v] = meanVar(0, n);
    const [a, b] = n ? moments(m, n > 1 ? v : 0.25 * m * (1 - m)) : [1, 1];
    return { pi: 1, a1: a, b1: b, a2: a, b2: b, logLikelihood: 0, iterations: 0, converged: true };
  }
  const half = Math.floor(n / 2);
  let [a1, b1] = moments(...meanVar(0, half));
  let [a2, b2] = moments(...meanVar(half, n));
  let pi = 0.5;
  const r = new Float64Array(n);
  let ll = -Infinity;
  let converged = false;
  let it = 0;
  for (; it < maxIterations; it++) {
    // E-step
    let newLl = 0;
    const c1 = Math.log(pi) - logBeta(a1, b1);
    const c2 = Math.log(1 - pi) - logBeta(a2, b2);
    for (let i = 0; i < n; i++) {
      const p1 = c1 + (a1 - 1) * lx[i] + (b1 - 1) * l1x[i];
      const p2 = c2 + (a2 - 1) * lx[i] + (b2 - 1) * l1x[i];
      const mx = Math.max(p1, p2);
      const lse = mx + Math.log(Math.exp(p1 - mx) + Math.exp(p2 - mx));
      r[i] = Math.exp(p1 - lse);
      newLl += lse;
    }
    // M-step
    let w1 = 0;
    let s1 = 0;
    let t1 = 0;
    let s2 = 0;
    let t2 = 0;
    for (let i = 0; i < n; i++) {
      w1 += r[i];
      s1 += r[i] * lx[i];
      t1 += r[i] * l1x[i];
      s2 += (1 - r[i]) * lx[i];
      t2 += (1 - r[i]) * l1x[i];
    }
    const w2 = n - w1;
    pi = Math.min(1 - 1e-6, Math.max(1e-6, w1 / n));
    if (w1 > 1e-6) [a1, b1] = weightedBetaMle(s1 / w1, t1 / w1, a1, b1);
    if (w2 > 1e-6) [a2, b2] = weightedBetaMle(s2 / w2, t2 / w2, a2, b2);
    if (Math.abs(newLl - ll) < 1e-9 * (1 + Math.abs(newLl))) {
      ll = newLl;
      converged = true;
      it++;
      break;
    }
    ll = newLl;
  }
  return { pi, a1, b1, a2, b2, logLikelihood: ll, iterations: it, converged };
}
