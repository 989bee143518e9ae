import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  blocksForCounts,
  certifies,
  coverageGridCounts,
  defaultStartCount,
} from '../../../src/engines/riskGuarantee/testSequence';
import { referenceBound, referenceStart } from './referenceGuarantee';

test('certifies(k, n) is exactly "Clopper–Pearson bound ≤ α" (jstat bound, away from the boundary)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 600 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom(0.05, 0.1, 0.2),
      fc.constantFrom(0.01, 0.1, 0.3),
      (n, share, alpha, delta) => {
        const k = Math.min(n, Math.floor(share * n));
        const u = referenceBound(k, n, delta);
        fc.pre(Math.abs(u - alpha) > 1e-6);
        assert.equal(certifies(k, n, alpha, delta), u <= alpha, `k=${k} n=${n} U=${u}`);
      },
    ),
  );
});

test('default start: 38 answers at α = δ = 0.1 on 285 (1 error in 38 passes, 1 in 37 does not), capped at n/2, and as the plain definition elsewhere', () => {
  assert.equal(defaultStartCount(0.1, 0.1, 285), 38);
  assert.ok(referenceBound(1, 38, 0.1) <= 0.1 && referenceBound(1, 37, 0.1) > 0.1);
  for (const [alpha, delta, n] of [
    [0.05, 0.05, 1000],
    [0.05, 0.05, 300],
    [0.3, 0.1, 285],
    [0.1, 0.05, 500],
    [0.2, 0.2, 50],
    [0.2, 0.1, 24],
  ])
    assert.equal(defaultStartCount(alpha, delta, n), referenceStart(alpha, delta, n), `α=${alpha} δ=${delta} n=${n}`);
  // At most half the answers (60 → 30; 24 → 12), never below the zero-error minimum (11 at α = 0.2, δ = 0.1).
  assert.equal(defaultStartCount(0.1, 0.1, 60), 30);
  assert.equal(defaultStartCount(0.2, 0.1, 24), 12);
  assert.equal(defaultStartCount(0.1, 0.1, 30), 22);
});

test('coverage grid: starts at the start, rises strictly, ends at n, one point per step above the start', () => {
  assert.deepEqual(
    coverageGridCounts(285, 38, 0.05),
    [38, 43, 57, 72, 86, 100, 114, 129, 143, 157, 171, 186, 200, 214, 228, 243, 257, 271, 285],
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 3000 }),
      fc.integer({ min: 1, max: 3000 }),
      fc.constantFrom(0.01, 0.025, 0.05, 0.1, 0.3, 1),
      (n, start, step) => {
        const c = coverageGridCounts(n, start, step);
        if (start > n) return assert.deepEqual(c, []);
        assert.equal(c[0], start);
        assert.equal(c[c.length - 1], n);
        for (let i = 1; i < c.length; i++) assert.ok(c[i] > c[i - 1]);
        assert.ok(c.length <= Math.max(Math.round(1 / step) + 2, n - start + 1));
      },
    ),
  );
  // A step finer than one answer is every count, computed without a loop over 1/step.
  assert.deepEqual(coverageGridCounts(5, 2, 1e-12), [2, 3, 4, 5]);
});

test('grid targets map to the first block that accepts at least that many answers (ties round up)', () => {
  // Blocks accept 10, 10+30, 40+5, 45+55 answers.
  const cumulative = [10, 40, 45, 100];
  assert.deepEqual(blocksForCounts(cumulative, [5, 10, 11, 39, 41, 46, 100, 120]), [0, 1, 2, 3]);
  assert.deepEqual(blocksForCounts(cumulative, [101]), []);
});
