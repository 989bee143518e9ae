import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvalLog } from '../../../src/engines/logs/readEvalLog';
import { guaranteeReport } from '../../../src/engines/riskGuarantee/guaranteeReport';
import { applyThreshold, guaranteedThreshold } from '../../../src/engines/riskGuarantee/guaranteedThreshold';
import { cascadeGuaranteeReport } from '../../../src/engines/riskGuarantee/cascadeGuaranteeReport';
import type { SelectiveItem } from '../../../src/engines/abstention/accuracyRejectionCurve';
import { Rng } from '../../../src/engines/numeric/rng';
import { realLog } from '../../helpers/paths';
import { binomialUpperLimit } from './binomialTail';

const LOGS = ['mmlu-llama', 'mmlu-qwen-oai', 'medmcqa-llama', 'medmcqa-qwen-oai'] as const;

test('real logs, shipped train → test split: threshold, coverage and realised test risk next to α', async (t) => {
  const alpha = 0.1;
  const delta = 0.1;
  for (const name of LOGS) {
    const log = await readEvalLog(realLog(name));
    for (const model of [...new Set(log.records.map((r) => r.model))]) {
      const g = guaranteeReport(log.records, { model, alpha, delta });
      t.diagnostic(`${name} ${model}: α=${alpha} risk_test=${g.riskTest === null ? '-' : g.riskTest.toFixed(3)} upper_bound=${g.upperBound === null ? '-' : g.upperBound.toFixed(3)} coverage cal/test=${g.coverageCal.toFixed(2)}/${g.coverageTest.toFixed(2)}${g.warnings.some((w) => /look different/.test(w)) ? ' [split shift]' : ''}`);
      assert.equal(g.nCal, name.startsWith('mmlu') ? 285 : 300);
      assert.equal(g.nTest, name.startsWith('mmlu') ? 1531 : 1000);
      if (g.threshold !== null) {
        assert.ok((g.upperBound as number) <= alpha, 'the chosen threshold passed the test');
        assert.ok(g.coverageCal >= 22 / g.nCal, 'at least n_min answers accepted');
      } else assert.equal(g.coverageTest, 0);
    }
  }
});

test('real logs: MedMCQA train and test splits differ, and the report says so', async () => {
  // llama3.1-405b is right on 91.3% of MedMCQA train but 75.7% of test queries (costrisk summary).
  const log = await readEvalLog(realLog('medmcqa-llama'));
  const g = guaranteeReport(log.records, { model: 'llama3.1-405b', alpha: 0.1, delta: 0.1 });
  assert.match(g.warnings.join(' '), /look different: error rate 0\.087 vs 0\.243/);
});

/**
 * Finite-sample check of the guarantee on real answers. The pooled train+test answers of a model are
 * treated as the population. (a) Calibration sets drawn i.i.d. from it: the realised risk among
 * accepted population answers is the true conditional risk, so violations ~ Bin(reps, p ≤ δ) exactly.
 * (b) Random calibration/test partitions, violations judged on the held-out part (what a user would
 * see; the held-out estimate adds noise, so this one is "near or below δ").
 */
test('real logs, random calibration/test splits: violation frequency stays near or below δ', async (t) => {
  const alpha = 0.1;
  const delta = 0.1;
  const reps = 300;
  const nCal = 300;
  const limit = binomialUpperLimit(reps, delta, 1e-4);
  for (const name of ['mmlu-qwen-oai', 'medmcqa-llama'] as const) {
    const log = await readEvalLog(realLog(name));
    for (const model of [...new Set(log.records.map((r) => r.model))]) {
      const pool: SelectiveItem[] = log.records.filter((r) => r.model === model).map((r) => ({ certainty: r.confidence as number, correct: r.correct }));
      const rng = new Rng(7);
      let iidViolations = 0;
      let splitViolations = 0;
      let certified = 0;
      for (let rep = 0; rep < reps; rep++) {
        const cal = Array.from({ length: nCal }, () => pool[rng.int(pool.length)]);
        const g = guaranteedThreshold(cal, { alpha, delta, curvePoints: 0 });
        if (g.threshold !== null && (applyThreshold(pool, g.threshold).risk as number) > alpha) iidViolations++;
        const shuffled = rng.shuffle([...pool]);
        const g2 = guaranteedThreshold(shuffled.slice(0, nCal), { alpha, delta, curvePoints: 0 });
        if (g2.threshold !== null) {
          certified++;
          const held = applyThreshold(shuffled.slice(nCal), g2.threshold);
          if (held.risk !== null && held.risk > alpha) splitViolations++;
        }
      }
      t.diagnostic(`${name} ${model}: violations i.i.d. ${iidViolations}/${reps}, random splits ${splitViolations}/${reps} (δ=${delta}, limit ${limit}); certified in ${certified}/${reps} splits`);
      // Exceeding the 1e-4 upper tail of Bin(reps, δ) would refute the guarantee; seeds are fixed.
      assert.ok(iidViolations <= limit, `${name} ${model}: ${iidViolations} i.i.d. violations > ${limit}`);
      assert.ok(splitViolations <= limit, `${name} ${model}: ${splitViolations} split violations > ${limit}`);
    }
  }
});

test('real logs: two-model cascade (weak accepts, else strong accepts, else abstain)', async (t) => {
  const log = await readEvalLog(realLog('mmlu-qwen-oai'));
  const c = cascadeGuaranteeReport(log.records, { weak: 'qwen2.5-72b-instruct', strong: 'gpt-4o', alpha: 0.1, delta: 0.1 });
  t.diagnostic(`cascade qwen2.5-72b-instruct → gpt-4o: α=0.1 risk_test=${c.test.risk?.toFixed(3)} coverage test=${c.test.coverage.toFixed(2)} (weak ${c.test.weakShare.toFixed(2)}, strong ${c.test.strongShare.toFixed(2)})`);
  assert.ok(c.weak.threshold !== null && c.strong.threshold !== null);
  assert.ok((c.weak.upperBound as number) <= 0.1 && (c.strong.upperBound as number) <= 0.1);
  assertShares(c.test);
  assertShares(c.cal);
  // The strong stage is calibrated only on what the weak model passes on.
  assert.equal(c.strong.nCal, Math.round(c.nCal * (1 - c.cal.weakShare)));
  // The cascade answers more queries than the weak model alone at the same α.
  const weakAlone = guaranteeReport(log.records, { model: 'qwen2.5-72b-instruct', alpha: 0.1, delta: 0.1 });
  assert.ok(c.test.coverage > weakAlone.coverageTest);
});

function assertShares(o: { weakShare: number; strongShare: number; abstainShare: number; coverage: number }): void {
  assert.ok(Math.abs(o.weakShare + o.strongShare + o.abstainShare - 1) < 1e-12);
  assert.ok(Math.abs(o.coverage - o.weakShare - o.strongShare) < 1e-12);
}
