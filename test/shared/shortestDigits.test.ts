import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { writeShortestPositive } from '../../src/shared/text/shortestDigits';
import { AsciiChunks } from '../../src/engines/clusters/asciiChunks';

// The reference is V8's own String(x) (ECMAScript's Number::toString: the fewest digits that read
// back as x, the closest such decimal, ties to an even last digit), which writeShortestPositive must
// reproduce character for character wherever it does not hand the number back (-1).
const buf = new Uint8Array(64);
const decoder = new TextDecoder();

/** What writeShortestPositive writes for x, or null when it hands x back to String(x). */
function written(x: number): string | null {
  const end = writeShortestPositive(x, buf, 3);
  return end < 0 ? null : decoder.decode(buf.subarray(3, end));
}

/** Positive non-integers of the covered range. */
const inRange = (x: number): boolean => x >= 1e-5 && x < 1e15 && !Number.isInteger(x);

function expectSame(x: number): void {
  const got = written(x);
  if (inRange(x)) assert.equal(got, String(x), `${x}`);
  else assert.ok(got === null || got === String(x), `${x}: ${got}`);
}

test('cases that take care: ties between two shortest candidates, powers of two and ten, few digits, the range ends', () => {
  // Two 16-digit candidates equally near (x ends in .25 with an eighth's spacing): the even one.
  for (const x of [760775684022187.25, 630200918681352.25, 9060797005196.0625]) expectSame(x);
  assert.equal(written(760775684022187.25), '760775684022187.2');
  // Powers of two (a narrower gap below) and their neighbours; powers of ten and theirs.
  for (let e = -16; e < 50; e++)
    for (const x of [2 ** e, 2 ** e * (1 - Number.EPSILON / 2), 2 ** e * (1 + Number.EPSILON)]) expectSame(x);
  for (let e = -5; e < 15; e++)
    for (const x of [10 ** e, 10 ** e * (1 - Number.EPSILON), 10 ** e * (1 + Number.EPSILON)]) expectSame(x);
  for (const x of [0.1, 0.5, 1.25, 3.14, 0.3, 0.1 + 0.2, 2 / 3, 1e-5, 1.5e-5, 0.00001234, 999999999999999.9, Math.PI])
    expectSame(x);
  assert.equal(written(0.1 + 0.2), '0.30000000000000004');
  assert.equal(written(1e-5), '0.00001');
  // Outside the range: handed back. Integers (the CSV writer writes them itself) come out right too.
  for (const x of [9.99e-6, 1e15 + 0.5, 1e20, 5e-324, Infinity]) assert.equal(written(x), null, `${x}`);
  for (const x of [2, 7, 123456, 2 ** 40]) assert.equal(written(x), String(x));
});

test('agrees with String(x) on 400,000 numbers of five kinds', () => {
  let seed = 20261206;
  const rnd = (): number => {
    seed ^= seed << 13;
    seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    return seed / 4294967296;
  };
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  let covered = 0;
  for (let i = 0; i < 80_000; i++) {
    const values = [
      (rnd() - 0.5) * 20 + 10.5, // like generated data
      Math.exp((rnd() * 2 - 1) * Math.log(1e15)), // log-uniform over the range and beyond
      Math.round(rnd() * 1e6) / 10 ** (1 + Math.floor(rnd() * 8)), // short decimals
    ];
    values.push(values[2] * (1 + (rnd() < 0.5 ? -1 : 1) * Number.EPSILON)); // their neighbours
    u[0] = (rnd() * 4294967296) >>> 0; // random bits, exponents from 2^-17 to 2^50
    u[1] = (((rnd() * 68 + 1006) | 0) << 20) | ((rnd() * 1048576) >>> 0);
    values.push(f[0]);
    for (const x of values) {
      expectSame(x);
      if (inRange(x)) covered++;
    }
  }
  assert.ok(covered > 350_000, `${covered} numbers in the covered range`);
});

test('property: any double is written as String(x) writes it, or handed back outside the range', () => {
  fc.assert(
    fc.property(fc.double({ min: 1e-6, max: 2e15, noNaN: true }), (x) => {
      if (x > 0) expectSame(x);
    }),
    { numRuns: 20_000 },
  );
});

test('the CSV writer writes signs, integers and uncovered numbers as String(x)', () => {
  const xs = [-0.1, -760775684022187.25, -3, 0, -0, 1e-7, -1e21, 12345.678, Number.MIN_VALUE, -2 / 3, 1e15 + 0.5];
  const out = new AsciiChunks(1000);
  for (const x of xs) {
    out.shortest(x);
    out.byte(44);
  }
  const want = xs.map((x) => String(x)).join(',') + ',';
  assert.equal(decoder.decode(out.rest()), want);
});
