import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  exchangeabilityCheck,
  formatP,
  kolmogorovSmirnov,
  twoProportionTest,
} from '../../../src/engines/riskGuarantee/exchangeability';
import { Rng } from '../../../src/engines/numeric/rng';
import { assertClose } from '../../helpers/assertClose';

/** D = max over every observed value v of |F₁(v) − F₂(v)|, the empirical CDFs counted directly. */
function bruteForceD(xs: number[], ys: number[]): number {
  const cdf = (s: number[], v: number) => s.filter((x) => x <= v).length / s.length;
  return Math.max(0, ...[...xs, ...ys].map((v) => Math.abs(cdf(xs, v) - cdf(ys, v))));
}

test('KS statistic = the largest gap between the two empirical CDFs, counted directly (with ties)', () => {
  const sample = fc.array(
    fc.integer({ min: 0, max: 12 }).map((k) => k / 4),
    { minLength: 1, maxLength: 40 },
  );
  fc.assert(
    fc.property(sample, sample, (xs, ys) => {
      const { d, p } = kolmogorovSmirnov(xs, ys);
      assertClose(d, bruteForceD(xs, ys), { abs: 1e-12 }, 'D');
      assert.ok(p >= 0 && p <= 1 && Number.isFinite(p), `p = ${p}`);
    }),
  );
});

test('KS p-value agrees with a permutation test (2,000 relabellings) to within 0.05', () => {
  // Both p-values estimate P(D ≥ observed) under exchangeability: the permutation one by Monte Carlo
  // (standard error ≤ 0.011), ours by the asymptotic Kolmogorov law with Stephens' correction.
  const rng = new Rng(5);
  for (const [n1, n2, shift] of [
    [60, 80, 0],
    [100, 120, 0.3],
    [150, 400, 0.15],
    [40, 40, 0.6],
  ]) {
    const xs = Array.from({ length: n1 }, () => rng.normal());
    const ys = Array.from({ length: n2 }, () => rng.normal() + shift);
    const { d, p } = kolmogorovSmirnov(xs, ys);
    const pool = [...xs, ...ys];
    let atLeast = 0;
    for (let r = 0; r < 2000; r++) {
      const s = rng.shuffle([...pool]);
      if (kolmogorovSmirnov(s.slice(0, n1), s.slice(n1)).d >= d - 1e-12) atLeast++;
    }
    assertClose(p, atLeast / 2000, { abs: 0.05 }, `n=${n1}/${n2} shift ${shift}: D=${d.toFixed(3)}`);
  }
});

test('two-proportion z-test matches the textbook formula (values from scipy.stats.norm)', () => {
  // z = (p₁ − p₂)/√(p̄(1 − p̄)(1/n₁ + 1/n₂)), p = 2·(1 − Φ(|z|)).
  const a = twoProportionTest(30, 100, 18, 100);
  assertClose(a.z, 1.9867985355975655, { rel: 1e-12 }, 'z');
  assertClose(a.p, 0.046944726978481836, { rel: 1e-9 }, 'p');
  const b = twoProportionTest(26, 300, 243, 1000);
  assertClose(b.z, -5.862440107588494, { rel: 1e-12 }, 'z (MedMCQA-like)');
  assertClose(b.p, 4.561141523643138e-9, { rel: 1e-6 }, 'p (MedMCQA-like)');
  assert.deepEqual(
    twoProportionTest(0, 10, 0, 20),
    { cal: 0, test: 0, z: 0, p: 1 },
    'no errors at all: no evidence, no NaN',
  );
  assert.deepEqual(twoProportionTest(5, 5, 7, 7), { cal: 1, test: 1, z: 0, p: 1 });
});

test('the check calls identical splits exchangeable, clearly shifted ones not, and null when a split is empty', () => {
  const rng = new Rng(8);
  const same = (n: number) =>
    Array.from({ length: n }, () => ({ certainty: rng.uniform(), correct: rng.uniform() < 0.8 }));
  const labels = { cal: 'train', test: 'test', model: 'm' };
  const calm = exchangeabilityCheck(same(300), same(1000), labels);
  assert.ok(calm?.exchangeable, calm?.summary);
  assert.match(
    calm.summary,
    /^calibration "train" and test "test" look exchangeable \(both p-values ≥ 0\.005\): m errs on/,
  );
  const worse = Array.from({ length: 1000 }, () => ({ certainty: rng.uniform() ** 2, correct: rng.uniform() < 0.6 }));
  const shifted = exchangeabilityCheck(same(300), worse, labels);
  assert.ok(shifted && !shifted.exchangeable);
  assert.match(
    shifted.summary,
    /are not exchangeable \(p < 0\.005\).*a threshold certified on "train" need not hold on "test"$/,
  );
  assert.equal(exchangeabilityCheck([], same(10), labels), null);
});

test('p-values are written with two significant digits, in exponent form when small, never as 0', () => {
  assert.equal(formatP(0.1149), '0.11');
  assert.equal(formatP(0.0091), '0.0091');
  assert.equal(formatP(4.56e-9), '4.6e-9');
  assert.equal(formatP(0), '< 1e-300');
});
