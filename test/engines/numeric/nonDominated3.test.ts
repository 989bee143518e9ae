import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nonDominated3 } from '../../../src/engines/numeric/nonDominated3';

/** The definition, pair by pair: i is kept unless some j is at least as good in all three and better in one. */
function bruteForce(obj: Float64Array): number[] {
  const n = obj.length / 3;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let beaten = false;
    for (let j = 0; j < n && !beaten; j++) {
      if (j === i) continue;
      const [a0, a1, a2] = [obj[3 * j], obj[3 * j + 1], obj[3 * j + 2]];
      const [b0, b1, b2] = [obj[3 * i], obj[3 * i + 1], obj[3 * i + 2]];
      beaten = a0 <= b0 && a1 <= b1 && a2 <= b2 && (a0 < b0 || a1 < b1 || a2 < b2);
    }
    if (!beaten) out.push(i);
  }
  return out;
}

test('nonDominated3: hand-checked cases', () => {
  assert.deepEqual(nonDominated3(new Float64Array(0)), []);
  assert.deepEqual(nonDominated3(Float64Array.of(1, 2, 3)), [0]);
  // (2,2,2) is beaten by (1,1,1); (0,5,5) and (5,0,5) trade off with (1,1,1); a duplicate keeps its twin.
  assert.deepEqual(nonDominated3(Float64Array.of(2, 2, 2, 1, 1, 1, 0, 5, 5, 5, 0, 5, 1, 1, 1)), [1, 2, 3, 4]);
  // equal in two objectives, better in the third: beaten
  assert.deepEqual(nonDominated3(Float64Array.of(1, 1, 2, 1, 1, 1)), [1]);
  // a NaN objective: kept, and beats nothing
  assert.deepEqual(nonDominated3(Float64Array.of(NaN, 0, 0, 1, 1, 1)), [0, 1]);
});

test('nonDominated3 equals the pair-by-pair definition (ties, duplicates, infinities, NaN, −0)', () => {
  const value = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: -3, max: 3 }) }, // many ties
    { weight: 4, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }) },
    { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0) },
  );
  fc.assert(
    fc.property(fc.array(fc.tuple(value, value, value), { maxLength: 60 }), (points) => {
      const obj = Float64Array.from(points.flat());
      assert.deepEqual(nonDominated3(obj), bruteForce(obj));
    }),
    { numRuns: 500 },
  );
});

test('nonDominated3 on acquisition-sized input: 1,900 points, the same set as the definition', () => {
  let s = 7;
  const next = (): number => ((s = (s * 48271) % 2147483647) / 2147483647) * 4 - 2;
  const obj = new Float64Array(3 * 1900);
  for (let i = 0; i < obj.length; i += 3) {
    // anti-correlated objectives, as LCB, −log EI and −log PI tend to be: a front of many points
    const a = next();
    obj[i] = a;
    obj[i + 1] = -a + 0.3 * next();
    obj[i + 2] = next();
  }
  const front = nonDominated3(obj);
  assert.ok(front.length > 20, `${front.length} points on the front`);
  assert.deepEqual(front, bruteForce(obj));
});
