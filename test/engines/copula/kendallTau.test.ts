import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { kendallTau } from '../../../src/engines/copula/kendallTau';
import { assertClose } from '../../helpers/assertClose';

/** τ_b written independently: Σ sign(Δx)·sign(Δy) over all ordered pairs, normalised by the tie-corrected pair counts. */
function tauBrute(x: number[], y: number[]): number | null {
  let s = 0;
  let nx = 0;
  let ny = 0;
  for (let i = 0; i < x.length; i++)
    for (let j = 0; j < x.length; j++) {
      if (i === j) continue;
      const a = Math.sign(x[i] - x[j]);
      const b = Math.sign(y[i] - y[j]);
      s += a * b;
      nx += a * a;
      ny += b * b;
    }
  return nx > 0 && ny > 0 ? s / Math.sqrt(nx * ny) : null;
}

test('Kendall τ: hand cases', () => {
  assert.equal(kendallTau([1, 2, 3], [1, 2, 3]), 1);
  assert.equal(kendallTau([1, 2, 3], [3, 2, 1]), -1);
  // 4 points, one discordant pair of 6: (6 − 2·1)/6 = 2/3.
  assertClose(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])!, 2 / 3, { abs: 1e-15 }, 'τ');
  assert.equal(kendallTau([1, 1, 1], [1, 2, 3]), null);
});

test('Kendall τ_b equals a brute-force sign-product computation (with ties)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), {
        minLength: 2,
        maxLength: 30,
      }),
      (pairs) => {
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const a = kendallTau(x, y);
        const b = tauBrute(x, y);
        if (b === null) assert.equal(a, null);
        else assertClose(a!, b, { abs: 1e-12 }, 'τ_b');
      },
    ),
  );
});

test('Kendall τ_b on real-valued data with many ties equals the brute force, and 200,000 pairs take well under a second', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, -0)),
          fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(0, 0.25)),
        ),
        { minLength: 2, maxLength: 80 },
      ),
      (pairs) => {
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const b = tauBrute(x, y);
        const a = kendallTau(x, y);
        if (b === null) assert.equal(a, null);
        else assertClose(a!, b, { abs: 1e-12 }, 'τ_b');
      },
    ),
  );
  const n = 200_000;
  const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i) + (i % 10) / 100);
  const y = Float64Array.from({ length: n }, (_, i) => Math.round(10 * (Math.sin(i) + Math.cos(3 * i))) / 10);
  const t = process.cpuUsage();
  const tau = kendallTau(x, y)!;
  const u = process.cpuUsage(t);
  assert.ok(tau > 0.2 && tau < 0.8, `τ ${tau}`);
  assert.ok((u.user + u.system) / 1e6 < 1, `${((u.user + u.system) / 1e6).toFixed(2)} s of CPU`);
});
