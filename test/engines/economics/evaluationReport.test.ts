import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { prepareEconomics } from '../../../src/engines/economics/prepareEconomics';
import { evaluationReport } from '../../../src/engines/economics/evaluationReport';
import { assertClose } from '../../helpers/assertClose';
import { realLog } from '../../helpers/paths';

test('evaluation report on mmlu-llama: ranking, breakdown, curves and tables agree with the raw records and with each other', async () => {
  const log = await readEvalLog(realLog('mmlu-llama'));
  const prep = prepareEconomics(log.records, { abstention: true, routers: true, tuneLongCascades: false });
  const prices = { error: 1, latency: 1 / 60, abstain: 0.5 };
  const r = evaluationReport(prep.candidates, prep.metrics, prices);
  // Every candidate is ranked once (the winner is checked against the raw records below).
  assert.deepEqual(new Set(r.ranking.map((x) => x.name)), new Set(prep.candidates.map((c) => c.name)));
  for (const row of r.ranking) {
    const b = row.breakdown;
    // The breakdown is the reward of eq. 3.10 term by term: the terms add up to −R up to rounding.
    assertClose(b.cost + b.latency + b.error + b.abstain, -row.reward, { rel: 1e-12 }, `${row.name} breakdown`);
  }
  for (let i = 1; i < r.ranking.length; i++) assert.ok(r.ranking[i - 1].reward >= r.ranking[i].reward);
  // Independent reference for every single model: its reward (eq. 3.10) straight from the log's
  // test records, R = −(mean cost + λ_L·mean latency + λ_E·error rate), with no engine code involved
  // (every model of this log answers all 1,531 test queries, so the query table keeps them all).
  const byModel = new Map<string, { n: number; cost: number; latency: number; wrong: number }>();
  for (const rec of log.records) {
    if (rec.split !== 'test') continue;
    const m = byModel.get(rec.model) ?? { n: 0, cost: 0, latency: 0, wrong: 0 };
    m.n++;
    m.cost += rec.costUsd ?? 0;
    m.latency += rec.latencyS ?? 0;
    m.wrong += 1 - Number(rec.correct);
    byModel.set(rec.model, m);
  }
  assert.equal(byModel.size, 5);
  for (const [model, m] of byModel) {
    assert.equal(m.n, 1531, model);
    const row = r.ranking.find((x) => x.name === model);
    assert.ok(row, `${model} is ranked`);
    const expected = -(m.cost / m.n + (prices.latency * m.latency) / m.n + (prices.error * m.wrong) / m.n);
    // Summation order differs (the engine sums per metric column): equal to 1e-12 relative.
    assertClose(row.reward, expected, { rel: 1e-12 }, `${model} reward from the raw records`);
    // The recommendation does at least as well as every single model (it may be one of them).
    assert.ok(r.ranking[0].reward >= expected - 1e-12 * Math.abs(expected), `${r.ranking[0].name} vs ${model}`);
  }
  // Curves: the loss at λ_E = 1 (a grid point: 10^0 at index 80 of 161) is the ranking's −R.
  assertClose(r.curves.lambdas[80], 1, { rel: 1e-12 }, 'curve grid point');
  const s = r.curves.series.find((x) => x.name === r.ranking[0].name)!;
  assertClose(s.loss[80], -r.ranking[0].reward, { rel: 1e-12 }, 'curve at λ_E = 1');
  // Sensitivity cells agree with the exact critical-price table of the same λ_L.
  r.sensitivity.latencies.forEach((_, c) => {
    r.sensitivity.errors.forEach((e, row) => {
      const regime = r.critical[c].regimes.find((g) => e >= g.from && e < g.to)!;
      assert.equal(r.sensitivity.best[row][c], regime.best, `λ_E=${e}, column ${c}`);
    });
  });
  assert.equal(r.crossovers.length, prep.candidates.length - 1);
  assert.equal(r.pareto.filter((p) => p.optimum).length, 1);
  assert.equal(r.pareto.find((p) => p.optimum)!.candidate, r.ranking[0].name);
});
