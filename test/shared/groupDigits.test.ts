import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { groupDigits } from '../../src/shared/text/groupDigits';

// The reference is ICU itself (toLocaleString('en-US') of the rounded number), which groupDigits
// replaces to spare a process the ~19 ms of loading ICU's locale data. It differs on purpose only on
// negative zero: "0", not "-0".
const icu = (x: number): string => (Object.is(Math.round(x), -0) ? '0' : Math.round(x).toLocaleString('en-US'));

test('whole numbers get a comma every three digits, as toLocaleString("en-US") writes them', () => {
  assert.equal(groupDigits(0), '0');
  assert.equal(groupDigits(999), '999');
  assert.equal(groupDigits(1000), '1,000');
  assert.equal(groupDigits(-1234567), '-1,234,567');
  assert.equal(groupDigits(999.5), '1,000');
  assert.equal(groupDigits(-0.4), '0');
  assert.equal(groupDigits(1.2345e25), '12,345,000,000,000,000,000,000,000');
  assert.equal(groupDigits(Number.NaN), 'NaN');
  assert.equal(groupDigits(-Infinity), '-Infinity');
});

test('equal to ICU on any finite double: integers, fractions, and magnitudes past 1e21', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.maxSafeInteger()),
      (x) => {
        assert.equal(groupDigits(x), icu(x), String(x));
      },
    ),
    { numRuns: 5000 },
  );
});
