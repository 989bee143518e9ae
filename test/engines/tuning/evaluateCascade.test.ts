import { test } from 'node:test';
import { gumbelCdf, sampleGumbel } from '../../../src/engines/copula/gumbelCopula';
import { marginalCdf, type MarginalModel } from '../../../src/engines/copula/marginalModel';
import { Rng } from '../../../src/engines/numeric/rng';
import { evaluateCascade } from '../../../src/engines/tuning/evaluateCascade';
import { fitMarkovCopulaModel } from '../../../src/engines/tuning/markovCopulaModel';
import { prepareCascadeData } from '../../../src/engines/tuning/prepareCascadeData';
import { assertClose } from '../../helpers/assertClose';
import { syntheticCascadeRecords } from './syntheticCascade';

const records = syntheticCascadeRecords({ k: 3, nTrain: 400, nTest: 10, seed: 4 });
const data = prepareCascadeData({ records, models: ['m0', 'm1', 'm2'] });
const model = fitMarkovCopulaModel({ models: data.models, phi: data.train.phi, cost: data.train.meanCost });

/** Generalised inverse of the mixed marginal (eq. 2.7) via a 20,001-node CDF table (error < 1e-5 in φ). */
function quantileFn(m: MarginalModel): (u: number) => number {
  const N = 20001;
  const xs = Float64Array.from({ length: N }, (_, i) => m.phiMin + ((m.phiMax - m.phiMin) * i) / (N - 1));
  const F = xs.map((x, i) => (i === N - 1 ? 1 - m.wMax : marginalCdf(m, x)));
  return (u) => {
    if (u <= m.wMin) return m.phiMin;
    if (u > 1 - m.wMax) return m.phiMax;
    let lo = 0;
    let hi = N - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (F[mid] >= u) hi = mid;
      else lo = mid;
    }
    const w = F[hi] > F[lo] ? (u - F[lo]) / (F[hi] - F[lo]) : 1;
    return xs[lo] + w * (xs[hi] - xs[lo]);
  };
}

test('O(k) evaluation of a 2-model cascade equals Monte Carlo simulation from the fitted model', () => {
  // For k = 2 the Markov assumption is vacuous, so simulating (Φ1, Φ2) = (F1⁻¹(U), F2⁻¹(V)) with
  // (U, V) ~ Gumbel(θ12) reproduces eq. 2.14–2.15 exactly; only MC noise and table interpolation differ.
  const rng = new Rng(9);
  const N = 100000;
  const s = sampleGumbel(rng, model.theta[0][1], N);
  const q0 = quantileFn(model.marginals[0]);
  const q1 = quantileFn(model.marginals[1]);
  const phi0 = s.u.map(q0);
  const phi1 = s.v.map(q1);
  for (const t of [0.45, 0.6, 0.8]) {
    let correct = 0;
    let cost = 0;
    for (let i = 0; i < N; i++) {
      if (phi0[i] > t) {
        correct += phi0[i];
        cost += model.cost[0];
      } else {
        correct += phi1[i];
        cost += model.cost[0] + model.cost[1];
      }
    }
    const e = evaluateCascade(model, [0, 1], [t]);
    // MC standard error of the mean confidence ≈ 0.25/√N ≈ 8e-4; 4 SE ≈ 0.0032 (+ 5e-4 for the tables).
    assertClose(e.pCorrect, correct / N, { abs: 0.004 }, `P(correct) at t=${t}`);
    assertClose(e.expectedCost, cost / N, { rel: 0.01 }, `E[cost] at t=${t}`);
  }
});

test('O(k) evaluation of a 3-model cascade equals direct quadrature of Proposition 2', () => {
  // Independent re-computation of eq. 2.14–2.15 without look-up tables: exact marginal CDFs and the
  // copula on a 20,000-step Riemann–Stieltjes grid.
  const cond = (i: number, j: number, s: number, t: number): number => {
    const u = marginalCdf(model.marginals[i], s);
    return gumbelCdf(u, marginalCdf(model.marginals[j], t), model.theta[i][j]) / u;
  };
  const stieltjes = (G: (x: number) => number, from: number, m: MarginalModel): number => {
    const steps = 20000;
    let acc = 0;
    let prev = G(from);
    for (let a = 1; a <= steps; a++) {
      const x = from + ((m.phiMax - from) * a) / steps;
      const g = a === steps ? 1 : G(x);
      acc += (x - (0.5 * (m.phiMax - from)) / steps) * (g - prev);
      prev = g;
    }
    return acc;
  };
  for (const t of [
    [0.5, 0.6],
    [0.7, 0.85],
    [0.4, 0.9],
  ]) {
    const [m0, m1, m2] = model.marginals;
    const F0 = marginalCdf(m0, t[0]);
    const I0 = stieltjes((x) => marginalCdf(m0, x), t[0], m0);
    const q1 = cond(0, 1, t[0], t[1]);
    const I1 = stieltjes((x) => cond(0, 1, t[0], x), t[1], m1);
    const I2 = stieltjes((x) => cond(1, 2, t[1], x), m2.phiMin - 1e-12, m2);
    const pCorrect = I0 + F0 * I1 + F0 * q1 * I2;
    const c = model.cost;
    const cost = (1 - F0) * c[0] + F0 * (1 - q1) * (c[0] + c[1]) + F0 * q1 * (c[0] + c[1] + c[2]);
    const e = evaluateCascade(model, [0, 1, 2], t);
    // Table interpolation (257 × 65 nodes) keeps the error below ~5e-4 in probability.
    assertClose(e.pCorrect, pCorrect, { abs: 1e-3 }, `P(correct) at ${t}`);
    assertClose(e.expectedCost, cost, { rel: 2e-3 }, `E[cost] at ${t}`);
  }
});
