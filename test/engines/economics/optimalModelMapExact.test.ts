import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { prepareEconomics } from '../../../src/engines/economics/prepareEconomics';
import { evaluatePriceGrid } from '../../../src/engines/economics/evaluatePriceGrid';
import { optimalModelMap } from '../../../src/engines/economics/optimalModelMap';
import { priceWeights } from '../../../src/engines/economics/priceWeights';
import { defaultMapAxes } from '../../../src/engines/economics/priceGrid';
import { ERROR } from '../../../src/engines/economics/types';
import { decodeOptimalModelMap, encodeOptimalModelMap } from '../../../src/protocol/compactOptimalModelMap';
import { realLog } from '../../helpers/paths';

test('optimal-model map: the lower-envelope sweep gives bit for bit the per-cell brute force (θ* over every operating point), and the compact form round-trips', async () => {
  const log = await readEvalLog(realLog('mmlu-llama'));
  // Models with abstention at a price of abstention: candidates with many operating points, and every metric priced.
  const prep = prepareEconomics(log.records, { set: 'all', abstention: true });
  const K = prep.candidates.length;
  assert.equal(K, 21);
  // The map's own axes (log λ_E, linear λ_L), 150 x 120 so the brute force stays quick.
  const errorAxis = defaultMapAxes(150).error;
  const latencyAxis = defaultMapAxes(120).latency;
  const abstain = 0.3;
  const map = optimalModelMap(prep.candidates, prep.metrics, { errorAxis, latencyAxis, abstain });
  const nE = errorAxis.length;
  const dim = prep.dim;
  // The computation this replaced: every cell's price vector, every operating point scored on train.
  const weights = new Float64Array(latencyAxis.length * nE * dim);
  latencyAxis.forEach((l, r) => {
    const w = priceWeights({ latency: l, abstain }, prep.metrics);
    errorAxis.forEach((e, c) => {
      w[ERROR] = e;
      weights.set(w, (r * nE + c) * dim);
    });
  });
  const ev = evaluatePriceGrid(prep.candidates, weights, dim);
  let switches = 0;
  for (let p = 0; p < ev.prices; p++) {
    const b = ev.best[p];
    const rewards = Array.from({ length: K }, (_, k) => ev.rewards[p * K + k]);
    let second = -1;
    for (let k = 0; k < K; k++) if (k !== b && (second < 0 || rewards[k] > rewards[second])) second = k;
    assert.equal(map.best[p], b, `cell ${p}: best`);
    assert.equal(map.bestPoint[p], ev.point[p * K + b], `cell ${p}: operating point`);
    assert.ok(Object.is(map.bestReward[p], rewards[b]), `cell ${p}: reward ${map.bestReward[p]} vs ${rewards[b]}`);
    assert.equal(map.runnerUp[p], second, `cell ${p}: runner-up`);
    assert.ok(Object.is(map.margin[p], rewards[b] - rewards[second]), `cell ${p}: margin`);
    if (p % nE > 0 && map.best[p] !== map.best[p - 1]) switches++;
  }
  // Not a trivial map: the winner changes along most rows.
  assert.ok(
    new Set(map.best).size >= 3 && switches >= latencyAxis.length,
    `${new Set(map.best).size} winners, ${switches} switches`,
  );

  // Through JSON, as it travels to the view and out of the CLI.
  const back = decodeOptimalModelMap(JSON.parse(JSON.stringify(encodeOptimalModelMap(map))), K);
  assert.deepEqual(back, map);
  assert.ok(back.best instanceof Int32Array && back.bestReward instanceof Float64Array);
});
