import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jStat } from 'jstat';
import { Rng } from '../../../src/engines/numeric/rng';
import {
  fillStandardExponential,
  fillStandardNormal,
  standardExponential,
  standardNormal,
} from '../../../src/engines/numeric/distributions';
import { assertClose } from '../../helpers/assertClose';

// The two ziggurat samplers against their exact distributions. Each check draws N values with a
// fixed seed, so it passes or fails the same way every run; the bounds are those a correct sampler
// meets with probability ≥ 0.99 (or 5 standard errors), so a wrong table, layer or tail shows.
const N = 250_000;

/** Kolmogorov–Smirnov distance between the sorted sample and the CDF F. */
function ksDistance(sorted: Float64Array, F: (x: number) => number): number {
  let d = 0;
  const n = sorted.length;
  for (let i = 0; i < n; i++) {
    const f = F(sorted[i]);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/** Pearson's χ² over `bins` equiprobable bins of F. */
function chiSquare(sample: Float64Array, F: (x: number) => number, bins: number): number {
  const counts = new Float64Array(bins);
  for (const x of sample) counts[Math.min(bins - 1, Math.floor(F(x) * bins))]++;
  const expected = sample.length / bins;
  let chi = 0;
  for (const c of counts) chi += (c - expected) ** 2 / expected;
  return chi;
}

function draws(sampler: (rng: Rng) => number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) out[i] = sampler(rng);
  return out;
}

// Critical values: KS at level 0.01 is 1.628/√N; χ² with 999 degrees of freedom at 0.99 is 1106.
const KS_CRIT = 1.628 / Math.sqrt(N);
const CHI_CRIT_999 = 1106;

test('standardExponential follows Exp(1): KS, χ² over 1000 bins, mean, variance and the tail past the last layer', () => {
  const F = (x: number): number => 1 - Math.exp(-x);
  const x = draws(standardExponential, 11);
  let sum = 0;
  let sq = 0;
  let tail = 0;
  for (const v of x) {
    assert.ok(v >= 0 && Number.isFinite(v), `draw ${v}`);
    sum += v;
    sq += v * v;
    if (v > 7.697117470131487) tail++;
  }
  const mean = sum / N;
  // mean 1 and variance 1; standard errors 1/√N and √8/√N (the fourth central moment is 9)
  assertClose(mean, 1, { abs: 5 / Math.sqrt(N) }, 'mean');
  assertClose(sq / N - mean * mean, 1, { abs: 5 * Math.sqrt(8 / N) }, 'variance');
  // beyond the ziggurat's last edge the draws come from the tail branch: P = e^-7.697 = 4.54e-4, ~113 of 250,000
  const pTail = Math.exp(-7.697117470131487);
  assertClose(tail / N, pTail, { abs: 5 * Math.sqrt(pTail / N) }, 'P(X > 7.697)');
  assert.ok(chiSquare(x, F, 1000) < CHI_CRIT_999, 'χ² over 1000 equiprobable bins');
  x.sort();
  assert.ok(ksDistance(x, F) < KS_CRIT, `KS distance ${ksDistance(x, F)} < ${KS_CRIT}`);
});

test('standardNormal follows N(0, 1): KS and χ² over 1000 bins (jstat CDF)', () => {
  const F = (x: number): number => jStat.normal.cdf(x, 0, 1);
  const x = draws(standardNormal, 12);
  assert.ok(chiSquare(x, F, 1000) < CHI_CRIT_999, 'χ² over 1000 equiprobable bins');
  x.sort();
  assert.ok(ksDistance(x, F) < KS_CRIT, `KS distance ${ksDistance(x, F)} < ${KS_CRIT}`);
});

test('a wrong exponential sampler fails the same checks (the test can tell)', () => {
  // inversion with a 2% scale error: the KS distance is then about 0.0074, twice the bound
  const F = (x: number): number => 1 - Math.exp(-x);
  const x = draws((rng) => -Math.log(rng.uniformOpen()) * 1.02, 11);
  x.sort();
  assert.ok(ksDistance(x, F) > KS_CRIT);
});

test('the bulk fills draw the same numbers and leave the same state as one draw at a time', () => {
  // 200,000 draws per sampler cross ~2,000 draws outside a box (wedges and tails, the one-draw path
  // inside the fill); fills of uneven lengths at offsets, then one more word from each generator.
  const cases: [string, (rng: Rng) => number, typeof fillStandardNormal][] = [
    ['normal', standardNormal, fillStandardNormal],
    ['exponential', standardExponential, fillStandardExponential],
  ];
  for (const [name, one, fill] of cases) {
    const a = new Rng(31);
    const b = new Rng(31);
    const bulk = new Float64Array(200_000 + 3);
    let i = 3;
    for (let len = 1; i < bulk.length; len = (len * 7 + 3) % 997) {
      const to = Math.min(bulk.length, i + len);
      fill(b, bulk, i, to);
      i = to;
    }
    for (let k = 3; k < bulk.length; k++) {
      const x = one(a);
      if (!Object.is(x, bulk[k])) assert.fail(`${name}: draw ${k - 3} is ${bulk[k]} in bulk, ${x} one at a time`);
    }
    assert.deepEqual(Array.from(bulk.subarray(0, 3)), [0, 0, 0], `${name}: the fill wrote before its start`);
    assert.equal(b.nextInt32(), a.nextInt32(), `${name}: the generators' states differ after the draws`);
  }
});
