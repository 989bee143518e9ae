import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeFloat64,
  decodeRuns,
  encodeFloat64,
  encodeRuns,
  fromBase64,
  toBase64,
} from '../../src/protocol/compactArrays';

test("base64 matches Node's encoder byte for byte, for every length mod 3 and every byte value", () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (const n of [0, 1, 2, 3, 4, 5, 256, 10_000]) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => all[(i * 97 + 13) % 256]);
    const text = toBase64(bytes);
    assert.equal(text, Buffer.from(bytes).toString('base64'), `length ${n}`);
    assert.deepEqual(fromBase64(text), bytes, `round trip, length ${n}`);
  }
});

test('float64 values round-trip bit for bit (negative zero, subnormals, extremes)', () => {
  const xs = [
    0,
    -0,
    1,
    -1,
    Math.PI,
    5e-324,
    -2.2250738585072014e-308,
    Number.MAX_VALUE,
    -Number.MIN_VALUE,
    0.1 + 0.2,
    1e-300,
  ];
  const back = decodeFloat64(encodeFloat64(xs), xs.length, 'x');
  xs.forEach((x, i) => assert.ok(Object.is(back[i], x), `value ${i}: ${back[i]} vs ${x}`));
  // 8 bytes a value: 4 base64 characters per 3 bytes.
  assert.equal(encodeFloat64(new Float64Array(300)).length, 800 * 4);
});

test('runs round-trip and are short for long stretches of one value', () => {
  const xs = Int32Array.from([3, 3, 3, -1, -1, 0, 7, 7, 7, 7]);
  const runs = encodeRuns(xs);
  assert.deepEqual(runs, [3, 3, -1, 2, 0, 1, 7, 4]);
  assert.deepEqual(decodeRuns(runs, xs.length, { min: -1, max: 7 }, 'x'), xs);
  assert.deepEqual(encodeRuns([]), []);
  assert.deepEqual(decodeRuns([], 0, { min: 0, max: 0 }, 'x'), new Int32Array(0));
});

test('damaged encodings are refused with a message naming the field, never decoded into wrong numbers', () => {
  const range = { min: 0, max: 4 };
  const cases: [() => unknown, RegExp][] = [
    [() => decodeRuns('1,2', 2, range, 'map.best'), /map\.best: expected \[value, count/],
    [() => decodeRuns([1], 1, range, 'map.best'), /expected \[value, count/],
    [() => decodeRuns([5, 2], 2, range, 'map.best'), /run 0 has value 5, expected an integer in \[0, 4\]/],
    [() => decodeRuns([1.5, 2], 2, range, 'map.best'), /run 0 has value 1.5/],
    [() => decodeRuns([1, 0], 0, range, 'map.best'), /run 0 has count 0/],
    [() => decodeRuns([1, 3], 2, range, 'map.best'), /run 0 has count 3, expected 1 to 2/],
    [() => decodeRuns([1, 1e9], 2, range, 'map.best'), /count 1000000000/],
    [() => decodeRuns([1, 1], 2, range, 'map.best'), /runs cover 1 cells, expected 2/],
    [() => decodeFloat64(12, 1, 'map.margin'), /map\.margin: expected a base64 string/],
    [() => decodeFloat64('AAA', 1, 'map.margin'), /not a multiple of 4/],
    [() => decodeFloat64('AAAA', 1, 'map.margin'), /3 bytes, expected 8/],
    [() => decodeFloat64('AAAAAAAAAA!=', 1, 'map.margin'), /character 10 is not base64/],
    [() => decodeFloat64('AAAAAAAAAAé=', 1, 'map.margin'), /character 10 is not base64/],
    [() => decodeFloat64(encodeFloat64([1, Number.NaN]), 2, 'map.margin'), /value 1 is not a finite number/],
    [() => decodeFloat64(encodeFloat64([Number.NEGATIVE_INFINITY]), 1, 'map.margin'), /value 0 is not a finite number/],
  ];
  for (const [f, message] of cases) assert.throws(f, message);
});
