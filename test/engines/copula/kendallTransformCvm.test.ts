import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gumbelCdf, gumbelThetaFromTau, sampleGumbel } from '../../../src/engines/copula/gumbelCopula';
import { gumbelCopulaGofTest, kendallCvmStatistic, ranks } from '../../../src/engines/copula/kendallTransformCvm';
import { kendallTau } from '../../../src/engines/copula/kendallTau';
import { Rng } from '../../../src/engines/numeric/rng';
import { assertClose } from '../../helpers/assertClose';

/**
 * The thesis code's statistic written the slow, literal way: ranks by a stable double argsort,
 * V_emp(i) = mean over j of [u_j ≤ u_i and v_j ≤ v_i], V_fit(i) = C_θ(u_i, v_i), both ECDFs on
 * linspace(0, 1, 1000), √n · (Σ integrand[1:]·ΔK + Σ integrand[:-1]·ΔK) / 2.
 */
function literalStatistic(x: number[], y: number[], theta: number): number {
  const n = x.length;
  const rank = (a: number[]): number[] => {
    const order = a.map((_, i) => i).sort((i, j) => a[i] - a[j] || i - j);
    const r = new Array<number>(n);
    order.forEach((i, k) => (r[i] = (k + 1) / (n + 1)));
    return r;
  };
  const u = rank(x);
  const v = rank(y);
  const vEmp = u.map((_, i) => u.filter((_, j) => u[j] <= u[i] && v[j] <= v[i]).length / n);
  const vFit = u.map((_, i) => gumbelCdf(u[i], v[i], theta));
  const ecdf = (s: number[], t: number): number => s.filter((w) => w <= t).length / n;
  const grid = Array.from({ length: 1000 }, (_, g) => g / 999);
  const kFit = grid.map((t) => ecdf(vFit, t));
  const integrand = grid.map((t, g) => Math.sqrt(n) * (ecdf(vEmp, t) - kFit[g]) ** 2);
  let s1 = 0;
  let s2 = 0;
  for (let g = 0; g < 999; g++) {
    s1 += integrand[g + 1] * (kFit[g + 1] - kFit[g]);
    s2 += integrand[g] * (kFit[g + 1] - kFit[g]);
  }
  return (s1 + s2) / 2;
}

test('ranks break ties by position', () => {
  assert.deepEqual(Array.from(ranks([0.3, 0.1, 0.3, 0.2, 0.3])), [3, 1, 4, 2, 5]);
  assert.deepEqual(Array.from(ranks([])), []);
});

test('the copula test leaves out non-finite pairs and never returns NaN', () => {
  const rng = new Rng(2);
  const s = sampleGumbel(rng, 1.5, 50);
  const x = [...s.u, Number.NaN, 0.5, Infinity];
  const y = [...s.v, 0.5, Number.NaN, 0.2];
  const t = gumbelCopulaGofTest(x, y, rng, 19);
  assert.equal(t.n, 50);
  assert.ok(Number.isFinite(t.statistic) && t.pValue > 0 && t.pValue <= 1);
  // Degenerate inputs: nothing, one pair, a constant variable (τ undefined, θ = 1).
  assert.deepEqual(gumbelCopulaGofTest([], [], rng, 5), {
    statistic: 0,
    pValue: 1,
    n: 0,
    tau: null,
    theta: 1,
    replicates: 0,
  });
  assert.equal(gumbelCopulaGofTest([0.2], [0.4], rng, 5).pValue, 1);
  const constant = gumbelCopulaGofTest([0.3, 0.3, 0.3, 0.3], [0.1, 0.2, 0.3, 0.4], rng, 9);
  assert.equal(constant.theta, 1);
  assert.ok(Number.isFinite(constant.statistic) && Number.isFinite(constant.pValue));
});

test('√n·CvM equals a literal re-implementation of the thesis code (with ties)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 })), {
        minLength: 2,
        maxLength: 40,
      }),
      fc.double({ min: 1, max: 6, noNaN: true }),
      (pairs, theta) => {
        const x = pairs.map((p) => p[0] / 12);
        const y = pairs.map((p) => p[1] / 12);
        // 1e-12 absolute: the same sums in a different order.
        assertClose(kendallCvmStatistic(x, y, theta), literalStatistic(x, y, theta), { abs: 1e-12 }, 'statistic');
      },
    ),
    { numRuns: 60 },
  );
});

test('Gumbel data: p-values are not too small (size); Clayton data with lower-tail dependence: rejected (power)', () => {
  const rng = new Rng(5);
  // Size: 12 Gumbel(θ = 2) samples of n = 300, B = 99 each. Under the null P(p ≤ 0.1) = 0.1, so the
  // count of p ≤ 0.1 is Binomial(12, 0.1): P(count ≥ 5) ≈ 0.004.
  let small = 0;
  for (let r = 0; r < 12; r++) {
    const s = sampleGumbel(rng, 2, 300);
    if (gumbelCopulaGofTest(s.u, s.v, rng, 99).pValue <= 0.1) small++;
  }
  assert.ok(small < 5, `${small} of 12 Gumbel samples had p ≤ 0.1`);
  // Power: Clayton(θ = 2) (τ = ½, lower-tail dependence, which the Gumbel lacks), n = 1,500 (about
  // a test split). The statistic is weak — at n = 600 a Clayton(4) sample or a half-comonotone,
  // half-independent mixture is not rejected — so this is the size where it reliably does.
  const n = 1500;
  const u = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    u[i] = rng.uniformOpen();
    const w = rng.uniformOpen();
    v[i] = Math.pow(Math.pow(u[i], -2) * (Math.pow(w, -2 / 3) - 1) + 1, -1 / 2);
  }
  const t = gumbelCopulaGofTest(u, v, rng, 99);
  assert.ok(t.pValue <= 0.02, `Clayton sample: p = ${t.pValue}`);
  // The test reports the θ it fitted: 1/(1 − τ_b) of the data.
  assertClose(t.theta, gumbelThetaFromTau(kendallTau(u, v)), { rel: 1e-15 }, 'θ');
});
