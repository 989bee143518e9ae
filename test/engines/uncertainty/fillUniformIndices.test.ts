import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rng } from '../../../src/engines/numeric/rng';
import { drawCounts, fillUniformIndices, uniformIndex } from '../../../src/engines/uncertainty/resample';
import { meanInterval, seedFor } from '../../../src/engines/uncertainty/meanInterval';
import { CI_LEVEL, percentileInterval } from '../../../src/engines/uncertainty/intervals';

// The bulk draw must give the numbers of one uniformIndex call per draw, in order, and leave the
// generator where those calls would (the next draws agree too): the bootstrap's intervals, which the
// reference tests check to the digit, are made from it.
test('fillUniformIndices draws what uniformIndex would, call for call, and leaves the generator in the same state', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      fc.oneof(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 2 ** 21 }),
        // near the bound where the multiply-shift stops being exact, and past it (the one-draw fallback)
        fc.integer({ min: 2 ** 21 - 3, max: 2 ** 21 + 3 }),
        // the largest rejection share below the bound (see below), and n far past it
        fc.constantFrom(3, 1531, 2_096_129, 2 ** 31 + 1),
      ),
      fc.integer({ min: 0, max: 300 }),
      (seed, n, count) => {
        const bulk = new Rng(seed);
        const one = new Rng(seed);
        const out = new Int32Array(count + 2).fill(-7);
        fillUniformIndices(bulk, n, out, count);
        for (let i = 0; i < count; i++) assert.equal(out[i], uniformIndex(one, n), `draw ${i} of n = ${n}`);
        assert.deepEqual([out[count], out[count + 1]], [-7, -7], 'nothing written past count');
        assert.deepEqual(bulk.stateWords(), one.stateWords());
        assert.equal(bulk.nextUint32(), one.nextUint32());
      },
    ),
    { numRuns: 300 },
  );
});

test('rejected draws are redrawn as uniformIndex redraws them (n = 2,096,129 rejects ~1 draw in 2,050)', () => {
  // (2³² − n) mod n = 2,095,104 for this n, the largest share of 2³² below the 2²¹ bound: 200,000
  // draws meet ~100 rejections, so the generator has stepped more than once per number.
  const n = 2_096_129;
  assert.equal((2 ** 32 - n) % n, 2_095_104);
  const bulk = new Rng(11);
  const one = new Rng(11);
  const once = new Rng(11);
  const out = new Int32Array(200_000);
  fillUniformIndices(bulk, n, out);
  for (let i = 0; i < out.length; i++) if (out[i] !== uniformIndex(one, n)) assert.fail(`draw ${i} differs`);
  assert.deepEqual(bulk.stateWords(), one.stateWords());
  for (let i = 0; i < out.length; i++) once.nextUint32();
  assert.notDeepEqual(bulk.stateWords(), once.stateWords(), 'some draws were rejected and redrawn');
});

test('meanInterval is the percentile bootstrap of resamples drawn one uniformIndex at a time (recomputed here)', () => {
  const rng = new Rng(9);
  const values = Float64Array.from({ length: 257 }, () => rng.uniform() ** 3);
  const B = 400;
  const draws = new Rng(seedFor('m', 4));
  const reps = Float64Array.from({ length: B }, () => {
    let s = 0;
    for (let t = 0; t < values.length; t++) s += values[uniformIndex(draws, values.length)];
    return s / values.length;
  });
  assert.deepEqual(meanInterval(values, { replicates: B, seed: seedFor('m', 4) }), {
    ...percentileInterval(reps, CI_LEVEL),
    level: CI_LEVEL,
    method: 'bootstrap',
  });
});

test('drawCounts counts the draws of uniformIndex, resample after resample, with or without a scratch array', () => {
  for (const n of [1, 2, 997, 2_096_129]) {
    const bulk = new Rng(5);
    const reused = new Rng(5);
    const one = new Rng(5);
    const scratch = new Int32Array(n);
    for (let k = 0; k < 3; k++) {
      const want = new Float64Array(n);
      for (let t = 0; t < n; t++) want[uniformIndex(one, n)]++;
      const a = new Float64Array(n).fill(9);
      const b = new Int32Array(n).fill(9);
      drawCounts(bulk, a);
      drawCounts(reused, b, scratch);
      assert.deepEqual(a, want, `n = ${n}, resample ${k}`);
      assert.deepEqual(Float64Array.from(b), want, `n = ${n}, resample ${k}, scratch reused`);
    }
  }
});
