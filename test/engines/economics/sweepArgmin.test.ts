import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ascendingOrder, slopeOrder, sweepArgmin } from '../../../src/engines/economics/sweepArgmin';
import { Rng } from '../../../src/engines/numeric/rng';

/** Brute force: the lowest line at x, the first index among exact ties (what evaluatePriceGrid does). */
function bruteArgmin(a: Float64Array, s: Float64Array, n: number, x: number): number {
  let arg = 0;
  for (let j = 1; j < n; j++) if (a[j] + s[j] * x < a[arg] + s[arg] * x) arg = j;
  return arg;
}

test('sweepArgmin finds a lowest line at every query, as brute force does (random lines with repeated slopes and duplicates)', () => {
  const rng = new Rng(18);
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + rng.int(40);
    // Slopes and intercepts on a coarse lattice, so equal slopes, duplicate lines and exact crossings all occur.
    const a = Float64Array.from({ length: n }, () => rng.int(20) / 4);
    const s = Float64Array.from({ length: n }, () => rng.int(8) / 8);
    const xs = Array.from({ length: 1 + rng.int(60) }, () => (rng.int(81) - 40) / 4);
    const out = new Int32Array(xs.length);
    sweepArgmin(a, s, slopeOrder(s, n), xs, ascendingOrder(xs), out, new Int32Array(n));
    xs.forEach((x, q) => {
      const j = out[q];
      const brute = bruteArgmin(a, s, n, x);
      // Lattice values: every sum here is exact in float64, so "lowest" is exact too.
      assert.equal(a[j] + s[j] * x, a[brute] + s[brute] * x, `trial ${trial}, x = ${x}: line ${j} is not lowest`);
      // Identical lines: the first one is returned, as brute force does.
      const firstTwin = Array.from(a.keys()).find((i) => a[i] === a[j] && s[i] === s[j]);
      assert.equal(j, firstTwin, `trial ${trial}: duplicate of an earlier line returned`);
    });
  }
});

test('sweepArgmin: one line, and lines crossing between queries', () => {
  const out = new Int32Array(3);
  sweepArgmin(
    Float64Array.of(2),
    Float64Array.of(-1),
    Int32Array.of(0),
    [5, -5, 0],
    ascendingOrder([5, -5, 0]),
    out,
    new Int32Array(1),
  );
  assert.deepEqual([...out], [0, 0, 0]);
  // y0 = x, y1 = 1, y2 = 3 − x: lowest is y0 below 1, y1 on [1, 2], y2 above 2.
  const xs = [3, 0, 1.5, -2, 10];
  const got = new Int32Array(xs.length);
  sweepArgmin(
    Float64Array.of(0, 1, 3),
    Float64Array.of(1, 0, -1),
    slopeOrder([1, 0, -1], 3),
    xs,
    ascendingOrder(xs),
    got,
    new Int32Array(3),
  );
  assert.deepEqual([...got], [2, 0, 1, 0, 2]);
});

test('sweepArgmin refuses an empty set of lines', () => {
  assert.throws(
    () =>
      sweepArgmin(
        new Float64Array(0),
        new Float64Array(0),
        new Int32Array(0),
        [1],
        [0],
        new Int32Array(1),
        new Int32Array(0),
      ),
    /at least one line/,
  );
});
