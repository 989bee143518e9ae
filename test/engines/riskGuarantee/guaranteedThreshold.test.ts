import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyThreshold, guaranteedThreshold } from '../../../src/engines/riskGuarantee/guaranteedThreshold';
import { scanNote } from '../../../src/engines/riskGuarantee/scanNote';
import type { SelectiveItem } from '../../../src/engines/abstention/accuracyRejectionCurve';
import { Rng } from '../../../src/engines/numeric/rng';
import { referenceBound, referenceThreshold, type RefMethod } from './referenceGuarantee';

const METHODS: RefMethod[] = ['fixed-sequence', 'bonferroni', 'every-answer'];

test('each method picks the same threshold as a plain re-implementation with jstat (random data, ties)', () => {
  const rng = new Rng(21);
  let certified = 0;
  for (let rep = 0; rep < 40; rep++) {
    const n = 50 + rng.int(400);
    const ties = rep % 3 === 0;
    const items = Array.from({ length: n }, () => {
      const c = ties ? Math.round(rng.uniform() * 20) / 20 : rng.uniform();
      return { certainty: c, correct: rng.uniform() < 0.5 + 0.5 * c };
    });
    for (const [alpha, delta, step] of [
      [0.1, 0.1, 0.05],
      [0.2, 0.05, 0.1],
      [0.05, 0.2, 0.2],
    ])
      for (const method of METHODS) {
        const g = guaranteedThreshold(items, { alpha, delta, method, gridStep: step });
        assert.equal(
          g.threshold,
          referenceThreshold(items, alpha, delta, method, Math.round(1 / step)),
          `rep ${rep} ${method} α=${alpha} δ=${delta}`,
        );
        if (g.threshold === null) continue;
        certified++;
        assert.ok((g.upperBound as number) <= alpha, 'the chosen point passed its test');
        const acc = applyThreshold(items, g.threshold);
        assert.equal(acc.accepted, g.acceptedCal);
        assert.equal(acc.errors, g.errorsCal);
        assert.ok(
          Math.abs((g.upperBound as number) - referenceBound(acc.errors, acc.accepted, g.level)) < 1e-7,
          'bound at the test level',
        );
      }
  }
  assert.ok(certified > 100, `thresholds certified in ${certified} of 360 cases (the comparison is not all nulls)`);
});

test('fixed-sequence on the grid survives one early error that stops the every-answer scan', () => {
  // 200 answers by falling certainty; wrong: the 6th, the 100th, the 150th and the 200th.
  const wrong = new Set([5, 99, 149, 199]);
  const items = Array.from({ length: 200 }, (_, i) => ({ certainty: 1 - i / 200, correct: !wrong.has(i) }));
  const every = guaranteedThreshold(items, { alpha: 0.1, delta: 0.1, method: 'every-answer' });
  // Every-answer starts at 22 answers: 1 error in 22 → U = 0.166 > 0.1, nothing certified.
  assert.equal(every.threshold, null);
  assert.deepEqual([every.stop?.position, every.stop?.accepted, every.stop?.errors], [1, 22, 1]);
  assert.ok(Math.abs((every.stop?.upperBound ?? 0) - referenceBound(1, 22, 0.1)) < 1e-7);
  // The grid starts at 38 answers (the first n where ⌊n·α/2⌋ = 1 error passes): 1 in 38, U = 0.099.
  const grid = guaranteedThreshold(items, { alpha: 0.1, delta: 0.1 });
  assert.equal(grid.minAccepted, 38);
  assert.deepEqual([grid.tests[0].accepted, grid.tests[0].errors, grid.tests[0].passed], [38, 1, true]);
  // …and passes every point up to all 200 answers (4 errors, U ≈ 0.043).
  assert.equal(grid.acceptedCal, 200);
  assert.equal(grid.stop, null);
  assert.ok(Math.abs((grid.upperBound as number) - referenceBound(4, 200, 0.1)) < 1e-7);
  assert.match(scanNote(grid), /passed at every point, up to all 200 calibration answers/);
});

test('the scan stops at the first failure even when a later point would pass again, and says so', () => {
  // 60 right answers, then 10 wrong ones, then 400 right ones, by falling certainty.
  const items: SelectiveItem[] = [
    ...Array.from({ length: 60 }, (_, i) => ({ certainty: 0.99 - i * 0.001, correct: true })),
    ...Array.from({ length: 10 }, (_, i) => ({ certainty: 0.9 - i * 0.001, correct: false })),
    ...Array.from({ length: 400 }, (_, i) => ({ certainty: 0.5 - i * 0.001, correct: true })),
  ];
  const g = guaranteedThreshold(items, { alpha: 0.1, delta: 0.1 });
  // Grid over 470 answers: 38, 47, 71, 94, …; at 71 answers 10 are wrong (U > 0.1): stop at point 3.
  assert.deepEqual(
    g.tests.map((t) => [t.accepted, t.errors, t.passed]),
    [
      [38, 0, true],
      [47, 0, true],
      [71, 10, false],
    ],
  );
  assert.equal(g.stop?.position, 3);
  assert.equal(g.acceptedCal, 47);
  // At the lowest threshold the error rate is 10/470 = 2.1%, bound well under α: never reached.
  const last = g.curve[g.curve.length - 1];
  assert.equal(last.accepted, 470);
  assert.ok(last.upperBound < 0.1 && !last.tested);
  const note = scanNote(g);
  assert.match(
    note,
    /stopped at point 3: 10 error\(s\) among the 71 most certain calibration answers \(coverage 15\.1%\) give an upper bound of 0\.\d{3} > α = 0\.1/,
  );
  assert.match(note, /certified: coverage 10% \(0 error\(s\) in 47, bound 0\.\d{3}\)/);
  // Bonferroni has no order: it tests all 20 points (38, then 10% … 100%) at δ/20 and takes the largest passing coverage.
  const b = guaranteedThreshold(items, { alpha: 0.1, delta: 0.1, method: 'bonferroni' });
  assert.equal(b.sequenceLength, 20);
  assert.ok(Math.abs(b.level - 0.1 / 20) < 1e-15);
  assert.equal(b.acceptedCal, 470);
  assert.equal(b.stop, null);
  assert.match(
    scanNote(b),
    /Bonferroni over 20 grid points .* each tested at level δ\/20 = 0\.005: \d+ passed\. The one with the largest coverage is certified: coverage 100%/,
  );
});

