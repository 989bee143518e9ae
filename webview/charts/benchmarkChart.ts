/**
 * The mock benchmark's scores (thesis Table 5.2): mean AMI and ARI per algorithm as grouped bars,
 * one group per algorithm and shape, with the standard error in the table beside.
 */
import type { ChartConfiguration } from 'chart.js';
import { ALGORITHM_LABELS, type BenchmarkCell } from '../../src/engines/clusters/mockBenchmark';
import { backgroundPlugin } from './backgroundPlugin';
import { baseChartOptions, titledAxis } from './axes';
import type { ChartTheme } from './chartTheme';

export interface BenchmarkChartData {
  cells: BenchmarkCell[];
}

const cellLabel = (c: BenchmarkCell, both: boolean) =>
  `${ALGORITHM_LABELS[c.algorithm]}${both ? (c.convex ? ' (convex)' : ' (non-convex)') : ''}`;

export function benchmarkChartConfig(d: BenchmarkChartData, theme: ChartTheme): ChartConfiguration<'bar'> {
  const both = d.cells.some((c) => c.convex) && d.cells.some((c) => !c.convex);
  return {
    type: 'bar',
    data: {
      labels: d.cells.map((c) => cellLabel(c, both)),
      datasets: [
        {
          label: 'AMI',
          data: d.cells.map((c) => c.ami?.mean ?? null),
          backgroundColor: theme.series[0],
          borderColor: theme.series[0],
        },
        {
          label: 'ARI',
          data: d.cells.map((c) => c.ari?.mean ?? null),
          backgroundColor: theme.series[1],
          borderColor: theme.series[1],
        },
      ],
    },
    options: {
      ...baseChartOptions(theme),
      scales: {
        x: {
          ...titledAxis(theme, 'algorithm (HDBSCAN: non-noise points only)', { maxRotation: 0, autoSkip: false }),
          grid: { display: false },
        },
        y: { ...titledAxis(theme, 'score (1 = the true clusters)'), suggestedMin: 0, suggestedMax: 1 },
      },
    },
    plugins: [backgroundPlugin(theme.background)],
  };
}

export function benchmarkChartTable(d: BenchmarkChartData): { header: string[]; rows: (string | number | null)[][] } {
  return {
    header: ['archetype', 'algorithm', 'shape', 'ami_mean', 'ami_se', 'ari_mean', 'ari_se', 'noise_share', 'runs'],
    rows: d.cells.map((c) => [
      c.archetype,
      c.algorithm,
      c.convex ? 'convex' : 'nonconvex',
      c.ami?.mean ?? null,
      c.ami?.se ?? null,
      c.ari?.mean ?? null,
      c.ari?.se ?? null,
      c.noise?.mean ?? null,
      c.runs,
    ]),
  };
}
