/**
 * Charts that read at a glance (issue 15 item 4), drawn by the real Chart.js in headless Chromium
 * (chartProbe.ts bundled with esbuild): a 16-system loss chart shows its leaders and folds the rest
 * behind one legend entry; no two series of a chart share colour, dash and marker, and the colours
 * stand out from the background in dark and light themes; no two tick labels of an axis overlap.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { SubCascadeResult } from '../../../src/engines/tuning/subCascades';
import { FALLBACK_THEME } from '../../../webview/charts/chartTheme';
import { contrastRatio, deltaE, MIN_CONTRAST } from '../../../webview/charts/palette';
import { ROOT } from '../../helpers/paths';
import { browserUnavailable, testBrowser } from '../harness';
import type { ProbeReport } from './chartProbe';

const skip = browserUnavailable() ?? false;

/** Loss = cost + error × λ_E: four systems each optimal on a stretch of [1e-4, 1e3], twelve dominated. */
function sixteenSystems() {
  const lambdas = Array.from({ length: 57 }, (_, j) => 10 ** (-4 + j / 8));
  // Crossings: A|B at 3e-4, B|C at 6e-3, C|D at 0.225, all inside the axis.
  const front = [
    { name: 'A', cost: 1e-5, error: 0.5 },
    { name: 'B', cost: 1e-4, error: 0.2 },
    { name: 'C', cost: 1e-3, error: 0.05 },
    { name: 'D', cost: 1e-2, error: 0.01 },
  ];
  const dominated = Array.from({ length: 12 }, (_, i) => {
    const f = front[i % 4];
    return { name: `${f.name}${i + 1}`, cost: f.cost * (1.5 + i / 4), error: f.error * (1.1 + i / 20) };
  });
  const series = [...front, ...dominated].map((s) => ({
    name: s.name,
    loss: lambdas.map((l) => s.cost + s.error * l),
  }));
  return { lambdas, series, current: 0.01, recommended: 'C' };
}

/** n ordered sub-cascades, each a short error-cost curve, the first two dominating one stretch each. */
function subCascadeData(n: number) {
  const cascades = Array.from({ length: n }, (_, i) => ({
    cascade: [`m${i}`, `m${i + 1}`],
    methods: {
      rt: {
        points: [1, 2, 3].map((k) => ({ testCost: 1e-6 * (k + i), testError: 0.3 / (k + 0.1 * i) })),
      },
    },
    auc: { interval: null },
  }));
  const result = {
    models: [],
    cascades,
    singles: [{ model: 'm0', testCost: 1e-6, testError: 0.4 }],
    dominance: [0, 1].map((i) => ({
      costFrom: 1e-6,
      costTo: 2e-6,
      cascade: cascades[i].cascade,
      errorFrom: 0.3,
      errorTo: 0.2,
    })),
    problems: [],
    warnings: [],
    seconds: 0,
  } as unknown as SubCascadeResult;
  return { result, method: 'rt' as const };
}

/** Error rate from 0.4% to 30% over the rejection rate: a log axis crossing two decades. */
function errorRejectionData() {
  const points = (shift: number) =>
    Array.from({ length: 40 }, (_, i) => ({ rejection: i / 40, accuracy: 1 - 0.3 * Math.exp(-(i + shift) / 9) }));
  return {
    series: [0.5, 0.75, 0.9].map((u, k) => ({
      utilization: u,
      label: `u = ${u}`,
      highlighted: k === 0,
      points: points(k),
    })),
    baselineError: 0.05,
  };
}

function clusterData(k: number) {
  const xy: number[] = [];
  const labels: number[] = [];
  for (let c = 0; c < k; c++)
    for (let j = 0; j < 20; j++) {
      xy.push(c + 0.1 * Math.cos(j), (c % 5) + 0.1 * Math.sin(j));
      labels.push(c);
    }
  return { xy, labels, k, xTitle: 'x', yTitle: 'y' };
}

/** Pairs of overlapping label boxes on any axis (boxes must keep 1 px apart). */
function collisions(r: ProbeReport): string[] {
  return Object.entries(r.ticks).flatMap(([axis, ts]) => {
    const sorted = [...ts].sort((a, b) => a.from - b.from);
    return sorted
      .slice(1)
      .flatMap((t, i) => (t.from < sorted[i].to + 1 ? [`${axis}: ${sorted[i].label} / ${t.label}`] : []));
  });
}

