import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyThreshold, guaranteedThreshold } from '../../../src/engines/riskGuarantee/guaranteedThreshold';
import type { SelectiveItem } from '../../../src/engines/abstention/accuracyRejectionCurve';
import { Rng } from '../../../src/engines/numeric/rng';
import { jStat } from './jstatBeta';
import { binomialUpperLimit } from './binomialTail';

/** The scan written out plainly, with jstat's beta inverse for the bound (independent of the engine). */
function referenceScan(items: SelectiveItem[], alpha: number, delta: number): number | null {
  const levels = [...new Set(items.map((i) => i.certainty))].sort((a, b) => b - a);
  let last: number | null = null;
  let started = false;
  for (const lambda of levels) {
    const acc = items.filter((i) => i.certainty >= lambda);
    const k = acc.filter((i) => !i.correct).length;
    const n = acc.length;
    const u = k === n ? 1 : jStat.ibetainv(1 - delta, k + 1, n - k);
    // Skip the levels that cannot pass even with zero errors (the engine's label-free start).
    if (!started && 1 - Math.pow(delta, 1 / n) > alpha) continue;
    started = true;
    if (u > alpha) break;
    last = lambda;
  }
  return last;
}

test('the fixed-sequence scan picks the same threshold as a plain re-implementation with jstat', () => {
  const rng = new Rng(21);
  for (let rep = 0; rep < 40; rep++) {
    const n = 50 + rng.int(400);
    const ties = rep % 3 === 0;
    const items = Array.from({ length: n }, () => {
      const c = ties ? Math.round(rng.uniform() * 20) / 20 : rng.uniform();
      return { certainty: c, correct: rng.uniform() < 0.5 + 0.5 * c };
    });
    for (const [alpha, delta] of [[0.1, 0.1], [0.2, 0.05], [0.05, 0.2]]) {
      const g = guaranteedThreshold(items, { alpha, delta });
      assert.equal(g.threshold, referenceScan(items, alpha, delta), `rep ${rep} α=${alpha} δ=${delta}`);
      if (g.threshold !== null) {
        assert.ok((g.upperBound as number) <= alpha);
        const acc = applyThreshold(items, g.threshold);
        assert.equal(acc.accepted, g.acceptedCal);
        assert.equal(acc.errors, g.errorsCal);
      }
    }
  }
});

test('the scan stops at the first failure even when a later threshold would pass again', () => {
  // 30 right answers at 0.99..0.70, then 10 wrong ones at 0.69..0.60, then 400 right ones below.
  const items: SelectiveItem[] = [
    ...Array.from({ length: 30 }, (_, i) => ({ certainty: 0.99 - i * 0.01, correct: true })),
    ...Array.from({ length: 10 }, (_, i) => ({ certainty: 0.69 - i * 0.01, correct: false })),
    ...Array.from({ length: 400 }, (_, i) => ({ certainty: 0.5 - i * 0.001, correct: true })),
  ];
  const g = guaranteedThreshold(items, { alpha: 0.1, delta: 0.1 });
  // n = 30, k = 0 → U = 1 − 0.1^(1/30) = 0.074 ≤ 0.1; at 31 answers with 1 error U = 0.119 > 0.1.
  assert.equal(g.threshold, 0.99 - 29 * 0.01);
  assert.equal(g.acceptedCal, 30);
  assert.ok(Math.abs((g.stoppedAt as number) - 0.69) < 1e-12);
  // At the lowest threshold the error rate is 10/440 = 2.3% with a bound well under α: never reached.
  const last = g.curve[g.curve.length - 1];
  assert.equal(last.accepted, 440);
  assert.ok(last.upperBound < 0.1 && !last.tested);
});

test('tied certainties are accepted or refused together', () => {
  const items: SelectiveItem[] = [
    ...Array.from({ length: 100 }, (_, i) => ({ certainty: 1, correct: i >= 2 })),
    ...Array.from({ length: 50 }, (_, i) => ({ certainty: 0.8, correct: i >= 20 })),
  ];
  const g = guaranteedThreshold(items, { alpha: 0.1, delta: 0.1 });
  assert.equal(g.threshold, 1);
  assert.equal(g.acceptedCal, 100);
  assert.equal(g.curve.length, 2);
});

