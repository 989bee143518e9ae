import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { prepareEconomics } from '../../../src/engines/economics/prepareEconomics';
import { buildPriceGrid } from '../../../src/engines/economics/priceGrid';
import { gridReport } from '../../../src/engines/economics/gridReport';
import { cascadeDiagnostics } from '../../../src/engines/economics/cascadeDiagnostics';
import { systemMeans } from '../../../src/engines/economics/systemMeans';
import { ERROR, COST, LATENCY } from '../../../src/engines/economics/types';
import { tuneCascade } from '../../../src/engines/tuning/tuneCascade';
import { applyCalibrator } from '../../../src/engines/calibration/fitCalibrator';
import { assertClose } from '../../helpers/assertClose';
import { realLog } from '../../helpers/paths';

const PRICES = [
  { error: 1e-4, latency: 0 },
  { error: 0.01, latency: 0 },
  { error: 1, latency: 0.001 },
  { error: 100, latency: 0.1 },
];

/** Independent re-computation: plain loops over the records, no engine code. */
function byQuery(records: EvalRecord[], split: string, models: string[]): Map<string, EvalRecord>[] {
  const m = new Map<string, Map<string, EvalRecord>>();
  for (const r of records) {
    if (r.split !== split) continue;
    if (!m.has(r.queryId)) m.set(r.queryId, new Map());
    m.get(r.queryId)!.set(r.model, r);
  }
  return [...m.values()].filter((q) => models.every((x) => q.has(x)));
}

function loss(r: EvalRecord, pe: number, pl: number): number {
  return (r.costUsd ?? 0) + pl * (r.latencyS ?? 0) + pe * (r.correct ? 0 : 1);
}

function cascadeLoss(qs: Map<string, EvalRecord>[], s: string, b: string, t: number, pe: number, pl: number): number {
  let sum = 0;
  for (const q of qs) {
    const rs = q.get(s)!;
    const rb = q.get(b)!;
    if ((rs.confidence as number) < t) sum += (rs.costUsd ?? 0) + pl * (rs.latencyS ?? 0) + loss(rb, pe, pl);
    else sum += loss(rs, pe, pl);
  }
  return sum / qs.length;
}

test("mmlu-llama: every candidate's expected reward matches a plain re-computation over the records", async () => {
  const log = await readEvalLog(realLog('mmlu-llama'));
  const prep = prepareEconomics(log.records, { tuneLongCascades: false });
  assert.equal(prep.inSample, false);
  assert.equal(prep.candidates.length, 15); // 5 models + C(5,2) cascades
  const models = prep.test.models;
  const train = byQuery(log.records, 'train', models);
  const testQ = byQuery(log.records, 'test', models);
  assert.equal(train.length, 285);
  assert.equal(testQ.length, 1531);
  const report = gridReport(
    prep.candidates,
    buildPriceGrid({ error: PRICES.map((p) => p.error), latency: [0, 0.001, 0.1], abstain: [0] }, prep.metrics),
  ).grid;
  for (const row of report) {
    const pe = row.price_error;
    const pl = row.price_latency;
    for (const m of models) {
      const expected = -testQ.reduce((s, q) => s + loss(q.get(m)!, pe, pl), 0) / testQ.length;
      // Same sum in a different order: agreement to ~1e-15 relative; 1e-10 leaves room for rounding only.
      assertClose(row.rewards[m], expected, { rel: 1e-10 }, `${m} at λ_E=${pe}, λ_L=${pl}`);
    }
    for (const c of prep.candidates.filter((x) => x.kind === 'cascade')) {
      const [s, b] = c.models;
      // Thresholds: type-7 quantiles of the small model's train confidences at 0, 2.5%, ..., 100%.
      const conf = train.map((q) => q.get(s)!.confidence as number).sort((x, y) => x - y);
      const ts = new Set<number>();
      for (let k = 0; k <= 40; k++) {
        const h = (conf.length - 1) * (k / 40);
        const lo = Math.floor(h);
        const hi = Math.min(lo + 1, conf.length - 1);
        ts.add(conf[lo] === conf[hi] ? conf[lo] : conf[lo] + (h - lo) * (conf[hi] - conf[lo]));
      }
      let bestT = NaN;
      let bestL = Infinity;
      for (const t of [...ts].sort((x, y) => x - y)) {
        const l = cascadeLoss(train, s, b, t, pe, pl);
        if (l < bestL) {
          bestL = l;
          bestT = t;
        }
      }
      assertClose(
        row.rewards[c.name],
        -cascadeLoss(testQ, s, b, bestT, pe, pl),
        { rel: 1e-10 },
        `${c.name} at λ_E=${pe}, λ_L=${pl}`,
      );
    }
    const top = Math.max(...Object.values(row.rewards));
    assert.equal(row.rewards[row.best], top, 'best has the highest reward');
  }
});