describe('chart readability in headless Chromium', { skip }, () => {
  let browser: Browser;
  let page: Page;
  const render = (kind: string, data: unknown, theme: 'dark' | 'light'): Promise<ProbeReport> =>
    page.evaluate(
      ({ kind, data, theme }) =>
        (window as unknown as { probe: { render(k: string, d: unknown, t: string): ProbeReport } }).probe.render(
          kind,
          data,
          theme,
        ),
      { kind, data, theme },
    );

  before(async () => {
    const bundle = await build({
      entryPoints: [join(ROOT, 'test/webview/charts/chartProbe.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      logLevel: 'silent',
    });
    browser = await testBrowser();
    page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    await page.setContent('<div style="width:800px;height:360px;position:relative"><canvas></canvas></div>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
  });
  after(async () => {
    await browser?.close();
  });

  test('16 systems: the four optimal somewhere and one runner-up in the legend, the other 11 folded behind one entry', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const r = await render('rewardCurves', sixteenSystems(), theme);
      assert.ok(r.width > 700, 'laid out');
      assert.ok(r.legend.length <= 8, `legend of ${r.legend.length} entries: ${r.legend.join(' | ')}`);
      // Leaders: A, B, C, D (each has the least loss on a stretch of the axis) and the closest runner-up,
      // A1 (cost ×1.5, error ×1.1 of A: ratio 1.1 at the low end, the smallest of the dominated).
      assert.deepEqual(r.legend, ['A', 'B', 'C', 'D', 'A1', '11 more systems: show']);
      assert.deepEqual(
        r.series.map((s) => s.label),
        ['A', 'B', 'C', 'D', 'A1'],
        'only the leaders are drawn',
      );
      const open = await page.evaluate(() =>
        (window as unknown as { probe: { clickFoldEntry(): ProbeReport } }).probe.clickFoldEntry(),
      );
      assert.equal(open.series.length, 16, 'the fold entry brings back every system');
      assert.equal(open.legend.length, 17);
      assert.equal(open.legend[16], 'Fold the 11 other systems');
      assert.deepEqual(collisions(r), []);
    }
  });

  test('no two series of a chart look the same; every colour stands out from the background', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const bg = FALLBACK_THEME[theme].background;
      for (const [kind, data, n] of [
        ['subCascades', subCascadeData(11), 11],
        ['clusters', clusterData(24), 24],
      ] as const) {
        const r = await render(kind, data, theme);
        const all = kind === 'subCascades' ? await renderAllSubCascades(data, theme) : r.series;
        assert.equal(all.length, n, `${kind}: every series drawn`);
        const keys = all.map((s) => `${s.colour}|${s.dash}|${s.marker}`);
        assert.equal(new Set(keys).size, n, `${kind} (${theme}): colour, dash and marker differ for every series`);
        const colours = [...new Set(all.map((s) => s.colour))];
        for (const c of colours)
          assert.ok(contrastRatio(c, bg) >= MIN_CONTRAST, `${kind} (${theme}): ${c} against ${bg}`);
        // Series of one colour count once; the distinct colours are themselves far apart (ΔE*ab ≥ 20).
        for (let i = 0; i < colours.length; i++)
          for (let j = i + 1; j < colours.length; j++)
            assert.ok(deltaE(colours[i], colours[j]) >= 20, `${colours[i]} vs ${colours[j]}`);
        // The first palette-full of series all have different colours.
        const first = all.slice(0, FALLBACK_THEME[theme].series.length).map((s) => s.colour);
        assert.equal(new Set(first).size, first.length);
        assert.deepEqual(collisions(r), [], `${kind} ticks`);
      }
    }

    /** The sub-cascade chart keeps losers out of the legend ("_" labels): read every curve's style. */
    async function renderAllSubCascades(data: ReturnType<typeof subCascadeData>, theme: 'dark' | 'light') {
      const r = await render(
        'subCascades',
        {
          ...data,
          result: {
            ...data.result,
            dominance: data.result.cascades.map((c) => ({
              costFrom: 1e-6,
              costTo: 2e-6,
              cascade: c.cascade,
              errorFrom: 0.3,
              errorTo: 0.2,
            })),
          },
        },
        theme,
      );
      return r.series.filter((s) => s.label.includes('→'));
    }
  });

  test('log-axis tick labels never overlap (Human in the Loop error axis, loss chart axes)', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const hitl = await render('errorRejection', errorRejectionData(), theme);
      assert.ok(hitl.ticks.y.length >= 3, `error axis labelled: ${hitl.ticks.y.map((t) => t.label).join(' ')}`);
      assert.deepEqual(collisions(hitl), []);
      const loss = await render('rewardCurves', sixteenSystems(), theme);
      assert.ok(loss.ticks.x.length >= 4, `price axis labelled: ${loss.ticks.x.map((t) => t.label).join(' ')}`);
      assert.deepEqual(collisions(loss), []);
    }
  });
});