test('minAccepted moves the start of the scan (label-free) but never below the theoretical minimum', () => {
  const items = Array.from({ length: 200 }, (_, i) => ({ certainty: 1 - i / 200, correct: i !== 5 }));
  // Default start at 22 answers: the error at rank 6 is inside, 1/22 → U = 0.166 > 0.1, stop at once.
  assert.equal(guaranteedThreshold(items, { alpha: 0.1, delta: 0.1 }).threshold, null);
  // Starting at 60 answers: 1 error in 60 → U(1, 60) = 0.064 ≤ 0.1, and the scan carries on to the end.
  const late = guaranteedThreshold(items, { alpha: 0.1, delta: 0.1, minAccepted: 60 });
  assert.equal(late.minAccepted, 60);
  assert.equal(late.acceptedCal, 200);
  assert.equal(guaranteedThreshold(items, { alpha: 0.1, delta: 0.1, minAccepted: 3 }).minAccepted, 22);
});

test('too few calibration answers: no threshold, and a message saying how many are needed', () => {
  const g = guaranteedThreshold(Array.from({ length: 10 }, () => ({ certainty: 0.9, correct: true })), { alpha: 0.1, delta: 0.1 });
  assert.equal(g.threshold, null);
  assert.equal(g.coverageCal, 0);
  assert.match(g.warnings[0], /needs at least 22 accepted answers/);
  const bad = guaranteedThreshold(Array.from({ length: 100 }, (_, i) => ({ certainty: 1 - i / 100, correct: i % 2 === 0 })), { alpha: 0.1, delta: 0.1 });
  assert.equal(bad.threshold, null);
  assert.match(bad.warnings[0], /no threshold is certified/);
  assert.throws(() => guaranteedThreshold([], { alpha: 0, delta: 0.1 }), /alpha in \(0, 1\)/);
});

test('finite-sample guarantee on a population with known risk: violations stay below δ', (t) => {
  // Population: certainty s ~ U(0, 1), P(error | s) = (1 − s)/2, so the risk among accepted answers
  // at threshold λ is R(λ) = E[(1 − s)/2 | s ≥ λ] = (1 − λ)/4 exactly.
  const rng = new Rng(2024);
  const reps = 2000;
  for (const [alpha, delta, nCal] of [[0.1, 0.1, 300], [0.05, 0.05, 1000], [0.15, 0.2, 150]]) {
    let violations = 0;
    let certified = 0;
    for (let r = 0; r < reps; r++) {
      const cal = Array.from({ length: nCal }, () => {
        const s = rng.uniform();
        return { certainty: s, correct: rng.uniform() >= (1 - s) / 2 };
      });
      const g = guaranteedThreshold(cal, { alpha, delta, curvePoints: 0 });
      if (g.threshold === null) continue;
      certified++;
      if ((1 - g.threshold) / 4 > alpha) violations++;
    }
    // If the guarantee holds, violations ~ Bin(reps, p) with p ≤ δ (a run without a threshold cannot
    // violate); exceeding the 1e-4 upper tail of Bin(reps, δ) would refute it. Seeds are fixed.
    const limit = binomialUpperLimit(reps, delta, 1e-4);
    t.diagnostic(`α=${alpha} δ=${delta} n_cal=${nCal}: violation frequency ${(violations / reps).toFixed(4)} (limit ${limit}/${reps}); threshold found in ${certified}/${reps} runs`);
    assert.ok(violations <= limit, `α=${alpha} δ=${delta}: ${violations}/${reps} violations > limit ${limit}`);
    // A guarantee met by never answering would be vacuous: the scan must certify something in many runs
    // (here only λ ≥ 1 − 4α is admissible, and one early error stops the scan, so not in all of them).
    assert.ok(certified > reps / 4, `thresholds found in ${certified} of ${reps} runs`);
  }
});
