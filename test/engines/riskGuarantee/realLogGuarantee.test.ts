import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { guaranteeReport } from '../../../src/engines/riskGuarantee/guaranteeReport';
import { applyThreshold, guaranteedThreshold } from '../../../src/engines/riskGuarantee/guaranteedThreshold';
import { cascadeGuaranteeReport } from '../../../src/engines/riskGuarantee/cascadeGuaranteeReport';
import { guaranteedCascade, runCascade, type CascadeItem } from '../../../src/engines/riskGuarantee/guaranteedCascade';
import { defaultStartCount, type GuaranteeMethod } from '../../../src/engines/riskGuarantee/testSequence';
import type { SelectiveItem } from '../../../src/engines/abstention/accuracyRejectionCurve';
import { Rng } from '../../../src/engines/numeric/rng';
import { realLog } from '../../helpers/paths';
import { binomialUpperLimit } from './binomialTail';

const LOGS = ['mmlu-llama', 'mmlu-qwen-oai', 'medmcqa-llama', 'medmcqa-qwen-oai'] as const;
const ALPHA = 0.1;
const DELTA = 0.1;

test('real logs, shipped train → test split: every certified threshold passed its test at α = δ = 0.1', async (t) => {
  for (const name of LOGS) {
    const log = await readEvalLog(realLog(name));
    for (const model of [...new Set(log.records.map((r) => r.model))]) {
      const g = guaranteeReport(log.records, { model, alpha: ALPHA, delta: DELTA });
      const x = g.exchangeability;
      t.diagnostic(
        `${name} ${model}: coverage cal/test ${g.coverageCal.toFixed(2)}/${g.coverageTest.toFixed(2)}, risk_test ${g.riskTest?.toFixed(3) ?? '-'}, bound ${g.upperBound?.toFixed(3) ?? '-'}; exchangeable ${x?.exchangeable} (p error ${x?.errorRate.p.toPrecision(2)}, p signal ${x?.signal.p.toPrecision(2)})`,
      );
      assert.equal(g.nCal, name.startsWith('mmlu') ? 285 : 300);
      assert.equal(g.nTest, name.startsWith('mmlu') ? 1531 : 1000);
      if (g.threshold !== null) {
        assert.ok((g.upperBound as number) <= ALPHA, 'the chosen threshold passed the test');
        assert.ok(g.acceptedCal >= g.minAccepted, 'at least the start count accepted');
      } else assert.equal(g.coverageTest, 0);
    }
  }
});

test('MMLU, llama3.1-405b, α = δ = 0.1: a non-trivial threshold is certified, and the splits look exchangeable', async () => {
  const log = await readEvalLog(realLog('mmlu-llama'));
  const g = guaranteeReport(log.records, { model: 'llama3.1-405b', alpha: ALPHA, delta: DELTA });
  // The every-answer scan stops at its first point here (the 11th most confident answer is wrong).
  const every = guaranteeReport(log.records, {
    model: 'llama3.1-405b',
    alpha: ALPHA,
    delta: DELTA,
    method: 'every-answer',
  });
  assert.equal(every.threshold, null);
  assert.equal(every.scan.stop?.position, 1);
  // The grid starts at 38 answers (13% coverage) and passes up to 200 answers with 13 errors.
  assert.equal(g.scan.method, 'fixed-sequence');
  assert.equal(g.minAccepted, 38);
  assert.ok(g.threshold !== null && g.coverageCal > 0.5, `coverage ${g.coverageCal}`);
  assert.ok((g.riskTest as number) <= ALPHA, `test risk ${g.riskTest}`);
  assert.ok(g.scan.stop !== null && g.scan.stop.upperBound > ALPHA && g.scan.stop.coverageCal > g.coverageCal);
  assert.match(g.scan.note, /stopped at point \d+: \d+ error\(s\) among the \d+ most certain calibration answers/);
  // 18.6% vs 14.8% errors (p ≈ 0.11) and similar confidence distributions (KS p ≈ 0.5).
  const x = g.exchangeability;
  assert.ok(x && x.exchangeable, x?.summary);
  assert.ok(x.errorRate.p > 0.05 && x.signal.p > 0.05);
  assert.ok(!g.warnings.some((w) => /not exchangeable/.test(w)));
});

