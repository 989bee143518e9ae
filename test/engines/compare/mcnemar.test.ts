import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXACT_BELOW, mcnemarTest } from '../../../src/engines/compare/mcnemar';
import { assertClose } from '../../helpers/assertClose';
import { createRequire } from 'node:module';

test('exact test: closed forms by hand', () => {
  // No discordant pair: nothing speaks for a difference.
  assert.equal(mcnemarTest(0, 0).p_value, 1);
  // 0 vs 5: P(X ≤ 0) = 1/32 for X ~ Bin(5, 1/2), two-sided 2/32.
  assertClose(mcnemarTest(0, 5).p_value, 2 / 32, { abs: 1e-14 });
  // 3 vs 9: P(X ≤ 3) = (1 + 12 + 66 + 220) / 4096 = 299/4096 for n = 12, two-sided 598/4096.
  assertClose(mcnemarTest(3, 9).p_value, 598 / 4096, { abs: 1e-13 });
  assertClose(mcnemarTest(9, 3).p_value, 598 / 4096, { abs: 1e-13 });
  // 12 vs 12: the two tails overlap, p is capped at 1.
  assert.equal(mcnemarTest(12, 12).p_value, 1);
  assert.equal(mcnemarTest(3, 9).method, 'exact');
  assert.equal(mcnemarTest(3, 9).statistic, null);
});

test('exact test against scipy 1.17 binomtest(b, b + c, 0.5).pvalue (constants computed with scipy, pasted)', () => {
  // Relative tolerance 1e-9: the incomplete beta's continued fraction converges to ~1e-15; 1e-9 leaves room for the summation order.
  assertClose(mcnemarTest(11, 13).p_value, 0.8388197422027588, { rel: 1e-9 });
  assertClose(mcnemarTest(2, 22).p_value, 3.5881996154785156e-5, { rel: 1e-9 });
  assert.equal(11 + 13, EXACT_BELOW - 1);
});

test('χ² test with continuity correction from 25 discordant queries on, against scipy 1.17 chi2.sf(stat, 1) (pasted constants)', () => {
  const cases: [number, number, number, number][] = [
    [10, 30, 9.025, 0.002663119259138558],
    [100, 130, 3.6565217391304348, 0.055850113675743426],
    [13, 12, 0, 1],
    [500, 430, 5.119354838709677, 0.023660411602735538],
    [40, 80, 12.675, 0.0003705772147145869],
    [64, 341, 188.0888888888889, 8.307993424930228e-43],
  ];
  for (const [b, c, stat, p] of cases) {
    const r = mcnemarTest(b, c);
    assert.equal(r.method, 'chi2');
    assertClose(r.statistic as number, stat, { rel: 1e-12 });
    // 1e-9 relative: normalSf is accurate to ~1e-15 relative even far in the tail (the last case is 8e-43).
    assertClose(r.p_value, p, { rel: 1e-9 });
  }
});

test('counts that are not whole numbers ≥ 0 are refused', () => {
  for (const [b, c] of [
    [-1, 2],
    [1.5, 2],
    [Number.NaN, 1],
  ])
    assert.throws(() => mcnemarTest(b, c), RangeError);
});

test('every exact case (b + c < 25) and a χ² sweep agree with jStat 1.9 binomial and χ² distributions', () => {
  const jStat = (createRequire(__filename)('jstat') as { jStat: JStatDistributions }).jStat;
  for (let n = 1; n < EXACT_BELOW; n++) {
    for (let b = 0; b <= n; b++) {
      const tail = jStat.binomial.cdf(Math.min(b, n - b), n, 0.5);
      // 1e-9 absolute: jStat's own binomial cdf is off by ~1e-10 (0 vs 11: it gives 2·4.882813e-4 + 1e-10, the exact value is 2/2048).
      assertClose(mcnemarTest(b, n - b).p_value, Math.min(1, 2 * tail), { abs: 1e-9 }, `exact ${b} vs ${n - b}`);
    }
  }
  for (const [b, c] of [
    [25, 0],
    [30, 45],
    [200, 260],
    [1000, 1100],
  ]) {
    const r = mcnemarTest(b, c);
    // 1e-9 absolute: jStat's χ² cdf goes through its own incomplete gamma (relative error ~1e-12 or better here).
    assertClose(r.p_value, 1 - jStat.chisquare.cdf(r.statistic as number, 1), { abs: 1e-9 }, `χ² ${b} vs ${c}`);
  }
});

interface JStatDistributions {
  binomial: { cdf(k: number, n: number, p: number): number };
  chisquare: { cdf(x: number, df: number): number };
}