test('mmlu-llama: Theorem 5 decomposition holds at every threshold and matches the cascade error', async () => {
  const log = await readEvalLog(realLog('mmlu-llama'));
  const prep = prepareEconomics(log.records, { tuneLongCascades: false });
  for (const c of prep.candidates.filter((x) => x.kind === 'cascade')) {
    const cfg = c.configs;
    const diag = cascadeDiagnostics(
      prep.test,
      cfg[0].models[0],
      cfg[0].models[1],
      c.thresholds.map((t) => t[0]),
    );
    diag.forEach((d, j) => {
      // eq. 3.26 is an algebraic identity for population moments: only rounding separates the two.
      assertClose(d.errorDecomposed, d.errorCascade, { abs: 1e-12 }, `${c.name} decomposition at t=${d.threshold}`);
      assertClose(d.errorCascade, c.test[j * c.dim + ERROR], { abs: 1e-12 }, `${c.name} error vs engine`);
      assertClose(d.meanCost, c.test[j * c.dim + COST], { rel: 1e-12 }, `${c.name} cost vs engine`);
      assertClose(d.meanLatency, c.test[j * c.dim + LATENCY], { rel: 1e-12 }, `${c.name} latency vs engine`);
      assertClose(d.deferralRate, c.deferralRate[j], { abs: 1e-15 }, 'deferral rate');
    });
    // CER ≥ 0 for an informative signal: deferring the small model's least confident queries
    // concentrates its errors among the deferred ones (llama confidences are informative on MMLU).
    const mid = diag[Math.floor(diag.length / 2)];
    assert.ok(mid.cer > 0, `${c.name}: CER ${mid.cer} should be positive at the median threshold`);
  }
  // The single-model error equals 1 − accuracy from the issue (llama3.1-405b: 0.852 on test).
  const m405 = prep.test.models.indexOf('llama3.1-405b');
  assertClose(
    systemMeans(prep.test, { models: [m405], deferThresholds: [], abstainThreshold: null }).means[ERROR],
    1 - 0.852,
    { abs: 0.0005 },
    '405b error',
  );
});

test('mmlu-llama: the 5-model chain uses Rational Tuning thresholds on calibrated confidences (plain re-computation)', async () => {
  const log = await readEvalLog(realLog('mmlu-llama'));
  const prep = prepareEconomics(log.records, { set: 'cascades' });
  const chain = prep.candidates.find((c) => c.models.length === 5);
  assert.ok(chain, `chain candidate missing; warnings: ${prep.warnings.join(' | ')}`);
  const names = chain.models;
  // The tuning engine's own result: calibrators and frontier thresholds (model i answers when its calibrated confidence > t_i).
  const tuned = tuneCascade({
    records: log.records,
    cascade: names,
    methods: ['rt'],
    bootstrap: 0,
    trainSplit: 'train',
    testSplit: 'test',
  });
  const points = tuned.methods.rt!.points;
  assert.equal(chain.thresholds.length, points.length);
  const testQ = byQuery(log.records, 'test', prep.test.models);
  points.forEach((p, j) => {
    assert.deepEqual(chain.thresholds[j], p.thresholds);
    let cost = 0;
    let err = 0;
    for (const q of testQ) {
      for (let i = 0; i < names.length; i++) {
        const r = q.get(names[i])!;
        cost += r.costUsd ?? 0;
        const answers = i === names.length - 1 || applyCalibrator(tuned.models[i].calibrator, r) > p.thresholds[i];
        if (answers) {
          if (!r.correct) err++;
          break;
        }
      }
    }
    // Same decisions query by query: error rates equal exactly (counts), costs to rounding.
    assertClose(chain.test[j * chain.dim + ERROR], err / testQ.length, { abs: 1e-12 }, `chain error at point ${j}`);
    assertClose(chain.test[j * chain.dim + COST], cost / testQ.length, { rel: 1e-10 }, `chain cost at point ${j}`);
  });
});