test('MedMCQA: train and test splits are not exchangeable, and the report says so with the numbers', async () => {
  // llama3.1-405b errs on 8.7% of MedMCQA train but 24.3% of test answers.
  const log = await readEvalLog(realLog('medmcqa-llama'));
  const g = guaranteeReport(log.records, { model: 'llama3.1-405b', alpha: ALPHA, delta: DELTA });
  const x = g.exchangeability;
  assert.ok(x && !x.exchangeable);
  assert.equal(x.errorRate.cal.toFixed(3), '0.087');
  assert.equal(x.errorRate.test.toFixed(3), '0.243');
  assert.ok(x.errorRate.p < 1e-6 && x.signal.p < 1e-3, `p = ${x.errorRate.p}, ${x.signal.p}`);
  assert.match(
    g.warnings.join('\n'),
    /not exchangeable .* llama3\.1-405b errs on 8\.7% of "train" answers \(300\) and 24\.3% of "test" answers \(1000\), two-proportion z = -5\.\d\d, p = \d\.\de-\d+; .*a threshold certified on "train" need not hold on "test"/,
  );
  // And indeed: the threshold certified on train gives a test error far above α.
  assert.ok((g.riskTest as number) > 2 * ALPHA);
});

/** A model's answers in both splits, pooled. */
function pooled(records: readonly EvalRecord[], model: string): SelectiveItem[] {
  return records
    .filter((r) => r.model === model)
    .map((r) => ({ certainty: r.confidence as number, correct: r.correct }));
}

const SPLITS = 200;
// If realised violations happen with probability δ, the count over SPLITS splits exceeds this only with probability 1e-3.
const SPLIT_LIMIT = binomialUpperLimit(SPLITS, DELTA, 1e-3);

test(`MMLU pooled, ${SPLITS} random calibration/test splits (285/1531): realised test risk ≤ α in at least 1 − δ of them`, async (t) => {
  const log = await readEvalLog(realLog('mmlu-llama'));
  const pool = pooled(log.records, 'llama3.1-405b');
  assert.equal(pool.length, 1816);
  for (const method of ['fixed-sequence', 'bonferroni', 'every-answer'] as GuaranteeMethod[]) {
    const rng = new Rng(7);
    let violations = 0;
    let certified = 0;
    let coverage = 0;
    for (let rep = 0; rep < SPLITS; rep++) {
      const shuffled = rng.shuffle([...pool]);
      const g = guaranteedThreshold(shuffled.slice(0, 285), { alpha: ALPHA, delta: DELTA, method, curvePoints: 0 });
      const held = applyThreshold(shuffled.slice(285), g.threshold);
      if (g.threshold !== null) certified++;
      coverage += held.coverage;
      if (held.risk !== null && held.risk > ALPHA) violations++;
    }
    t.diagnostic(
      `${method}: test risk > α in ${violations}/${SPLITS} splits (limit ${SPLIT_LIMIT} = δ·${SPLITS} + binomial sampling error); certified in ${certified}/${SPLITS}, mean test coverage ${(coverage / SPLITS).toFixed(3)}`,
    );
    assert.ok(violations <= SPLIT_LIMIT, `${method}: ${violations} violations > ${SPLIT_LIMIT}`);
    if (method === 'fixed-sequence')
      assert.ok(
        certified >= 0.7 * SPLITS && coverage / SPLITS > 0.4,
        'the default certifies a useful threshold in most splits',
      );
  }
});

/**
 * Every model of two real logs, pooled answers as the population. (a) Calibration sets drawn i.i.d.
 * from the pool: the risk among accepted pool answers is the true conditional risk. (b) Random
 * partitions, violations judged on the held-out part (what a user would see).
 */
