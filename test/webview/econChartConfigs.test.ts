import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cellEdges,
  optimalModelMapConfig,
  optimalModelMapTable,
  type OptimalModelMapData,
} from '../../webview/charts/optimalModelMapChart';
import { categoryColour, mixHex } from '../../webview/charts/econChartStyle';
import { FALLBACK_THEME } from '../../webview/charts/chartTheme';
import { positionOf, valueAt } from '../../webview/priceControls/priceScale';
import { parseDistribution } from '../../webview/economicEvaluation/distributionText';
import { restoreState } from '../../webview/economicEvaluation/viewModel';
import { assertClose } from '../helpers/assertClose';

const theme = FALLBACK_THEME.dark;

test('map cells: edges are geometric midpoints on the log axis and arithmetic on the linear one', () => {
  const e = cellEdges([1e-4, 1e-2, 1], true);
  // Midpoint of 1e-4 and 1e-2 in log space is 1e-3; the ends extend by half a step (1e-5, 1e1).
  [1e-5, 1e-3, 1e-1, 10].forEach((x, i) => assertClose(e[i], x, { rel: 1e-12 }, `log edge ${i}`));
  assert.deepEqual(cellEdges([0, 2, 4], false), [-1, 1, 3, 5]);
});

test('map config: one legend entry per winning system, tooltips name the winner and the runner-up', () => {
  const data: OptimalModelMapData = {
    names: ['a', 'b', 'c'],
    errorAxis: [0.01, 1],
    latencyAxis: [0, 1 / 60],
    best: [0, 1, 0, 1],
    bestReward: [-0.01, -0.2, -0.02, -0.3],
    runnerUp: [1, 0, 2, 0],
    margin: [0.001, 0.002, 0.003, 0.004],
    boundaries: [[{ row: 0, price: 0.1, below: 0, above: 1 }], [{ row: 1, price: 0.2, below: 0, above: 1 }]],
  };
  const cfg = optimalModelMapConfig(data, theme);
  assert.deepEqual(
    cfg.data.datasets.map((d) => d.label),
    ['a', 'b'],
  );
  assert.deepEqual(
    (cfg.data.datasets[1].data as { cell: number }[]).map((p) => p.cell),
    [1, 3],
  );
  const label = cfg.options?.plugins?.tooltip?.callbacks?.label as unknown as (ctx: {
    raw: { cell: number };
  }) => string[];
  assert.deepEqual(label({ raw: { cell: 3 } }), [
    'Best: b, expected reward −$0.3 per query',
    'Runner-up: a, $0.004 per query behind',
  ]);
  const t = optimalModelMapTable(data);
  assert.deepEqual(t.rows[3], [1, 1 / 60, 'b', -0.3, 'a', 0.004]);
});

test('colours stay distinct beyond the palette', () => {
  const cs = Array.from({ length: 18 }, (_, i) => categoryColour(theme, i));
  assert.equal(new Set(cs).size, 18);
  assert.equal(mixHex('#000000', '#ffffff', 0.5), '#808080');
});

test('log price slider: positions and prices round-trip; the leftmost position is $0 when allowed', () => {
  const spec = { minExp: -4, maxExp: 4, allowZero: true };
  assert.equal(valueAt(spec, 0), 0);
  assert.equal(positionOf(spec, 0), 0);
  assert.equal(valueAt(spec, 1), 0.0001);
  assert.equal(valueAt(spec, 1000), 10000);
  for (const v of [0.001, 0.5, 1, 333])
    assertClose(valueAt(spec, positionOf(spec, v)), v, { rel: 0.02 }, `round trip ${v}`); // one step is 8 decades / 999 ≈ 1.9%
});

test('uncertain-price inputs parse into distributions (latency entered per minute, stored per second)', () => {
  assert.deepEqual(parseDistribution('logUniform', '0.01, 1000', 1), { kind: 'logUniform', min: 0.01, max: 1000 });
  assert.deepEqual(parseDistribution('logNormal', '6, 0.5', 1, 1 / 60), { kind: 'logNormal', median: 0.1, sigma: 0.5 });
  assert.deepEqual(parseDistribution('discrete', '1:0.5, 100:0.5', 1), {
    kind: 'discrete',
    values: [1, 100],
    probs: [0.5, 0.5],
  });
  assert.deepEqual(parseDistribution('fixed', 'ignored', 7), { kind: 'fixed', value: 7 });
  assert.throws(() => parseDistribution('discrete', '1, 2', 0), /value:probability/);
});

test('view state: saved values are validated, defaults fill the gaps', () => {
  const s = restoreState({ file: '/a.jsonl', priceError: -3, priceLatency: 0.5, kinds: { models: true } }, null);
  assert.deepEqual(s, {
    file: '/a.jsonl',
    priceError: 1,
    priceLatency: 0.5,
    priceAbstain: 0,
    kinds: { models: true, cascades: true, abstention: false, routers: false },
    overhead: { cost: 0, latency: 0 },
    cascade: null,
    preset: 'medical-diagnosis',
  });
  assert.equal(restoreState(null, { file: '/b.jsonl' }).file, '/b.jsonl');
  // A state saved before routers existed: its "routers" were single models with abstention.
  const legacy = restoreState({ file: '/a.jsonl', kinds: { models: true, cascades: false, routers: true } }, null);
  assert.deepEqual(legacy.kinds, { models: true, cascades: false, abstention: true, routers: false });
  const current = restoreState(
    {
      file: '/a.jsonl',
      kinds: { models: false, cascades: false, abstention: false, routers: true },
      overhead: { cost: 0.01, latency: 2 },
    },
    null,
  );
  assert.deepEqual(
    [current.kinds, current.overhead],
    [
      { models: false, cascades: false, abstention: false, routers: true },
      { cost: 0.01, latency: 2 },
    ],
  );
  // A hostile overhead falls back to none.
  for (const overhead of [
    { cost: -1, latency: 0 },
    { cost: Number.NaN, latency: 0 },
    { cost: 0, latency: Infinity },
    { cost: '1', latency: 0 },
    null,
    'x',
  ])
    assert.deepEqual(
      restoreState({ file: '/a.jsonl', overhead }, null).overhead,
      { cost: 0, latency: 0 },
      JSON.stringify(overhead),
    );
});
