/**
 * The Cascade Frontier's pure parts in plain Node: chart configs from a real tuning result of
 * mmlu-llama (1B → 8B → 405B), the CSV table, and the deployable config replayed on the raw log.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActiveElement, ChartEvent } from 'chart.js';
import { applyCalibrator } from '../../../src/engines/calibration/fitCalibrator';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { subCascades, type SubCascadeResult } from '../../../src/engines/tuning/subCascades';
import { tuneCascade, type TuneCascadeResult } from '../../../src/engines/tuning/tuneCascade';
import type { CascadeSelection } from '../../../src/protocol/cascadeFrontier';
import {
  cascadeFrontierConfig,
  cascadeFrontierTable,
  describePoint,
  PER_MILLION,
  type FrontierChartData,
  type PointRef,
} from '../../../webview/charts/cascadeFrontierChart';
import { FALLBACK_THEME } from '../../../webview/charts/chartTheme';
import { subCascadeConfig } from '../../../webview/charts/subCascadeChart';
import { histogramOutline, tauColour } from '../../../webview/charts/tuningDiagnosticsCharts';
import { CONFIG_KIND, deployableConfig, frontierJson } from '../../../webview/cascadeFrontier/deployableConfig';
import { assertClose } from '../../helpers/assertClose';
import { realLog } from '../../helpers/paths';

const THREE = ['llama3.2-1b', 'llama3.1-8b', 'llama3.1-405b'];
const dark = FALLBACK_THEME.dark;
type DS = {
  label?: string;
  data: { x: number; y: number; ref?: PointRef }[];
  borderDash?: number[];
  fill?: unknown;
  borderWidth?: number;
};

describe('Cascade Frontier charts and exports (real mmlu-llama result)', () => {
  let records: EvalRecord[];
  let result: TuneCascadeResult;
  let subs: SubCascadeResult;
  let data: FrontierChartData;
  const selection: CascadeSelection = {
    cascade: THREE,
    methods: ['rt', 'grid'],
    trainSplit: 'train',
    testSplit: 'test',
    lowSample: null,
    seed: 1,
  };

  before(async () => {
    records = (await readEvalLog(realLog('mmlu-llama'), {})).records;
    result = tuneCascade({ records, cascade: THREE, methods: ['rt', 'grid'], bootstrap: 40, seed: 1 });
    subs = subCascades({ records, models: THREE, methods: ['rt'] });
    data = {
      cascade: THREE,
      methods: (['rt', 'grid'] as const).map((m) => ({
        method: m,
        points: result.methods[m]!.points,
        band: result.methods[m]!.band,
      })),
      singles: result.models.map((m) => ({ model: m.model, cost: m.meanCostTest, error: m.testError })),
      selected: null,
    };
  });

  test('frontier config: per method a band, a test curve sorted by cost and a dashed predicted curve; singles; log cost axis', () => {
    const cfg = cascadeFrontierConfig(data, dark);
    const ds = cfg.data.datasets as unknown as DS[];
    assert.deepEqual(
      ds.map((d) => d.label),
      [
        '_Rational Tuning band low',
        '_Rational Tuning band high',
        'Rational Tuning: test (90% band)',
        'Rational Tuning: predicted',
        '_Grid search band low',
        '_Grid search band high',
        'Grid search: test (90% band)',
        'Grid search: predicted',
        'Single models',
      ],
    );
    const rtTest = ds[2].data;
    assert.equal(rtTest.length, result.methods.rt!.points.length, 'every RT point is scored on the test split');
    for (let i = 1; i < rtTest.length; i++) assert.ok(rtTest[i].x >= rtTest[i - 1].x, 'test curve sorted by cost');
    for (const p of rtTest) {
      const src = result.methods.rt!.points[p.ref!.index];
      assert.equal(p.x, src.testCost! * PER_MILLION);
      assert.equal(p.y, src.testError);
    }
    assert.deepEqual(ds[3].borderDash, [6, 4], 'predicted curve dashed');
    assert.equal(ds[1].fill, '-1', 'band fills down to its low edge');
    // The band encloses the empirical test error at every point (percentile band of resampled test errors, 90%).
    const band = result.methods.rt!.band!;
    const inside = result.methods.rt!.points.filter(
      (p, i) => band.errorLo[i] <= p.testError! + 1e-12 && p.testError! <= band.errorHi[i] + 1e-12,
    ).length;
    assert.ok(
      inside >= 0.9 * result.methods.rt!.points.length,
      `band contains the test curve at ${inside} of ${result.methods.rt!.points.length} points`,
    );
    // Singles at each model's mean test cost ($ per million) and its test error alone (costrisk summary: 405B $574/M, error 0.148).
    assert.deepEqual(
      ds[8].data.map((p) => p.x),
      result.models.map((m) => m.meanCostTest * PER_MILLION),
    );
    assertClose(
      ds[8].data[2].x,
      574,
      { rel: 0.001 },
      '405B cost per million (mean_cost_usd 5.74e-4 in costrisk summary, three significant digits)',
    );
    assertClose(ds[8].data[2].y, 0.148, { abs: 0.0005 }, '405B test error (1 − accuracy 0.852, Model Overview test)');
    const x = cfg.options!.scales!.x as { type: string };
    assert.equal(x.type, 'logarithmic', '$19 to $574 per million spans more than the 20× of the log-axis rule');
    assert.equal(cfg.options!.animation, false);
    assert.ok(
      cfg.plugins!.some((p) => p.id === 'crlBackground'),
      'PNG exports get the theme background',
    );
  });

  test('hover and click report the point under the cursor; the chosen point is ringed', () => {
    const seen: (PointRef | null)[] = [];
    const picked: PointRef[] = [];
    const cfg = cascadeFrontierConfig({ ...data, onHover: (r) => seen.push(r), onPick: (r) => picked.push(r) }, dark);
    const ds = cfg.data.datasets as unknown as DS[];
    const el = (datasetIndex: number, index: number) =>
      [{ datasetIndex, index, element: {} }] as unknown as ActiveElement[];
    const chart = {} as never;
    cfg.options!.onHover!.call(chart, {} as ChartEvent, el(6, 3), chart);
    cfg.options!.onClick!.call(chart, {} as ChartEvent, el(2, 0), chart);
    cfg.options!.onHover!.call(chart, {} as ChartEvent, [], chart);
    cfg.options!.onHover!.call(chart, {} as ChartEvent, el(1, 4), chart);
    assert.deepEqual(seen, [ds[6].data[3].ref, null, ds[2].data[4].ref], 'near the band: the test point it belongs to');
    assert.deepEqual(picked, [ds[2].data[0].ref]);
    const withSel = cascadeFrontierConfig({ ...data, selected: picked[0] }, dark).data.datasets as unknown as DS[];
    const ring = withSel[withSel.length - 1];
    assert.equal(ring.label, 'Chosen operating point');
    assert.deepEqual(ring.data, [{ x: ds[2].data[0].x, y: ds[2].data[0].y, ref: picked[0] }]);
    const hc = cascadeFrontierConfig(data, FALLBACK_THEME['high-contrast']).data.datasets as unknown as DS[];
    assert.equal(hc[2].borderWidth, ds[2].borderWidth! + 1, 'high contrast: thicker curves');
  });

  test('the tooltip text names each threshold and every model share; shares sum to 100%', () => {
    const ref: PointRef = { method: 'rt', index: 5, curve: 'test' };
    const p = result.methods.rt!.points[5];
    const lines = describePoint(data, ref);
    assert.equal(
      lines[1],
      `thresholds: llama3.2-1b answers if φ > ${p.thresholds[0].toFixed(4)}; llama3.1-8b answers if φ > ${p.thresholds[1].toFixed(4)}; else llama3.1-405b`,
    );
    const shares = [...lines[2].matchAll(/([\d.]+)%/g)].map((m) => Number(m[1]));
    assert.equal(shares.length, 3);
    assertClose(
      shares.reduce((a, b) => a + b, 0),
      100,
      { abs: 0.15 },
      'shares shown to 0.1% add up to 100% (three roundings of ±0.05)',
    );
  });

  test('CSV table: one row per point with full-precision thresholds, costs in $ per query', () => {
    const t = cascadeFrontierTable(data);
    assert.deepEqual(t.header.slice(0, 8), [
      'method',
      'point',
      'threshold_llama3.2-1b',
      'threshold_llama3.1-8b',
      'expected_cost_usd_per_query',
      'expected_error',
      'test_cost_usd_per_query',
      'test_error',
    ]);
    assert.equal(t.rows.length, result.methods.rt!.points.length + result.methods.grid!.points.length);
    const g = result.methods.grid!.points[7];
    const row = t.rows.find((r) => r[0] === 'grid' && r[1] === 8)!;
    assert.deepEqual(row.slice(2, 8), [...g.thresholds, g.expectedCost, g.expectedError, g.testCost, g.testError]);
    for (const r of t.rows) assert.equal(r.length, t.header.length);
  });

  test("the deployable config, replayed on the raw test records with applyCalibrator, gives the point's test error and cost", () => {
    const ref: PointRef = { method: 'rt', index: 12, curve: 'test' };
    const cfg = deployableConfig(result, ref, selection, 'mmlu-llama.jsonl')!;
    assert.equal(cfg.kind, CONFIG_KIND);
    assert.deepEqual(cfg.cascade, THREE);
    // Independent re-computation: join the test records by query ourselves, calibrate with the
    // exported calibrators, route by the exported thresholds, and count.
    const byQuery = new Map<string, Map<string, EvalRecord>>();
    for (const r of records)
      if (r.split === 'test' && THREE.includes(r.model))
        byQuery.set(r.queryId, (byQuery.get(r.queryId) ?? new Map()).set(r.model, r));
    const rows = [...byQuery.values()].filter((m) =>
      THREE.every((x) => m.has(x) && (m.get(x)!.logprob !== null || m.get(x)!.confidence !== null)),
    );
    assert.equal(rows.length, result.testQueries, 'same test queries as the engine');
    const meanCost = THREE.map((x) => rows.reduce((s, m) => s + (m.get(x)!.costUsd ?? 0), 0) / rows.length);
    let wrong = 0;
    let cost = 0;
    for (const m of rows) {
      let i = 0;
      for (; i < THREE.length; i++) {
        cost += meanCost[i];
        const r = m.get(THREE[i])!;
        if (i === THREE.length - 1 || applyCalibrator(cfg.calibrators[i], r) > cfg.thresholds[i]) break;
      }
      if (!m.get(THREE[i])!.correct) wrong++;
    }
    const p = result.methods.rt!.points[12];
    // Same queries, same rule: the error is the same count over the same n (only float rounding differs).
    assertClose(wrong / rows.length, p.testError!, { abs: 1e-12 }, 'replayed test error');
    assertClose(
      cost / rows.length,
      p.testCost!,
      { rel: 1e-9 },
      'replayed mean cost per query (summation order differs)',
    );
    const json = JSON.parse(frontierJson(result, selection, 'mmlu-llama.jsonl')) as {
      selection: CascadeSelection;
      result: TuneCascadeResult;
    };
    assert.deepEqual(json.selection, selection);
    assert.equal(json.result.methods.rt!.points.length, result.methods.rt!.points.length);
    assert.equal(
      deployableConfig(result, { method: 'bo', index: 0, curve: 'test' }, selection, 'x'),
      null,
      'a method that was not run has no point',
    );
  });

  test('sub-cascade chart: the thick envelope follows the dominance segments; only winners get a legend entry', () => {
    const cfg = subCascadeConfig({ result: subs, method: 'rt' }, dark);
    const ds = cfg.data.datasets as unknown as DS[];
    const env = ds.find((d) => d.label?.startsWith('Lower envelope'))!;
    assert.deepEqual(
      env.data,
      subs.dominance.flatMap((s) => [
        { x: s.costFrom * PER_MILLION, y: s.errorFrom },
        { x: s.costTo * PER_MILLION, y: s.errorTo },
      ]),
    );
    const winners = new Set(subs.dominance.map((s) => s.cascade.join(' → ')));
    for (const d of ds.slice(0, subs.cascades.length))
      assert.equal(!d.label!.startsWith('_'), winners.has(d.label!.replace(/^_/, '')), d.label);
    // Along the envelope the error never rises with cost (it is a lower envelope of "best point at cost ≤ x").
    for (let i = 1; i < env.data.length; i++) assert.ok(env.data[i].y <= env.data[i - 1].y + 1e-12);
  });

  test('histogram outline and τ colours', () => {
    // Closed form: two bins [0,1), [1,2] with densities 0.5 and 1 → a closed step path of area 1.5.
    const path = histogramOutline([0, 1, 2], [0.5, 1]);
    assert.deepEqual(path, [
      { x: 0, y: 0 },
      { x: 0, y: 0.5 },
      { x: 1, y: 0.5 },
      { x: 1, y: 1 },
      { x: 2, y: 1 },
      { x: 2, y: 0 },
    ]);
    assert.equal(tauColour(dark, null), 'transparent');
    assert.equal(tauColour(dark, 1), `${dark.series[0]}dc`, 'τ = 1: the first series colour at alpha 220/255');
    assert.equal(tauColour(dark, -0.5), `${dark.series[1]}78`, 'τ < 0: the second series colour, alpha 20 + 100');
  });
});
