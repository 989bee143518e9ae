import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clopperPearsonUpper, minAcceptedForBound } from '../../../src/engines/riskGuarantee/clopperPearsonUpper';
import { assertClose } from '../../helpers/assertClose';
import { jStat } from './jstatBeta';
import { binomialCdf } from './binomialTail';

/** The Clopper–Pearson upper limit from its definition: the p at which P(Bin(n,p) ≤ k) = δ, by 200 bisection steps. */
function bruteForceUpper(k: number, n: number, delta: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (binomialCdf(k, n, mid) > delta) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

const NS = [1, 2, 3, 7, 10, 30, 100, 285, 1000, 1531, 5000];
const DELTAS = [0.5, 0.2, 0.1, 0.05, 0.01, 1e-3, 1e-6];
const ks = (n: number) => [
  ...new Set(
    [0, 1, 2, Math.floor(n / 20), Math.floor(n / 10), Math.floor(n / 2), n - 2, n - 1].filter((k) => k >= 0 && k < n),
  ),
];

test('Clopper–Pearson upper bound = brute-force binomial tail inversion at many (n, k, δ)', () => {
  let checked = 0;
  for (const n of NS)
    for (const k of ks(n))
      for (const delta of DELTAS) {
        // The brute force sums ≤ 5000 log-space terms (relative error ~1e-13) and bisects to 2^-200;
        // where the tail is steep that leaves ~1e-11 relative in p, so 1e-9 is a safe tolerance.
        assertClose(
          clopperPearsonUpper(k, n, delta),
          bruteForceUpper(k, n, delta),
          { rel: 1e-9, abs: 1e-15 },
          `U(k=${k}, n=${n}, δ=${delta}) vs brute force`,
        );
        checked++;
      }
  assert.ok(checked > 400, `checked ${checked} cases`);
});

test("Clopper–Pearson upper bound = jstat's beta inverse, Beta⁻¹(1 − δ; k + 1, n − k)", () => {
  for (const n of NS)
    for (const k of ks(n))
      for (const delta of DELTAS) {
        // jstat.ibetainv stops after a Halley step below 1e-8·x (at most 10 steps) on top of an ibeta
        // that is itself good to ~1e-9 relative, so agreement is expected to ~1e-8; we allow 1e-7.
        assertClose(
          clopperPearsonUpper(k, n, delta),
          jStat.ibetainv(1 - delta, k + 1, n - k),
          { rel: 1e-7 },
          `U(k=${k}, n=${n}, δ=${delta}) vs jstat`,
        );
      }
});

test('Clopper–Pearson upper bound matches 40-digit mpmath values', () => {
  // Reference: bisection (160 steps) on mpmath.betainc(k+1, n-k, 0, p, regularized=True) = 1 − δ at mp.dps = 40.
  const cases: [number, number, number, number][] = [
    [1, 10, 0.1, 0.33684772330672475],
    [5, 100, 0.05, 0.10225337764327451],
    [50, 1000, 0.01, 0.068404893695631022],
    [3, 1500, 1e-6, 0.014146885686055098],
  ];
  // Our quantile is converged to ~4e-16 relative; the incomplete beta's lnB rounding limits it to ~1e-12.
  for (const [k, n, delta, ref] of cases)
    assertClose(clopperPearsonUpper(k, n, delta), ref, { rel: 1e-11 }, `U(${k}, ${n}, ${delta})`);
});

test('closed forms: k = 0 gives 1 − δ^(1/n), k = n − 1 gives (1 − δ)^(1/n), k = n gives 1', () => {
  for (const n of [1, 5, 40, 300, 10000])
    for (const delta of [0.1, 0.01, 1e-9]) {
      // Exact algebra (P(Bin ≤ 0) = (1−p)^n, P(Bin ≤ n−1) = 1 − p^n); 1e-12 relative is near double precision.
      assertClose(clopperPearsonUpper(0, n, delta), 1 - Math.pow(delta, 1 / n), { rel: 1e-12 }, `k=0, n=${n}`);
      if (n > 1)
        assertClose(clopperPearsonUpper(n - 1, n, delta), Math.pow(1 - delta, 1 / n), { rel: 1e-12 }, `k=n−1, n=${n}`);
      assert.equal(clopperPearsonUpper(n, n, delta), 1);
    }
  assert.equal(clopperPearsonUpper(0, 0, 0.1), 1, 'no evidence: bound 1');
});

test('the bound rises with errors, falls with more trials at the same error rate, and falls as δ grows', () => {
  for (let k = 0; k < 50; k++) assert.ok(clopperPearsonUpper(k + 1, 100, 0.05) > clopperPearsonUpper(k, 100, 0.05));
  for (const n of [20, 200, 2000])
    assert.ok(clopperPearsonUpper(n / 10, n, 0.05) > clopperPearsonUpper(n, n * 10, 0.05));
  assert.ok(clopperPearsonUpper(5, 100, 0.01) > clopperPearsonUpper(5, 100, 0.1));
  // Always at least the observed rate.
  for (const [k, n] of [
    [3, 10],
    [30, 100],
    [900, 1000],
  ])
    assert.ok(clopperPearsonUpper(k, n, 0.2) > k / n);
});

test('bad arguments are rejected with a message naming the argument', () => {
  assert.throws(() => clopperPearsonUpper(3, 2, 0.1), /k in \[0, n\]/);
  assert.throws(() => clopperPearsonUpper(1.5, 10, 0.1), /integer k/);
  assert.throws(() => clopperPearsonUpper(1, 10, 0), /delta in \(0, 1\)/);
  assert.throws(() => clopperPearsonUpper(1, -1, 0.1), /non-negative integer n/);
});

test('minAcceptedForBound is the smallest n whose zero-error bound is ≤ α', () => {
  for (const [alpha, delta] of [
    [0.1, 0.1],
    [0.05, 0.1],
    [0.01, 0.05],
    [0.2, 0.01],
    [0.001, 0.001],
  ]) {
    const n = minAcceptedForBound(alpha, delta);
    assert.ok(clopperPearsonUpper(0, n, delta) <= alpha, `n=${n} passes`);
    assert.ok(n === 1 || clopperPearsonUpper(0, n - 1, delta) > alpha, `n−1=${n - 1} fails`);
  }
  assert.equal(minAcceptedForBound(0.1, 0.1), 22); // ln 0.1 / ln 0.9 = 21.85
});
