/**
 * The chart palette, the log-axis tick choice and the leaders of the many-series charts, in plain
 * Node. Contrast and colour distance are checked against textbook values; the ticks against
 * hand-computed label positions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FALLBACK_THEME } from '../../../webview/charts/chartTheme';
import { cerLeaders } from '../../../webview/charts/cascadeDiagnosticsChart';
import { foldOf } from '../../../webview/charts/foldSeries';
import { chooseLogTicks, dropOverlapping } from '../../../webview/charts/logTicks';
import {
  contrastRatio,
  deltaE,
  MIN_CONTRAST,
  MIN_DELTA_E,
  parseColour,
  seriesPalette,
  seriesStyle,
} from '../../../webview/charts/palette';
import { rewardCurvesConfig, rewardLeaders } from '../../../webview/charts/rewardCurvesChart';
import { assertClose } from '../../helpers/assertClose';

test('contrast and colour distance match their definitions', () => {
  // WCAG: black on white is 21:1; #767676 on white is the classic 4.54:1.
  assertClose(contrastRatio('#000000', '#ffffff'), 21, { abs: 1e-9 }, 'black on white');
  assertClose(contrastRatio('#767676', '#fff'), 4.54, { abs: 0.01 }, 'grey 767676 on white (WebAIM)');
  // CIE76: white to black is ΔE 100 (L* 100 to 0); sRGB red is L* 53.24, a* 80.09, b* 67.20 (Lindbloom).
  assertClose(deltaE('#ffffff', '#000000'), 100, { abs: 0.01 }, 'white to black');
  assertClose(deltaE('#ff0000', '#000000'), Math.hypot(53.24, 80.09, 67.2), { abs: 0.05 }, 'red to black');
  assert.deepEqual(parseColour('rgb(30, 30, 30)'), [30, 30, 30]);
  assert.equal(parseColour('var(--x)'), null);
});

test('palette: every colour stands out from the background and from each other, in every theme', () => {
  for (const t of Object.values(FALLBACK_THEME)) {
    const p = t.series;
    assert.ok(p.length >= 10, `${t.kind}: ${p.length} colours`);
    assert.equal(new Set(p).size, p.length);
    for (const c of p) assert.ok(contrastRatio(c, t.background) >= MIN_CONTRAST, `${t.kind}: ${c}`);
    for (let i = 0; i < p.length; i++)
      for (let j = i + 1; j < p.length; j++) assert.ok(deltaE(p[i], p[j]) >= MIN_DELTA_E, `${p[i]} vs ${p[j]}`);
  }
  // Okabe–Ito blue leads on both dark and light; Okabe–Ito yellow only where it reads (dark).
  assert.equal(FALLBACK_THEME.dark.series[0], '#0072b2');
  assert.ok(FALLBACK_THEME.dark.series.includes('#f0e442'));
  assert.ok(!FALLBACK_THEME.light.series.includes('#f0e442'));
  // A mid-grey background still gets six distinct colours; an unreadable one falls back to dark.
  assert.equal(seriesPalette('#808080').length, 6);
  assert.deepEqual(seriesPalette('not a colour'), FALLBACK_THEME.dark.series);
});

test('series styles: colour, dash and marker never all repeat within four rounds of the palette', () => {
  const t = FALLBACK_THEME.light;
  const n = t.series.length;
  const keys = Array.from({ length: 4 * n }, (_, i) => {
    const s = seriesStyle(t, i);
    return `${s.colour}|${s.dash?.join(',') ?? ''}|${s.marker}`;
  });
  assert.equal(new Set(keys).size, 4 * n);
  assert.deepEqual(seriesStyle(t, n), { colour: t.series[0], dash: [6, 4], marker: 'rect' });
});

test('log ticks: the densest set whose labels keep apart, then decades, never overlapping', () => {
  const line = () => 14; // a vertical axis: every label one 12 px line high
  // 1e-3 … 1 over 300 px: 100 px a decade; 1…9 puts 8 and 9 5 px apart (too close), 1-2-5 fits (centres ≥ 30 px apart).
  assert.deepEqual(chooseLogTicks(1e-3, 1, 300, line), [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
  // The same range over 60 px: 20 px a decade, only decades fit.
  assert.deepEqual(chooseLogTicks(1e-3, 1, 60, line), [0.001, 0.01, 0.1, 1]);
  // Twelve decades over 200 px: decades are 16.7 px apart (< 14 + 4) and 13 ticks (> 12): every 2nd decade.
  assert.deepEqual(chooseLogTicks(1e-6, 1e6, 200, line), [1e-6, 1e-4, 0.01, 1, 100, 1e4, 1e6]);
  // One decade over 400 px: 1…9 fit (9 is 20.5 px above 8).
  assert.deepEqual(chooseLogTicks(0.1, 1, 400, line), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  // Inside one decade without two round values: left to the scale.
  assert.equal(chooseLogTicks(0.12, 0.18, 300, line), null);
  assert.equal(chooseLogTicks(0, 1, 300, line), null);
  // Greedy drop: boxes 10 wide at 0, 8, 20 with gap 4 keep 0 and 20.
  assert.deepEqual(
    dropOverlapping(
      [1, 2, 3],
      (v) => [0, 8, 20][v - 1],
      () => 10,
      4,
    ),
    [1, 3],
  );
});

test('leaders: systems optimal somewhere and the closest runners-up; the rest folded behind one legend entry', () => {
  // Loss = cost + error × λ on λ ∈ {0.001, 0.01, 0.1, 1, 10}. a wins at small λ, c at large, b in between.
  const lambdas = [0.001, 0.01, 0.1, 1, 10];
  const line = (cost: number, error: number) => lambdas.map((l) => cost + error * l);
  const data = {
    lambdas,
    series: [
      { name: 'a', loss: line(0.001, 0.5) },
      { name: 'b', loss: line(0.01, 0.2) },
      { name: 'c', loss: line(0.1, 0.05) },
      { name: 'd', loss: line(0.2, 0.6) }, // never close: at best 5.3× the least loss (λ = 1)
      { name: 'e', loss: line(0.002, 0.55) }, // 1.25× a at λ = 0.01: closest runner-up
      { name: 'f', loss: line(0.02, 0.3) }, // 1.67× b at λ = 0.1: next
      { name: 'g', loss: line(0.5, 0.9) },
    ],
    current: 0.1,
    recommended: 'b',
  };
  // a: λ ≤ 0.01 (0.0015, 0.006); b: λ = 0.1 (0.03); c: λ = 1, 10 (0.15, 0.6); then e and f.
  const keep = rewardLeaders(data);
  assert.deepEqual([...keep].sort(), [0, 1, 2, 4, 5]);
  const cfg = rewardCurvesConfig(data, FALLBACK_THEME.dark);
  const fold = foldOf(cfg);
  assert.ok(fold);
  assert.equal(fold.count, 2);
  assert.equal(fold.label(), '2 more systems: show');
  const ds = cfg.data.datasets as { label?: string; hidden?: boolean }[];
  assert.deepEqual(
    ds.filter((d) => d.hidden).map((d) => d.label),
    ['d', 'g'],
  );
  // Five systems or fewer: nothing to fold.
  assert.equal(
    foldOf(rewardCurvesConfig({ ...data, series: data.series.slice(0, 5) }, FALLBACK_THEME.dark)),
    undefined,
  );
  // CER: the selected cascade and the highest peaks.
  const cascades = [0.01, 0.05, 0.03, 0.02, 0.04, 0.005, 0.06].map((peak, i) => ({
    cascade: `c${i}`,
    points: [{ deferralRate: 0.5, cer: peak }] as never[],
  }));
  assert.deepEqual([...cerLeaders({ cascades, selected: 'c5' })].sort(), [1, 2, 4, 5, 6]);
});
