/**
 * A generated data set as a scatter, one colour (and past the palette, marker) per cluster (2-D data directly, higher dimensions on
 * their first two principal components). Pure: DTO + theme -> Chart.js configuration.
 */
import type { ChartConfiguration, ChartDataset, ScatterDataPoint } from 'chart.js';
import { backgroundPlugin } from './backgroundPlugin';
import { baseChartOptions, chartFont, titledAxis } from './axes';
import type { ChartTheme } from './chartTheme';
import { seriesStyle } from './palette';

export interface ClusterScatterData {
  /** Row-major 2-D coordinates. */
  xy: number[];
  labels: number[];
  k: number;
  xTitle: string;
  yTitle: string;
}

export function clusterScatterConfig(data: ClusterScatterData, theme: ChartTheme): ChartConfiguration<'scatter'> {
  const byCluster: ScatterDataPoint[][] = Array.from({ length: data.k }, () => []);
  for (let i = 0; i < data.labels.length; i++)
    byCluster[data.labels[i]]?.push({ x: data.xy[2 * i], y: data.xy[2 * i + 1] });
  const small = data.labels.length > 5000;
  // Past the palette's size a colour comes back with another marker shape (palette.ts).
  const datasets: ChartDataset<'scatter', ScatterDataPoint[]>[] = byCluster.map((pts, c) => {
    const style = seriesStyle(theme, c);
    return {
      label: `cluster ${c} (${pts.length})`,
      data: pts,
      backgroundColor: style.colour,
      borderColor: style.colour,
      pointStyle: style.marker,
      pointRadius: small ? 1.6 : 2.6,
      pointHoverRadius: 4,
    };
  });
  const font = chartFont(theme);
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      ...baseChartOptions(theme),
      parsing: false,
      normalized: true,
      scales: { x: titledAxis(theme, data.xTitle), y: titledAxis(theme, data.yTitle) },
      plugins: {
        legend: { display: data.k <= 16, labels: { color: theme.foreground, font, usePointStyle: true, boxWidth: 8 } },
        tooltip: { enabled: !small },
      },
    },
    plugins: [backgroundPlugin(theme.background)],
  };
}

export function clusterScatterTable(data: ClusterScatterData): {
  header: string[];
  rows: (string | number | null)[][];
} {
  return {
    header: [data.xTitle, data.yTitle, 'label'],
    rows: data.labels.map((l, i) => [data.xy[2 * i], data.xy[2 * i + 1], l]),
  };
}
