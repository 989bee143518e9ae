import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberToWords } from '../../../src/engines/clusters/numberWords';

test('numberToWords writes 0 to 999,999 in words and anything else as digits', () => {
  const cases: [number, string][] = [
    [0, 'zero'],
    [7, 'seven'],
    [19, 'nineteen'],
    [20, 'twenty'],
    [21, 'twenty one'],
    [99, 'ninety nine'],
    [100, 'one hundred'],
    [101, 'one hundred one'],
    [999, 'nine hundred ninety nine'],
    [1000, 'one thousand'],
    [1001, 'one thousand one'],
    [21345, 'twenty one thousand three hundred forty five'],
    [999999, 'nine hundred ninety nine thousand nine hundred ninety nine'],
    [1000000, '1000000'],
    [-1, '-1'],
    [1.5, '1.5'],
  ];
  for (const [n, words] of cases) assert.equal(numberToWords(n), words, String(n));
});
