/**
 * The guarantee checked by simulation on synthetic data whose conditional risk is known exactly:
 * over repeated calibration draws, the certified threshold's true risk must exceed α in at most a
 * share δ of the runs. A run without a threshold cannot violate. Seeds are fixed, so the counts are
 * reproducible; the tolerance is the binomial sampling error of the count itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guaranteedThreshold } from '../../../src/engines/riskGuarantee/guaranteedThreshold';
import type { GuaranteeMethod } from '../../../src/engines/riskGuarantee/testSequence';
import type { SelectiveItem } from '../../../src/engines/abstention/accuracyRejectionCurve';
import { Rng } from '../../../src/engines/numeric/rng';
import { binomialUpperLimit } from './binomialTail';

/**
 * Two populations with s ~ U(0, 1), so that accepting s ≥ λ has an exact risk R(λ):
 * - `linear`: P(error | s) = (1 − s)/2, R(λ) = (1 − λ)/4 — the risk rises from 0 at once, so only
 *   coverage ≤ 4α is admissible and the bound is tight everywhere (a hard case);
 * - `quadratic`: P(error | s) = 0.4·(1 − s)², R(λ) = 0.4·(1 − λ)²/3 — low risk over most of the range,
 *   rising late, closer to what LLM confidences look like.
 * With `step`, the certainty is s rounded down to a multiple of step (ties); accepting ≥ λ then
 * accepts s ≥ λ exactly, so R is unchanged at the attainable thresholds.
 */
const POPULATIONS = {
  linear: { error: (s: number) => (1 - s) / 2, risk: (l: number) => (1 - l) / 4 },
  quadratic: { error: (s: number) => 0.4 * (1 - s) ** 2, risk: (l: number) => (0.4 * (1 - l) ** 2) / 3 },
};
type Population = keyof typeof POPULATIONS;

function draw(rng: Rng, n: number, population: Population, step = 0): SelectiveItem[] {
  const { error } = POPULATIONS[population];
  return Array.from({ length: n }, () => {
    const s = rng.uniform();
    return { certainty: step ? Math.floor(s / step) * step : s, correct: rng.uniform() >= error(s) };
  });
}

const REPS = 1000;

for (const method of ['fixed-sequence', 'bonferroni', 'every-answer'] as GuaranteeMethod[]) {
  test(`${method}: on a population with known risk, violations of risk ≤ α stay within δ (${REPS} calibration draws per setting)`, (t) => {
    const rng = new Rng(2024);
    const settings: [Population, number, number, number, number][] = [
      ['linear', 0.1, 0.1, 300, 0],
      ['linear', 0.05, 0.05, 1000, 0],
      ['quadratic', 0.1, 0.1, 300, 0],
      ['quadratic', 0.15, 0.2, 150, 0],
      ['quadratic', 0.1, 0.1, 500, 0.01],
    ];
    for (const [population, alpha, delta, nCal, step] of settings) {
      const { risk } = POPULATIONS[population];
      let violations = 0;
      let certified = 0;
      let coverage = 0;
      for (let r = 0; r < REPS; r++) {
        const g = guaranteedThreshold(draw(rng, nCal, population, step), { alpha, delta, method, curvePoints: 0 });
        if (g.threshold === null) continue;
        certified++;
        coverage += 1 - g.threshold;
        if (risk(g.threshold) > alpha) violations++;
      }
      // Under the guarantee violations ~ Bin(REPS, p ≤ δ); more than the 1e-4 upper tail of Bin(REPS, δ) refutes it.
      const limit = binomialUpperLimit(REPS, delta, 1e-4);
      t.diagnostic(
        `${population} α=${alpha} δ=${delta} n=${nCal}${step ? ` ties every ${step}` : ''}: violations ${violations}/${REPS} (limit ${limit}); certified ${certified}/${REPS}, mean coverage when certified ${(coverage / Math.max(1, certified)).toFixed(3)}`,
      );
      assert.ok(
        violations <= limit,
        `${population} α=${alpha} δ=${delta}: ${violations}/${REPS} violations > limit ${limit}`,
      );
      // A guarantee met by never answering would be vacuous: where the risk stays low over a wide range,
      // most runs must certify something. (The linear population is hard by design: Bonferroni's δ/m
      // rarely certifies there; the diagnostics show how often each method does.)
      if (population === 'quadratic')
        assert.ok(certified > REPS / 2, `thresholds found in ${certified} of ${REPS} runs`);
    }
  });
}

test('negative control: choosing the largest coverage whose calibration error is ≤ α violates far more often than δ', () => {
  // Shows the check above can fail: a procedure without a finite-sample bound is caught by it.
  const rng = new Rng(99);
  const [alpha, delta, nCal] = [0.1, 0.1, 300];
  let violations = 0;
  for (let r = 0; r < REPS; r++) {
    const items = draw(rng, nCal, 'linear').sort((a, b) => b.certainty - a.certainty);
    let errors = 0;
    let best: number | null = null;
    items.forEach((it, i) => {
      if (!it.correct) errors++;
      if (i >= 21 && errors / (i + 1) <= alpha) best = it.certainty;
    });
    if (best !== null && POPULATIONS.linear.risk(best) > alpha) violations++;
  }
  assert.ok(
    violations > binomialUpperLimit(REPS, delta, 1e-4),
    `the naive rule violated in ${violations}/${REPS} runs`,
  );
});
