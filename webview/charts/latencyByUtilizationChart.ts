/** Mean system latency against utilisation: eq. 4.2's naive expectation against the actual "Fail Fast, or Ask" latency. Pure. */
import type { ChartConfiguration } from 'chart.js';
import { formatSeconds } from '../../src/protocol/format';
import type { ChartTheme } from './chartTheme';
import { formatPercent, lineChart, lineDataset, seriesColour, type XY } from './lineChartBase';

export interface LatencyByUtilizationData {
  points: { utilization: number; naiveLatencyS: number; actualLatencyS: number }[];
  /** Latency of "Ask" (reasoning model alone), for reference. */
  askLatencyS: number | null;
  /** The slider's utilisation, marked. */
  current: number;
}

export function latencyByUtilizationConfig(
  data: LatencyByUtilizationData,
  theme: ChartTheme,
): ChartConfiguration<'scatter', XY[]> {
  const datasets = [
    lineDataset(
      theme,
      'Actual',
      data.points.map((p) => ({ x: p.utilization, y: p.actualLatencyS })),
      seriesColour(theme, 0),
      { points: true },
    ),
    lineDataset(
      theme,
      'Naive expectation (eq. 4.2)',
      data.points.map((p) => ({ x: p.utilization, y: p.naiveLatencyS })),
      seriesColour(theme, 1),
      { dashed: true },
    ),
  ];
  const ys = data.points.flatMap((p) => [p.naiveLatencyS, p.actualLatencyS]);
  if (ys.length)
    datasets.push(
      lineDataset(
        theme,
        '_current utilisation',
        [
          { x: data.current, y: Math.min(...ys) },
          { x: data.current, y: Math.max(...ys) },
        ],
        theme.accent,
        { width: 1, dashed: true },
      ),
    );
  if (data.askLatencyS !== null && data.points.length)
    datasets.push(
      lineDataset(
        theme,
        '"Ask" (reasoning model alone)',
        [
          { x: 0, y: data.askLatencyS },
          { x: Math.max(...data.points.map((p) => p.utilization)), y: data.askLatencyS },
        ],
        theme.muted,
        { dashed: true, width: 1 },
      ),
    );
  return lineChart(
    theme,
    datasets,
    { title: 'Utilisation u of the non-reasoning model', min: 0, max: 1, format: formatPercent },
    { title: 'Mean latency per query', format: (v) => formatSeconds(v) },
    (label, p) => `${label}: ${formatSeconds(p.y)} at u = ${formatPercent(p.x)}`,
  );
}

export function latencyByUtilizationTable(data: LatencyByUtilizationData): { header: string[]; rows: number[][] } {
  return {
    header: ['utilization', 'naive_latency_s', 'actual_latency_s'],
    rows: data.points.map((p) => [p.utilization, p.naiveLatencyS, p.actualLatencyS]),
  };
}
