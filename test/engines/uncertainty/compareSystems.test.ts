/** Invariants of compareSystems on arbitrary small data sets (fast-check), and its input checks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareSystems } from '../../../src/engines/uncertainty/compareSystems';

const column = (n: number) =>
  fc
    .array(fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 10, noNaN: true })), {
      minLength: n,
      maxLength: n,
    })
    .map((xs) => Float64Array.from(xs));

test('property: finite, ordered intervals; verdicts agree with them; p_best sums to 1; a copy of the leader is identical', () => {
  fc.assert(
    fc.property(
      fc
        .integer({ min: 1, max: 30 })
        .chain((n) =>
          fc.tuple(
            fc.array(fc.tuple(column(n), column(n)), { minLength: 1, maxLength: 4 }),
            fc.double({ min: 0, max: 100, noNaN: true }),
          ),
        ),
      ([systems, price]) => {
        const samples = [...systems, systems[0]].map(([cost, error], k) => ({ name: `s${k}`, columns: [cost, error] }));
        const cmp = compareSystems(samples, 0, { weights: [1, price], report: [0, 1], replicates: 60, seed: 9 });
        let pBest = 0;
        for (const s of cmp.systems) {
          for (const e of [s.reward, ...s.metrics])
            assert.ok(
              Number.isFinite(e.value) &&
                Number.isFinite(e.ci_low) &&
                Number.isFinite(e.ci_high) &&
                e.ci_low <= e.ci_high,
            );
          pBest += s.p_best ?? 0;
          const d = s.vs_leader;
          if (d) {
            assert.equal(d.verdict === 'better', d.ci_low > 0);
            assert.equal(d.verdict === 'worse', d.ci_high < 0);
            assert.ok(d.p_value >= 0 && d.p_value <= 1 && d.p_better >= 0 && d.p_better <= 1);
          }
        }
        assert.ok(Math.abs(pBest - 1) < 1e-12);
        const copy = cmp.systems[cmp.systems.length - 1].vs_leader!;
        assert.deepEqual([copy.identical, copy.value, copy.p_value, copy.verdict], [true, 0, 1, 'tied']);
      },
    ),
    { numRuns: 150 },
  );
});

test('input checks: leader out of range, columns of different counts or lengths', () => {
  const a = { name: 'a', columns: [Float64Array.of(1, 2)] };
  assert.throws(() => compareSystems([a], 1, { weights: [1] }), /leader index 1/);
  assert.throws(
    () =>
      compareSystems([a, { name: 'b', columns: [Float64Array.of(1, 2), Float64Array.of(0, 0)] }], 0, { weights: [1] }),
    /every system needs 1 columns/,
  );
  assert.throws(
    () => compareSystems([a, { name: 'b', columns: [Float64Array.of(1)] }], 0, { weights: [1] }),
    /differ in length/,
  );
  assert.throws(() => compareSystems([a], 0, { weights: [1], replicates: 0 }), /replicates must be an integer >= 1/);
});
