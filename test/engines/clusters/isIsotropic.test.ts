import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isIsotropic } from '../../../src/engines/clusters/isIsotropic';

test('isIsotropic: all lengths within 1e-12 (relative) of the first, as the rule `every(|l − l0| ≤ 1e-12·l0)` says, NaN and negatives included', () => {
  const rule = (ls: number[]): boolean => ls.every((l) => Math.abs(l - ls[0]) <= 1e-12 * ls[0]);
  const length = fc.oneof(
    fc.constantFrom(1, 1 + 1e-13, 1 + 1e-11, 0, -1, Number.NaN, Infinity),
    fc.double({ min: -2, max: 2 }),
  );
  fc.assert(
    fc.property(fc.array(length, { maxLength: 6 }), fc.boolean(), (ls, same) => {
      const lengths = same && ls.length ? ls.map(() => ls[0]) : ls;
      assert.equal(isIsotropic(Float64Array.from(lengths)), rule(lengths), JSON.stringify(lengths));
    }),
    { numRuns: 2000 },
  );
  assert.equal(isIsotropic([0.8, 0.8, 0.8 * (1 + 1e-13)]), true);
  assert.equal(isIsotropic([0.8, 0.8, 0.8 * (1 + 1e-11)]), false);
});
