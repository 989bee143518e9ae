/** The interval and test conventions of src/engines/uncertainty/intervals.ts, and the resampling draw. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rng } from '../../../src/engines/numeric/rng';
import {
  differenceTest,
  formatP,
  percentileInterval,
  select,
  tailCount,
} from '../../../src/engines/uncertainty/intervals';
import { drawCounts, uniformIndex } from '../../../src/engines/uncertainty/resample';

test('select gives the same order statistic as a full sort, for any sample and any k (ties, negatives, zeros)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
        minLength: 1,
        maxLength: 300,
      }),
      fc.nat(),
      (xs, k0) => {
        const k = k0 % xs.length;
        const sorted = [...xs].sort((a, b) => a - b);
        // (+ 0 turns −0 into 0: the two zeros are the same order statistic.)
        assert.equal(select(Float64Array.from(xs), k) + 0, sorted[k] + 0);
      },
    ),
    { numRuns: 300 },
  );
});

test('percentile interval: the (k+1)-th smallest and largest replicates with k = floor(0.025·B)', () => {
  const reps = Float64Array.from({ length: 2000 }, (_, i) => 1999 - i); // 1999 … 0, reversed on purpose
  assert.equal(tailCount(2000, 0.95), 50);
  assert.deepEqual(percentileInterval(reps), { ci_low: 50, ci_high: 1949 });
  assert.deepEqual(percentileInterval([7]), { ci_low: 7, ci_high: 7 }, 'one replicate: a point');
  assert.throws(() => percentileInterval([]), /at least one replicate/);
});

test('property: "better" ⇔ the interval lies above 0 ⇔ p ≤ 0.05; "worse" mirrors it; p_better is the share above 0', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -20, max: 60 }), { minLength: 2, maxLength: 400 }), (ints) => {
      const reps = ints.map((x) => x / 10);
      const d = differenceTest(1, reps);
      assert.equal(d.verdict === 'better', d.ci_low > 0, 'better iff ci_low > 0');
      assert.equal(d.verdict === 'worse', d.ci_high < 0, 'worse iff ci_high < 0');
      assert.equal(d.verdict !== 'tied', d.p_value <= 0.05 + 1e-15, 'a verdict iff p ≤ 0.05');
      assert.equal(d.p_better, reps.filter((x) => x > 0).length / reps.length);
      assert.ok(d.p_value >= 0 && d.p_value <= 1);
    }),
    { numRuns: 500 },
  );
});

test('differences within the zero tolerance count as ties (rounding noise makes no verdict)', () => {
  const noise = Float64Array.from({ length: 1000 }, (_, i) => (i % 2 ? 1e-18 : 2e-18));
  assert.equal(differenceTest(0, noise).verdict, 'better', 'without tolerance, positive noise is "better"');
  const d = differenceTest(0, noise, 0.95, 1e-12);
  assert.equal(d.verdict, 'tied');
  assert.equal(d.p_value, 1);
});

test('formatP: two significant digits, and the resolution of B resamples when none went the other way', () => {
  assert.equal(formatP(0.6667, 2000), 'p = 0.67');
  assert.equal(formatP(0.034, 2000), 'p = 0.034');
  assert.equal(formatP(0, 2000), 'p < 0.001');
});

test('uniformIndex is in range and uniform (n = 3 and n = 1531: every count within 5 standard deviations of N/n)', () => {
  for (const n of [1, 3, 7, 1531]) {
    const rng = new Rng(11);
    const N = 200_000;
    const counts = new Float64Array(n);
    for (let i = 0; i < N; i++) {
      const j = uniformIndex(rng, n);
      assert.ok(Number.isInteger(j) && j >= 0 && j < n);
      counts[j]++;
    }
    const sd = Math.sqrt(N * (1 / n) * (1 - 1 / n) || 1);
    for (const c of counts) assert.ok(Math.abs(c - N / n) <= 5 * sd, `n = ${n}: count ${c} vs ${N / n}`);
  }
});

test('drawCounts: n draws with replacement (counts sum to n); the same seed gives the same resample', () => {
  const a = new Int32Array(500);
  const b = new Float64Array(500);
  drawCounts(new Rng(5), a);
  drawCounts(new Rng(5), b);
  assert.equal(
    a.reduce((s, x) => s + x, 0),
    500,
  );
  assert.deepEqual(Array.from(a), Array.from(b));
  // About 1 − 1/e of the items appear in a resample (63.2%; ±5% is > 4 standard deviations at n = 500).
  const seen = Array.from(a).filter((x) => x > 0).length / 500;
  assert.ok(Math.abs(seen - (1 - Math.exp(-1))) < 0.05, `share drawn ${seen}`);
});