test('real logs, every model: violations of the true (pool) and the held-out risk stay within δ', async (t) => {
  const reps = SPLITS;
  for (const name of ['mmlu-qwen-oai', 'medmcqa-llama'] as const) {
    const log = await readEvalLog(realLog(name));
    for (const model of [...new Set(log.records.map((r) => r.model))]) {
      const pool = pooled(log.records, model);
      const rng = new Rng(11);
      let iid = 0;
      let split = 0;
      for (let rep = 0; rep < reps; rep++) {
        const cal = Array.from({ length: 300 }, () => pool[rng.int(pool.length)]);
        const g = guaranteedThreshold(cal, { alpha: ALPHA, delta: DELTA, curvePoints: 0 });
        if (g.threshold !== null && (applyThreshold(pool, g.threshold).risk as number) > ALPHA) iid++;
        const shuffled = rng.shuffle([...pool]);
        const g2 = guaranteedThreshold(shuffled.slice(0, 300), { alpha: ALPHA, delta: DELTA, curvePoints: 0 });
        const held = applyThreshold(shuffled.slice(300), g2.threshold);
        if (held.risk !== null && held.risk > ALPHA) split++;
      }
      t.diagnostic(
        `${name} ${model}: violations i.i.d. ${iid}/${reps}, random splits ${split}/${reps} (limit ${SPLIT_LIMIT})`,
      );
      assert.ok(iid <= SPLIT_LIMIT && split <= SPLIT_LIMIT, `${name} ${model}: ${iid}, ${split} > ${SPLIT_LIMIT}`);
    }
  }
});

test('cascade: both stages use the single-model sequence logic (grid, start, δ/2), and random splits stay within δ', async (t) => {
  const log = await readEvalLog(realLog('mmlu-llama'));
  const c = cascadeGuaranteeReport(log.records, {
    weak: 'llama3.1-70b',
    strong: 'llama3.1-405b',
    alpha: ALPHA,
    delta: DELTA,
  });
  for (const s of [c.weak, c.strong]) {
    assert.equal(s.scan.method, 'fixed-sequence');
    assert.equal(s.scan.level, DELTA / 2);
    assert.equal(
      s.scan.minAccepted,
      defaultStartCount(ALPHA, DELTA / 2, s.nCal),
      `${s.model} starts where a single model at δ/2 would`,
    );
  }
  t.diagnostic(
    `cascade llama3.1-70b → llama3.1-405b: test coverage ${c.test.coverage.toFixed(3)}, test risk ${c.test.risk?.toFixed(3)}; ${c.weak.scan.note} | ${c.strong.scan.note}`,
  );
  assert.ok(c.weak.threshold !== null, 'the weak stage certifies something on MMLU');
  assertShares(c.test);
  assertShares(c.cal);
  assert.equal(
    c.strong.nCal,
    Math.round(c.nCal * (1 - c.cal.weakShare)),
    'the strong stage is calibrated on what the weak model passes on',
  );
  const weak = new Map(log.records.filter((r) => r.model === 'llama3.1-70b').map((r) => [r.queryId, r]));
  const items: CascadeItem[] = log.records
    .filter((r) => r.model === 'llama3.1-405b' && weak.has(r.queryId))
    .map((r) => {
      const w = weak.get(r.queryId) as EvalRecord;
      return {
        weak: { certainty: w.confidence as number, correct: w.correct },
        strong: { certainty: r.confidence as number, correct: r.correct },
      };
    });
  const rng = new Rng(3);
  let violations = 0;
  for (let rep = 0; rep < SPLITS; rep++) {
    const shuffled = rng.shuffle([...items]);
    const g = guaranteedCascade(shuffled.slice(0, 285), { alpha: ALPHA, delta: DELTA, curvePoints: 0 });
    const out = runCascade(shuffled.slice(285), g.weak.threshold, g.strong.threshold);
    if (out.risk !== null && out.risk > ALPHA) violations++;
  }
  t.diagnostic(`cascade random splits: test risk > α in ${violations}/${SPLITS} (limit ${SPLIT_LIMIT})`);
  assert.ok(violations <= SPLIT_LIMIT);
});

function assertShares(o: { weakShare: number; strongShare: number; abstainShare: number; coverage: number }): void {
  assert.ok(Math.abs(o.weakShare + o.strongShare + o.abstainShare - 1) < 1e-12);
  assert.ok(Math.abs(o.coverage - o.weakShare - o.strongShare) < 1e-12);
}
