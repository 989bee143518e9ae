/** The formatting module: money, shares, rates, names and ties, on edge cases (0, negative, tiny, huge, not defined). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DASH,
  formatCascade,
  formatCount,
  formatElapsed,
  formatExactP,
  formatFixed,
  formatLatencyPrice,
  formatLatencyPriceWithWage,
  formatPercent,
  formatPValue,
  formatScientific,
  formatSeconds,
  formatShare,
  formatSig,
  formatSignedPercent,
  formatSignedUsd,
  formatSystemName,
  formatUsd,
  formatUsdLogTick,
  formatUsdPerQuery,
  formatUsdTick,
  isTie,
  mergeTieSlivers,
} from '../../src/protocol/format';

const NOT_DEFINED = [null, undefined, NaN, Infinity, -Infinity];

test('every formatter shows a dash for a figure that is not defined', () => {
  const formatters = [
    formatUsd,
    formatSignedUsd,
    formatUsdPerQuery,
    formatShare,
    formatPercent,
    formatSignedPercent,
    formatSig,
    (x: number | null | undefined) => formatFixed(x, 2),
    formatScientific,
    formatSeconds,
    formatElapsed,
    formatCount,
    formatLatencyPrice,
    formatLatencyPriceWithWage,
    formatPValue,
  ];
  for (const f of formatters) for (const x of NOT_DEFINED) assert.equal(f(x), DASH, `${f.name}(${x})`);
});

test('dollars: three significant digits below $1, cents up to $1,000, whole dollars with separators above', () => {
  assert.equal(formatUsd(0), '$0');
  assert.equal(formatUsd(-0), '$0');
  assert.equal(formatUsd(1.91e-5), '$0.0000191');
  assert.equal(formatUsd(5.74e-4), '$0.000574');
  assert.equal(formatUsd(0.1), '$0.1');
  assert.equal(formatUsd(1), '$1');
  assert.equal(formatUsd(1.5), '$1.50');
  assert.equal(formatUsd(12.345), '$12.35');
  assert.equal(formatUsd(10000), '$10,000');
  assert.equal(formatUsd(1234567.8), '$1,234,568');
  assert.equal(formatUsd(-0.149), '−$0.149');
  assert.equal(formatUsd(2.61e-9), '$0.00000000261', 'no exponent form, however small');
  assert.equal(formatUsd(0.99999), '$1', 'rounding up to a dollar');
});

test('signed dollar differences follow the unsigned precision rules', () => {
  assert.equal(formatSignedUsd(2.61e-9), '+$0.00000000261');
  assert.equal(formatSignedUsd(8.53e-6), '+$0.00000853');
  assert.equal(formatSignedUsd(-0.0368), '−$0.0368');
  assert.equal(formatSignedUsd(0), '$0');
  assert.equal(formatUsdPerQuery(1.91e-5), '$0.0000191/query');
});

test('no formatter ever prints an exponent, NaN or Infinity for a finite figure in the money and share formats', () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }), (x) => {
      for (const s of [formatUsd(x), formatSignedUsd(x), formatSig(x), formatFixed(x, 3), formatPercent(x)]) {
        assert.doesNotMatch(s, /e[+-]?\d|NaN|Infinity/, `${x} → ${s}`);
      }
    }),
  );
});

test('formatUsd keeps the value: the text parses back to within half a unit of its last digit', () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, min: 1e-12, max: 1e9 }), (x) => {
      const text = formatUsd(x);
      const back = Number(text.replace(/[$,]/g, ''));
      // Three significant digits below $1 (relative error ≤ 0.5e-2), cents up to $1,000 (≤ $0.005), whole dollars above (≤ $0.5).
      const tolerance = x < 1 ? 0.005 * x + 1e-15 : x < 999.995 ? 0.005 + 1e-9 : 0.5 + 1e-9;
      assert.ok(Math.abs(back - x) <= tolerance, `${x} → ${text}`);
    }),
  );
});

test('numbers: fixed decimals, significant digits, percentages, no "−0"', () => {
  assert.equal(formatFixed(0.12345, 3), '0.123');
  assert.equal(formatFixed(-0.0001, 3), '0.000', 'rounds to zero: no sign');
  assert.equal(formatFixed(-0.0358, 4), '−0.0358');
  assert.equal(formatFixed(1e25, 1), '10,000,000,000,000,000,000,000,000');
  assert.equal(formatSig(0.000031504), '0.0000315');
  assert.equal(formatSig(123456), '123,000');
  assert.equal(formatSig(0), '0');
  assert.equal(formatSig(-2.5), '−2.5');
  assert.equal(formatShare(0.8521), '0.852');
  assert.equal(formatShare(0.4251, 'test'), '0.425 (test)');
  assert.equal(formatPercent(0.075), '7.5%');
  assert.equal(formatPercent(1), '100%');
  assert.equal(formatPercent(-0.2), '−20%');
  assert.equal(formatSignedPercent(0.031), '+3.1%');
  assert.equal(formatSignedPercent(-0.031), '−3.1%');
  assert.equal(formatSignedPercent(0.00001), '0%', 'rounds to zero: no sign');
  assert.equal(formatScientific(3.2e-5), '3.2e-5');
  assert.equal(formatSeconds(0.38712), '0.387 s');
  assert.equal(formatElapsed(0.84), '840 ms');
  assert.equal(formatElapsed(11.26), '11.3 s');
  assert.equal(formatCount(12.34), '12.3');
  assert.equal(formatCount(1234.4), '1,234');
  assert.equal(formatPValue(0.0000535), 'p < 0.001');
  assert.equal(formatPValue(0.034), 'p = 0.034');
  assert.equal(formatPValue(0.51), 'p = 0.51');
  assert.equal(formatExactP(8.314e-43), '8.31e-43');
  assert.equal(formatExactP(0.02314), '0.0231');
  assert.equal(formatExactP(0), '0');
});

test('the price of latency reads in the unit the user enters it, per minute', () => {
  assert.equal(formatLatencyPrice(0.5 / 60), '$0.5/min');
  assert.equal(formatLatencyPrice(1.5 / 60), '$1.50/min');
  assert.equal(formatLatencyPrice(0), '$0/min');
  assert.equal(formatLatencyPriceWithWage(0.5 / 60), '$0.5/min ($30/hour wage)');
});

test('axis ticks are compact and log ticks label only 1, 2 and 5 times a power of ten', () => {
  assert.equal(formatUsdTick(10000), '$10k');
  assert.equal(formatUsdTick(0.0001), '$0.0001');
  assert.equal(formatUsdTick(-0.25), '−$0.25');
  assert.equal(formatUsdTick(NaN), '');
  assert.equal(formatUsdLogTick(2e-5), '$0.00002');
  assert.equal(formatUsdLogTick(3e-5), '');
});

test('cascade and system names: one style, "a → b"', () => {
  assert.equal(formatCascade(['a', 'b', 'c']), 'a → b → c');
  assert.equal(formatSystemName('llama3.2-1b>llama3.1-405b'), 'llama3.2-1b → llama3.1-405b');
  assert.equal(formatSystemName('llama3.1-70b+abstain'), 'llama3.1-70b + abstain');
  assert.equal(formatSystemName('router(a|b)+abstain'), 'router(a, b) + abstain');
  assert.equal(formatSystemName('gpt-4o'), 'gpt-4o');
});

test('ties: numerical noise is a tie, a real difference is not', () => {
  assert.ok(isTie(0.000317, 0.000317 * (1 + 1e-12)));
  assert.ok(!isTie(0.000317, 0.000318));
  assert.ok(isTie(0, 0));
  assert.ok(isTie(1e-20, 0, 1), 'noise against the scale of the figures compared');
  assert.ok(!isTie(1e-20, 0));
});

test('switch-point slivers merge into a tie at that price', () => {
  const p = 0.000317;
  const merged = mergeTieSlivers([
    { from: 0, to: p, best: 'A' },
    { from: p, to: p * (1 + 1e-12), best: 'B' },
    { from: p * (1 + 1e-12), to: Infinity, best: 'C' },
  ]);
  assert.deepEqual(merged, [
    { from: 0, to: p, best: 'A', tied: [] },
    { from: p, to: Infinity, best: 'C', tied: ['B'] },
  ]);
  // A sliver between two segments of one system leaves that system's range whole.
  assert.deepEqual(
    mergeTieSlivers([
      { from: 0, to: p, best: 'A' },
      { from: p, to: p, best: 'B' },
      { from: p, to: 1, best: 'A' },
    ]),
    [{ from: 0, to: 1, best: 'A', tied: [] }],
  );
  // Real ranges are kept as they are.
  const real = [
    { from: 0, to: 0.1, best: 'A' },
    { from: 0.1, to: Infinity, best: 'B' },
  ];
  assert.deepEqual(
    mergeTieSlivers(real),
    real.map((s) => ({ ...s, tied: [] })),
  );
});
