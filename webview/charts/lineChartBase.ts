/**
 * Shared scaffolding of the line charts of the Human in the Loop and Risk Guarantee views: axis
 * styling from the theme, series colours, and the options every chart sets (no animation, theme
 * background for PNG export). Pure.
 */
import type {
  ActiveElement,
  ChartConfiguration,
  ChartDataset,
  ChartEvent,
  ScaleOptionsByType,
  ScatterDataPoint,
} from 'chart.js';
import { backgroundPlugin } from './backgroundPlugin';
import { baseChartOptions, chartFont, formattedAxis } from './axes';
import { isHighContrast, type ChartTheme } from './chartTheme';

export type XY = ScatterDataPoint;

export interface AxisSpec {
  title: string;
  log?: boolean;
  min?: number;
  max?: number;
  /** Tick label text (a log axis without one shows the plain number). */
  format?: (v: number) => string;
}

export function seriesColour(theme: ChartTheme, i: number): string {
  return theme.series[i % theme.series.length];
}

/** A translucent version of a theme colour for ±σ bands (#rgb/#rrggbb; other forms fall back to the grid colour). */
export function bandColour(theme: ChartTheme, colour: string): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!m) return theme.grid;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return `#${hex}33`;
}

/** A line dataset with the house style (thicker and dashed-where-asked in high contrast). */
export function lineDataset(
  theme: ChartTheme,
  label: string,
  data: XY[],
  colour: string,
  opts: {
    dashed?: boolean;
    width?: number;
    points?: boolean;
    fill?: ChartDataset<'scatter'>['fill'];
    fillColour?: string;
    order?: number;
  } = {},
): ChartDataset<'scatter', XY[]> {
  const hc = isHighContrast(theme);
  return {
    label,
    data,
    showLine: true,
    borderColor: colour,
    backgroundColor: opts.fillColour ?? colour,
    borderWidth: (opts.width ?? 2) + (hc ? 1 : 0),
    borderDash: opts.dashed ? [6, 4] : undefined,
    pointRadius: opts.points ? 3 : 0,
    pointHoverRadius: 4,
    fill: opts.fill ?? false,
    spanGaps: false,
    order: opts.order,
  };
}

/** A scatter-based line chart with themed axes and legend. */
export function lineChart(
  theme: ChartTheme,
  datasets: ChartDataset<'scatter', XY[]>[],
  x: AxisSpec,
  y: AxisSpec,
  tooltip?: (datasetLabel: string, p: XY) => string,
): ChartConfiguration<'scatter', XY[]> {
  const font = chartFont(theme);
  const axis = (a: AxisSpec): ScaleOptionsByType<'linear' | 'logarithmic'> =>
    ({
      min: a.min,
      max: a.max,
      ...formattedAxis(theme, a.title, a.log === true, a.format),
    }) as unknown as ScaleOptionsByType<'linear' | 'logarithmic'>;
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      ...baseChartOptions(theme),
      layout: { padding: { top: 8, right: 16 } },
      scales: { x: axis(x), y: axis(y) },
      plugins: {
        legend: { labels: { color: theme.foreground, font, filter: (item) => !item.text.startsWith('_') } },
        tooltip: tooltip ? { callbacks: { label: (ctx) => tooltip(ctx.dataset.label ?? '', ctx.parsed as XY) } } : {},
      },
    },
    plugins: [backgroundPlugin(theme.background)],
  };
}

/** Percent with one decimal for rejection and coverage axes: 0.075 → "7.5%" (the formatting module's). */
export { formatPercent } from '../../src/protocol/format';

/**
 * Makes the curves of `cfg` clickable: a click calls `pick` with the index of the curve nearest to
 * it (among the first `curves` datasets; the others are markers) and the x of its nearest point.
 */
export function pickablePoints(
  cfg: ChartConfiguration<'scatter', XY[]>,
  curves: number,
  pick: (series: number, x: number) => void,
): void {
  const datasets = cfg.data.datasets;
  cfg.options = {
    ...cfg.options,
    interaction: { mode: 'nearest', intersect: false },
    onClick: (_e: ChartEvent, els: ActiveElement[]) => {
      const el = els.find((e) => e.datasetIndex < curves);
      const x = el ? datasets[el.datasetIndex].data[el.index]?.x : undefined;
      if (el && typeof x === 'number') pick(el.datasetIndex, x);
    },
  };
}
