/**
 * Error rate 1 − A(r) against the rejection rate on a log scale, one line per utilisation of the
 * non-reasoning model (thesis Figure 4.5), with the reasoning model's error without rejection. Pure.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ChartTheme } from './chartTheme';
import { formatPercent, lineChart, lineDataset, pickablePoints, seriesColour, type XY } from './lineChartBase';

export interface ErrorRejectionData {
  series: {
    utilization: number;
    label: string;
    highlighted: boolean;
    points: { rejection: number; accuracy: number | null }[];
  }[];
  /** The reasoning model's error rate without rejection (dashed reference line). */
  baselineError: number | null;
  /** Hears of a click on a curve: the series (index into `series`) and the rejection rate of the point nearest the click. */
  onPick?: (series: number, rejection: number) => void;
}

/** Points with a positive error (zero cannot sit on a log axis; such points are left out). */
export const errorPoints = (points: { rejection: number; accuracy: number | null }[]): XY[] =>
  points
    .filter((p) => p.accuracy !== null && p.accuracy < 1)
    .map((p) => ({ x: p.rejection, y: 1 - (p.accuracy as number) }));

export function errorRejectionConfig(data: ErrorRejectionData, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const datasets = data.series.map((s, i) =>
    lineDataset(theme, s.label, errorPoints(s.points), seriesColour(theme, i), {
      width: s.highlighted ? 4 : 2,
      points: s.highlighted,
    }),
  );
  const xs = data.series.flatMap((s) => s.points.map((p) => p.rejection));
  if (data.baselineError !== null && data.baselineError > 0 && xs.length)
    datasets.push(
      lineDataset(
        theme,
        'Reasoning model alone, no rejection',
        [
          { x: Math.min(...xs), y: data.baselineError },
          { x: Math.max(...xs), y: data.baselineError },
        ],
        theme.muted,
        { dashed: true, width: 1 },
      ),
    );
  const cfg = lineChart(
    theme,
    datasets,
    { title: 'Overall rejection rate (share sent to the human)', min: 0, format: formatPercent },
    { title: 'Error rate on answered queries (log scale)', log: true, format: formatPercent },
    (label, p) => `${label}: error ${formatPercent(p.y)} at ${formatPercent(p.x)} rejected`,
  );
  // The baseline after the curves is a marker, not a curve.
  if (data.onPick) pickablePoints(cfg, data.series.length, data.onPick);
  return cfg;
}

export function errorRejectionTable(data: ErrorRejectionData): {
  header: string[];
  rows: (string | number | null)[][];
} {
  return {
    header: ['configuration', 'utilization', 'rejection', 'accuracy', 'error'],
    rows: data.series.flatMap((s) =>
      s.points.map((p) => [
        s.label,
        s.utilization,
        p.rejection,
        p.accuracy,
        p.accuracy === null ? null : 1 - p.accuracy,
      ]),
    ),
  };
}
