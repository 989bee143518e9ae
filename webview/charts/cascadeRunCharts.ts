/**
 * The Cascade Runner's live charts, over the online queries processed so far: the cumulative
 * strong-call rate with the weak-kept and overall accuracy, and the strategy repository's size
 * with the cumulative cost (right axis). Pure.
 */
import type { ChartConfiguration } from 'chart.js';
import type { CascadePoint } from '../../src/protocol/cascadeRunner';
import { formatUsd } from '../../src/protocol/format';
import { titledAxis } from './axes';
import type { ChartTheme } from './chartTheme';
import { formatPercent, lineChart, lineDataset, seriesColour, type XY } from './lineChartBase';

export interface CascadeRunChartData {
  points: CascadePoint[];
  /** Online queries in the run (the x axis ends there, so the lines grow while the run goes). */
  total: number;
}

const X_TITLE = 'Online queries processed';
const series = (points: readonly CascadePoint[], pick: (p: CascadePoint) => number | null): XY[] =>
  points.flatMap((p) => (pick(p) === null ? [] : [{ x: p.queries, y: pick(p) as number }]));
const xAxis = (d: CascadeRunChartData) => ({
  title: X_TITLE,
  min: 0,
  max: Math.max(d.total, d.points.at(-1)?.queries ?? 0, 1),
});

export function cascadeRatesConfig(d: CascadeRunChartData, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const points = { points: true };
  return lineChart(
    theme,
    [
      lineDataset(
        theme,
        'Strong-call rate',
        series(d.points, (p) => p.strongCallRate),
        seriesColour(theme, 1),
        { width: 3, ...points },
      ),
      lineDataset(
        theme,
        'Weak model right and kept',
        series(d.points, (p) => p.weakKeptAccuracy),
        seriesColour(theme, 0),
        points,
      ),
      lineDataset(
        theme,
        'Overall accuracy',
        series(d.points, (p) => p.overallAccuracy),
        seriesColour(theme, 3),
        { dashed: true, ...points },
      ),
    ],
    xAxis(d),
    { title: 'Share of queries so far', min: 0, max: 1, format: formatPercent },
    (label, p) => `${label}: ${formatPercent(p.y)} after ${p.x} queries`,
  );
}

export function cascadeRatesTable(d: CascadeRunChartData): { header: string[]; rows: (number | null)[][] } {
  return {
    header: ['queries', 'strong_call_rate', 'weak_kept_accuracy', 'overall_accuracy'],
    rows: d.points.map((p) => [p.queries, p.strongCallRate, p.weakKeptAccuracy, p.overallAccuracy]),
  };
}

export function repositoryCostConfig(d: CascadeRunChartData, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const cost = series(d.points, (p) => p.costUsd);
  const datasets = [
    lineDataset(
      theme,
      'Strategies in the repository',
      series(d.points, (p) => p.repositorySize),
      seriesColour(theme, 2),
      { width: 3, points: true },
    ),
  ];
  if (cost.length)
    datasets.push({
      ...lineDataset(theme, 'Cost so far', cost, seriesColour(theme, 4), { dashed: true, points: true }),
      yAxisID: 'cost',
    } as (typeof datasets)[number]);
  const config = lineChart(theme, datasets, xAxis(d), { title: 'Strategies', min: 0 }, (label, p) =>
    label === 'Cost so far'
      ? `${label}: ${formatUsd(p.y)} after ${p.x} queries`
      : `${label}: ${p.y} after ${p.x} queries`,
  );
  const scales = config.options?.scales as Record<string, unknown>;
  (scales.y as { ticks: { precision?: number } }).ticks.precision = 0;
  if (cost.length)
    scales.cost = {
      type: 'linear',
      position: 'right',
      min: 0,
      ...titledAxis(theme, 'Cost (USD)', { callback: (v: number | string) => formatUsd(Number(v)) }),
      grid: { display: false },
    };
  return config;
}

export function repositoryCostTable(d: CascadeRunChartData): { header: string[]; rows: (number | null)[][] } {
  return {
    header: ['queries', 'repository_size', 'cost_usd'],
    rows: d.points.map((p) => [p.queries, p.repositorySize, p.costUsd]),
  };
}
