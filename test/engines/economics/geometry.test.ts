import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lowerEnvelope } from '../../../src/engines/economics/lowerEnvelope';
import { paretoSkyline } from '../../../src/engines/economics/paretoSkyline';
import { priceOfError } from '../../../src/engines/economics/priceOfError';
import { PRICE_OF_ERROR_PRESETS } from '../../../src/engines/economics/priceOfErrorPresets';
import { assertClose } from '../../helpers/assertClose';

const line = fc.record({
  a: fc.double({ min: -10, max: 10, noNaN: true }),
  s: fc.double({ min: -5, max: 5, noNaN: true }),
});

test('lower envelope: the piece covering x is a minimal line at x (brute force)', () => {
  fc.assert(
    fc.property(
      fc.array(line, { minLength: 1, maxLength: 12 }),
      fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { minLength: 1, maxLength: 10 }),
      (lines, xs) => {
        const env = lowerEnvelope(lines, 0, 20);
        assert.equal(env[0].from, 0);
        assert.equal(env[env.length - 1].to, 20);
        for (const x of xs) {
          const piece = env.find((p) => x <= p.to) ?? env[env.length - 1];
          const y = lines[piece.index].a + lines[piece.index].s * x;
          const min = Math.min(...lines.map((l) => l.a + l.s * x));
          // Breakpoints are computed by division: allow rounding relative to the line values.
          assert.ok(y - min <= 1e-9 * (1 + Math.abs(min) + 5 * x), `x=${x}: envelope ${y} vs min ${min}`);
        }
      },
    ),
  );
  // Regression: a crossing beyond the largest double (denormal slope gap) must not break the sweep.
  assert.deepEqual(
    lowerEnvelope(
      [
        { a: 0, s: 0 },
        { a: -8.881784197001252e-16, s: 5e-324 },
      ],
      0,
      20,
    ),
    [{ from: 0, to: 20, index: 1 }],
  );
  // Regression: a crossing that rounds to the current point hands over at once (no empty piece).
  assert.deepEqual(
    lowerEnvelope(
      [
        { a: 0, s: -2 },
        { a: -5e-324, s: 0 },
        { a: 0, s: 0 },
      ],
      0,
      20,
    ),
    [{ from: 0, to: 20, index: 0 }],
  );
});

test('Pareto skyline equals the definition (eq. 3.2-3.3) on random point sets', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })),
        { maxLength: 30 },
      ),
      (pts) => {
        const dominates = (p: number[], q: number[]) => p.every((v, d) => v <= q[d]) && p.some((v, d) => v < q[d]);
        const expected = pts
          .map((p, i) => i)
          .filter(
            (i) =>
              !pts.some((q) => dominates(q, pts[i])) &&
              !pts.some((q, j) => j < i && q.every((v, d) => v === pts[i][d])),
          );
        assert.deepEqual(paretoSkyline(pts), expected);
      },
    ),
  );
  assert.deepEqual(
    paretoSkyline([
      [1, Number.NaN, 0],
      [2, 2, 2],
    ]),
    [1],
  );
});

test("price-of-error worksheet: the thesis' medical example gives ≈ $333 (section 3.3)", () => {
  const med = PRICE_OF_ERROR_PRESETS.find((p) => p.id === 'medical-diagnosis')!;
  const r = priceOfError(med.inputs);
  // 500,000 × (2/3 × 1e-5) / 1e-2 = 333.33...; the thesis rounds to $333.
  assertClose(r.priceOfError as number, 1000 / 3, { rel: 1e-12 }, 'λ_E medical');
  assertClose(r.pClaimGivenError as number, (2 / 3) * 1e-3, { rel: 1e-12 }, 'P(claim | error)');
  for (const p of PRICE_OF_ERROR_PRESETS) {
    const e = priceOfError(p.inputs);
    assert.deepEqual(e.warnings, [], p.id);
    assert.ok((e.priceOfError as number) > 0 && p.basis.length > 0, p.id);
  }
  // The e-commerce preset is built to land on the thesis' "about $1 per error" for search.
  assertClose(
    priceOfError(PRICE_OF_ERROR_PRESETS.find((p) => p.id === 'ecommerce-search')!.inputs).priceOfError as number,
    1,
    { rel: 1e-12 },
    'search',
  );
  const bad = priceOfError({ costPerClaim: 100, pErrorGivenClaim: 1, pClaim: 0.5, pError: 0.1 });
  assert.equal(bad.priceOfError, null);
  assert.match(bad.warnings[0], /P\(claim \| error\) = .* > 1/);
  assert.equal(priceOfError({ costPerClaim: -1, pErrorGivenClaim: 0.5, pClaim: 0.1, pError: 0.1 }).priceOfError, null);
});
