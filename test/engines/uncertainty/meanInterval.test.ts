/** Intervals of a proportion and of a mean (the Model Overview and `costrisk summary`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engines/numeric/rng';
import {
  BOOTSTRAP_WORK_LIMIT,
  meanInterval,
  seedFor,
  wilsonInterval,
} from '../../../src/engines/uncertainty/meanInterval';
import { assertClose } from '../../helpers/assertClose';

test('Wilson interval matches published values (Newcombe 1998, Table I; R binom.wilson) and stays in [0, 1]', () => {
  // 0/10: [0, 0.2775]; 1/10: [0.0179, 0.4042]; 81/263: [0.2553, 0.3662] (Newcombe's example), four decimals.
  const cases: [number, number, number, number][] = [
    [0, 10, 0, 0.2775],
    [1, 10, 0.0179, 0.4042],
    [81, 263, 0.2553, 0.3662],
    [10, 10, 0.7225, 1],
  ];
  for (const [k, n, lo, hi] of cases) {
    const ci = wilsonInterval(k, n)!;
    assertClose(ci.ci_low, lo, { abs: 5e-5 }, `${k}/${n} low`);
    assertClose(ci.ci_high, hi, { abs: 5e-5 }, `${k}/${n} high`);
    assert.equal(ci.method, 'wilson');
  }
  assert.equal(wilsonInterval(0, 0), null);
});

test('bootstrap interval of a mean: close to mean ± 1.96·sd/√n on a large symmetric sample; seeded; normal past the work limit', () => {
  const rng = new Rng(4);
  const xs = Float64Array.from({ length: 1500 }, () => rng.normal() * 2 + 10);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  const half = (1.959964 * sd) / Math.sqrt(xs.length);
  const ci = meanInterval(xs, { seed: 1 })!;
  assert.equal(ci.method, 'bootstrap');
  // Monte Carlo error of a 2,000-resample endpoint is ≈ 4% of the half-width; allow 15%.
  assertClose(ci.ci_low, mean - half, { abs: 0.15 * half }, 'low end');
  assertClose(ci.ci_high, mean + half, { abs: 0.15 * half }, 'high end');
  assert.deepEqual(meanInterval(xs, { seed: 1 }), ci, 'same seed, same interval');
  const normal = meanInterval(xs, { replicates: Math.ceil(BOOTSTRAP_WORK_LIMIT / xs.length) + 1 })!;
  assert.equal(normal.method, 'normal');
  assertClose(normal.ci_low, mean - half, { rel: 1e-6 }, 'normal low end');
  assert.equal(meanInterval(new Float64Array(0)), null);
  assert.deepEqual(meanInterval(Float64Array.of(3), { replicates: 0 }), {
    ci_low: 3,
    ci_high: 3,
    level: 0.95,
    method: 'normal',
  });
});

test('seedFor: the same name gives the same seed, other names other seeds', () => {
  assert.equal(seedFor('llama3.1-405b'), seedFor('llama3.1-405b'));
  assert.notEqual(seedFor('llama3.1-405b'), seedFor('llama3.1-70b'));
  assert.notEqual(seedFor('a', 1), seedFor('a', 2));
});
