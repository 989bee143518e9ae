/**
 * Accuracy against cost per query, one point per model, with the Pareto frontier (models no other
 * beats on both axes) joined by a line. Pure: DTO + theme -> Chart.js configuration.
 */
import type { ChartConfiguration, ChartDataset, ScatterDataPoint } from 'chart.js';
import { formatShare, formatUsd } from '../../src/protocol/format';
import { formattedAxis } from './axes';
import { backgroundPlugin } from './backgroundPlugin';
import { isHighContrast, type ChartTheme } from './chartTheme';
import { pointLabelsPlugin } from './pointLabelsPlugin';
import { seriesStyle } from './palette';

export interface AccuracyCostPoint {
  model: string;
  costUsd: number | null;
  accuracy: number;
  onFrontier: boolean;
}

export interface AccuracyCostData {
  points: AccuracyCostPoint[];
}

/** Decades the costs must span before the x axis turns logarithmic. */
const LOG_AXIS_RATIO = 20;

/** The points a chart can place (a model without any cost has no x). */
export const plottable = (d: AccuracyCostData): AccuracyCostPoint[] =>
  d.points.filter((p) => p.costUsd !== null && Number.isFinite(p.costUsd));

/**
 * The two datasets: every model as a point in its series colour (filled when on the frontier), and
 * the Pareto frontier as a line through the filled points, by cost.
 */
function accuracyCostDatasets(
  pts: AccuracyCostPoint[],
  theme: ChartTheme,
): ChartDataset<'scatter', ScatterDataPoint[]>[] {
  const hc = isHighContrast(theme);
  const frontier = pts.filter((p) => p.onFrontier).sort((a, b) => (a.costUsd as number) - (b.costUsd as number));
  const colour = (i: number): string => seriesStyle(theme, i).colour;
  return [
    {
      label: 'Models',
      data: pts.map((p) => ({ x: p.costUsd as number, y: p.accuracy })),
      pointBackgroundColor: pts.map((p, i) => (p.onFrontier ? colour(i) : 'transparent')),
      pointBorderColor: pts.map((_, i) => colour(i)),
      // Past the palette's size a colour comes back with another marker shape.
      pointStyle: pts.map((_, i) => seriesStyle(theme, i).marker),
      pointBorderWidth: 2,
      pointRadius: 6,
      pointHoverRadius: 8,
      order: 0,
    },
    {
      label: 'Pareto frontier (filled points)',
      data: frontier.map((p) => ({ x: p.costUsd as number, y: p.accuracy })),
      showLine: true,
      // A neutral line (the points keep the series colours); the theme's accent in high contrast.
      borderColor: hc ? theme.accent : theme.muted,
      backgroundColor: hc ? theme.accent : theme.muted,
      pointStyle: 'line',
      borderWidth: hc ? 3 : 2,
      borderDash: hc ? [6, 4] : undefined,
      pointRadius: 0,
      pointHoverRadius: 0,
      order: 1,
    },
  ];
}

/** The scatter of accuracy against cost per query, log-scaled on x when the costs span enough decades. */
export function accuracyCostScatterConfig(data: AccuracyCostData, theme: ChartTheme): ChartConfiguration<'scatter'> {
  const pts = plottable(data);
  const costs = pts.map((p) => p.costUsd as number);
  const min = Math.min(...costs);
  const max = Math.max(...costs);
  const logX = pts.length > 1 && min > 0 && max / min >= LOG_AXIS_RATIO;
  const datasets = accuracyCostDatasets(pts, theme);
  const font = { family: theme.fontFamily, size: theme.fontSize };
  const axis = (title: string) => ({
    title: { display: true, text: title, color: theme.muted, font },
    ticks: { color: theme.foreground, font },
    grid: { color: theme.grid },
    border: { color: theme.grid },
  });
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      color: theme.foreground,
      font,
      layout: { padding: { top: 8, right: 16 } },
      scales: {
        x: formattedAxis(theme, logX ? 'Cost per query (USD, log scale)' : 'Cost per query (USD)', logX, formatUsd),
        y: {
          ...axis('Accuracy'),
          suggestedMin: 0,
          suggestedMax: 1,
          ticks: { color: theme.foreground, font, callback: (v) => formatShare(Number(v)) },
        },
      },
      plugins: {
        // Points are labelled by name; the legend only explains the line (filled points lie on it).
        legend: {
          labels: { color: theme.foreground, font, usePointStyle: true, filter: (item) => item.datasetIndex === 1 },
        },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              if (ctx.datasetIndex !== 0) return `frontier: ${formatShare(ctx.parsed.y)} at ${formatUsd(ctx.parsed.x)}`;
              const p = pts[ctx.dataIndex];
              return `${p.model}: accuracy ${formatShare(p.accuracy)}, ${formatUsd(p.costUsd)}/query${p.onFrontier ? ' (on the frontier)' : ''}`;
            },
          },
        },
      },
    },
    plugins: [
      backgroundPlugin(theme.background),
      pointLabelsPlugin(
        0,
        pts.map((p) => p.model),
        theme.foreground,
        `${theme.fontSize}px ${theme.fontFamily}`,
      ),
    ],
  };
}

/** The plotted data as a table (CSV export). */
export function accuracyCostTable(data: AccuracyCostData): {
  header: string[];
  rows: (string | number | boolean | null)[][];
} {
  return {
    header: ['model', 'cost_per_query_usd', 'accuracy', 'on_pareto_frontier'],
    rows: data.points.map((p) => [p.model, p.costUsd, p.accuracy, p.onFrontier]),
  };
}
