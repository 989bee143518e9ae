/**
 * Browser entry the chart readability test bundles with esbuild: draws one chart config with the
 * real Chart.js build of the views and reports what a reader sees (legend entries, the style of
 * every visible series, every tick label's box along its axis). Not a test file itself.
 */
import type { ChartConfiguration } from 'chart.js';
import { FALLBACK_THEME, type ThemeKind } from '../../../webview/charts/chartTheme';
import { clusterScatterConfig, type ClusterScatterData } from '../../../webview/charts/clusterScatter';
import { errorRejectionConfig, type ErrorRejectionData } from '../../../webview/charts/errorRejectionLogChart';
import { rewardCurvesConfig, type RewardCurvesData } from '../../../webview/charts/rewardCurvesChart';
import { subCascadeConfig, type SubCascadeChartData } from '../../../webview/charts/subCascadeChart';
import { Chart } from '../../../webview/ui/chartJs';

/** What a drawn chart shows. */
export interface ProbeReport {
  legend: string[];
  /** Visible series with a legend-worthy label: colour, dash and marker. */
  series: { label: string; colour: string; dash: string; marker: string }[];
  /** Per axis, every non-empty tick label and its extent along the axis in pixels. */
  ticks: Record<string, { label: string; from: number; to: number }[]>;
  /** Canvas pixel width (sanity check that the chart was laid out). */
  width: number;
}

const CONFIGS = {
  rewardCurves: (d: unknown, k: ThemeKind) => rewardCurvesConfig(d as RewardCurvesData, FALLBACK_THEME[k]),
  errorRejection: (d: unknown, k: ThemeKind) => errorRejectionConfig(d as ErrorRejectionData, FALLBACK_THEME[k]),
  subCascades: (d: unknown, k: ThemeKind) => subCascadeConfig(d as SubCascadeChartData, FALLBACK_THEME[k]),
  clusters: (d: unknown, k: ThemeKind) => clusterScatterConfig(d as ClusterScatterData, FALLBACK_THEME[k]),
};

let chart: Chart | undefined;

function report(): ProbeReport {
  const c = chart as Chart;
  const ticks: ProbeReport['ticks'] = {};
  for (const [id, scale] of Object.entries(c.scales)) {
    const font = (
      scale as unknown as { _resolveTickFontOptions(i: number): { string: string; lineHeight: number } }
    )._resolveTickFontOptions(0);
    c.ctx.save();
    c.ctx.font = font.string;
    ticks[id] = scale.ticks.flatMap((t, i) => {
      const label = Array.isArray(t.label) ? t.label.join(' ') : String(t.label ?? '');
      if (label === '') return [];
      const pos = scale.getPixelForTick(i);
      const half = (scale.isHorizontal() ? c.ctx.measureText(label).width : font.lineHeight) / 2;
      return [{ label, from: pos - half, to: pos + half }];
    });
    c.ctx.restore();
  }
  const style = (v: unknown): string => (Array.isArray(v) ? v.join(',') : String(v ?? ''));
  return {
    legend: (c.legend?.legendItems ?? []).map((i) => i.text),
    series: c.data.datasets.flatMap((d, i) =>
      c.isDatasetVisible(i) && d.data.length > 0 && !(d.label ?? '').startsWith('_')
        ? [
            {
              label: d.label ?? '',
              colour: style(d.borderColor),
              dash: style((d as { borderDash?: unknown }).borderDash),
              marker: style((d as { pointStyle?: unknown }).pointStyle ?? 'circle'),
            },
          ]
        : [],
    ),
    ticks,
    width: c.width,
  };
}

const probe = {
  /** Draws chart `kind` from `data` in theme `theme` on the page's canvas. */
  render(kind: keyof typeof CONFIGS, data: unknown, theme: ThemeKind): ProbeReport {
    chart?.destroy();
    const cfg = CONFIGS[kind](data, theme) as ChartConfiguration;
    chart = new Chart(document.querySelector('canvas') as HTMLCanvasElement, cfg);
    return report();
  },
  /** Clicks the fold entry of the legend, as a user would, and reports again. */
  clickFoldEntry(): ProbeReport {
    const c = chart as Chart;
    const item = (c.legend?.legendItems ?? []).find((i) => /more|Fold/.test(i.text));
    if (!item) throw new Error('no fold entry in the legend');
    const onClick = c.options.plugins?.legend?.onClick as unknown as (e: unknown, i: unknown, l: unknown) => void;
    onClick.call(c.legend, null, item, c.legend);
    return report();
  },
};

(window as unknown as { probe: typeof probe }).probe = probe;