test('tied certainties are accepted or refused together, and grid targets round up to whole blocks', () => {
  const items: SelectiveItem[] = [
    ...Array.from({ length: 100 }, (_, i) => ({ certainty: 1, correct: i >= 2 })),
    ...Array.from({ length: 50 }, (_, i) => ({ certainty: 0.8, correct: i >= 20 })),
  ];
  for (const method of METHODS) {
    const g = guaranteedThreshold(items, { alpha: 0.1, delta: 0.1, method });
    assert.equal(g.threshold, 1, method);
    assert.equal(g.acceptedCal, 100, method);
    assert.equal(g.sequenceLength, 2, `${method}: two blocks, two distinct candidates`);
  }
});

test('the default start is label-free and never below the zero-error minimum; too few answers are said plainly', () => {
  const items = Array.from({ length: 200 }, (_, i) => ({ certainty: 1 - i / 200, correct: true }));
  const flipped = items.map((it) => ({ ...it, correct: !it.correct }));
  assert.equal(
    guaranteedThreshold(items, { alpha: 0.1, delta: 0.1 }).minAccepted,
    guaranteedThreshold(flipped, { alpha: 0.1, delta: 0.1 }).minAccepted,
    'labels do not move the start',
  );
  assert.equal(guaranteedThreshold(items, { alpha: 0.1, delta: 0.1, minAccepted: 3 }).minAccepted, 22);
  const few = guaranteedThreshold(
    Array.from({ length: 10 }, () => ({ certainty: 0.9, correct: true })),
    { alpha: 0.1, delta: 0.1 },
  );
  assert.equal(few.threshold, null);
  assert.equal(few.coverageCal, 0);
  assert.match(few.warnings[0], /needs at least 22 accepted answers/);
  assert.match(scanNote(few), /^Nothing to test: 10 calibration answer\(s\) are fewer than the 22/);
  const bad = guaranteedThreshold(
    Array.from({ length: 100 }, (_, i) => ({ certainty: 1 - i / 100, correct: i % 2 === 0 })),
    { alpha: 0.1, delta: 0.1 },
  );
  assert.equal(bad.threshold, null);
  assert.match(bad.warnings[0], /no point of the fixed-sequence sequence passed/);
  assert.match(scanNote(bad), /stopped at its first point: .* Nothing is certified/);
  assert.throws(() => guaranteedThreshold([], { alpha: 0, delta: 0.1 }), /alpha in \(0, 1\)/);
  assert.throws(
    () => guaranteedThreshold(items, { alpha: 0.1, delta: 0.1, gridStep: 0 }),
    /grid step must be in \(0, 1\]/,
  );
});

test('any answers, α, δ, method and step: a certified threshold is a calibration value whose bound passed; no NaN anywhere', () => {
  const item = fc.record({
    certainty: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 1, 0.5)),
    correct: fc.boolean(),
  });
  const rate = fc.double({ min: 0.001, max: 0.999, noNaN: true });
  fc.assert(
    fc.property(
      fc.array(item, { maxLength: 300 }),
      rate,
      rate,
      fc.constantFrom(...METHODS),
      fc.constantFrom(0.01, 0.05, 0.5, 1),
      (items, alpha, delta, method, gridStep) => {
        const g = guaranteedThreshold(items, { alpha, delta, method, gridStep });
        const numbers = [
          g.level,
          g.coverageCal,
          g.acceptedCal,
          g.errorsCal,
          g.minAccepted,
          ...g.curve.flatMap((p) => [p.upperBound, p.accepted]),
          ...g.tests.flatMap((t) => [t.upperBound, t.accepted]),
        ];
        assert.ok(numbers.every(Number.isFinite), 'finite numbers');
        assert.doesNotMatch(scanNote(g), /NaN|Infinity|undefined/);
        if (g.threshold === null) return assert.equal(g.acceptedCal, 0);
        assert.ok(items.some((i) => i.certainty === g.threshold));
        assert.ok((g.upperBound as number) <= alpha);
        assert.equal(applyThreshold(items, g.threshold).accepted, g.acceptedCal);
        assert.ok(g.acceptedCal >= g.minAccepted);
        if (g.stop)
          assert.ok(
            g.stop.upperBound > alpha && g.stop.accepted > g.acceptedCal,
            'a fixed-sequence stop lies after the certified point',
          );
      },
    ),
    { numRuns: 300 },
  );
});
