import { test } from 'node:test';
import assert from 'node:assert/strict';
import { econMap } from '../../../src/worker/jobs/econMap';
import { econData } from '../../../src/worker/jobs/econData';
import { econUncertain } from '../../../src/worker/jobs/econUncertain';
import { candidateFromData } from '../../../src/engines/economics/candidateData';
import { evaluatePriceGrid } from '../../../src/engines/economics/evaluatePriceGrid';
import { priceWeights } from '../../../src/engines/economics/priceWeights';
import { candidatePareto } from '../../../src/engines/economics/candidatePareto';
import { decodeOptimalModelMap } from '../../../src/protocol/compactOptimalModelMap';
import { realLog } from '../../helpers/paths';
import { assertClose } from '../../helpers/assertClose';

const ctx = { signal: new AbortController().signal, progress: () => undefined };

test('optimal-model map (worker job): 100 x 100 cells, exact boundaries agree with the grid', async () => {
  const r = await econMap({ file: realLog('mmlu-llama') }, ctx);
  const map = decodeOptimalModelMap(r.map, r.candidates.length);
  const nE = map.errorAxis.length;
  assert.equal(nE, 100);
  assert.equal(map.latencyAxis.length, 100);
  assert.equal(map.best.length, 10_000);
  assert.equal(r.candidates.length, 16); // 5 models, 10 two-model cascades, the 5-model chain
  for (let row = 0; row < map.latencyAxis.length; row++) {
    const lines = map.boundaries[row];
    for (let c = 1; c < nE; c++) {
      const a: number = map.best[row * nE + c - 1];
      const b: number = map.best[row * nE + c];
      const between = lines.filter((l) => l.price > map.errorAxis[c - 1] && l.price <= map.errorAxis[c]);
      // Where neighbouring cells differ, an exact switch point lies between their prices, and the
      // last switch before the right cell lands on the right cell's winner.
      if (a !== b) {
        assert.ok(between.length > 0, `row ${row}: ${a}→${b} between columns ${c - 1} and ${c} without a boundary`);
        assert.equal(between[between.length - 1].above, b);
        assert.equal(between[0].below, a);
      }
    }
  }
  // Spot-check a cell against a direct evaluation.
  const cands = r.candidates.map(candidateFromData);
  const cell = 57 * nE + 63;
  const direct = evaluatePriceGrid(
    cands,
    priceWeights({ error: map.errorAxis[63], latency: map.latencyAxis[57] }),
    cands[0].dim,
  );
  assert.equal(map.best[cell], direct.best[0]);
  assertClose(map.bestReward[cell], direct.rewards[direct.best[0]], { rel: 1e-12 }, 'cell reward');
  assert.ok(map.margin.every((m) => m >= 0));
  // The job's reply is compact: rewards and margins are 2 × 10,000 float64 = 213,336 base64 characters, the
  // integer fields runs, the boundaries a few hundred objects; one JSON number per cell and field would be ~1 MB.
  const size = JSON.stringify(r.map).length;
  assert.ok(size > 213_336 && size < 350_000, `${size} characters`);
});

test('econData and econUncertain jobs: candidate statistics round-trip, one economic optimum is marked, expectations average the scenarios', async () => {
  const d = await econData({ file: realLog('mmlu-llama'), abstention: true, routers: true }, ctx);
  // 16 models and cascades + 5 models with abstention + 2 routers (with and without abstention) over each of 10 pairs and all 5 models.
  assert.equal(d.data.candidates.length, 43);
  assert.equal(d.data.candidates.filter((c) => c.kind === 'router').length, 22);
  assert.equal(d.data.diagnostics.length, 10);
  assert.deepEqual(d.splits.sort(), ['test', 'train']);
  const cands = d.data.candidates.map(candidateFromData);
  const entries = candidatePareto(cands, priceWeights({ error: 1, latency: 0.001, abstain: 0.5 }), d.data.dim);
  assert.equal(entries.filter((e) => e.optimum).length, 1);
  assert.ok(entries.some((e) => e.pareto));
  const u = await econUncertain(
    {
      file: realLog('mmlu-llama'),
      abstention: true,
      routers: true,
      distributions: {
        error: { kind: 'discrete', values: [0.01, 100], probs: [0.5, 0.5] },
        abstain: { kind: 'fixed', value: 0.5 },
      },
    },
    ctx,
  );
  // Two scenarios with equal weight: the expectation is the average of the two grid evaluations.
  const ev = evaluatePriceGrid(
    cands,
    new Float64Array([...priceWeights({ error: 0.01, abstain: 0.5 }), ...priceWeights({ error: 100, abstain: 0.5 })]),
    d.data.dim,
  );
  const K = cands.length;
  u.expected.forEach((e, k) => assertClose(e, (ev.rewards[k] + ev.rewards[K + k]) / 2, { rel: 1e-12 }, u.names[k]));
});
