/** Accuracy–rejection curves A(r), one line per model (thesis Figure 4.4). Pure. */
import type { ChartConfiguration } from 'chart.js';
import { formatShare } from '../../src/protocol/format';
import type { ChartTheme } from './chartTheme';
import { formatPercent, lineChart, lineDataset, pickablePoints, seriesColour, type XY } from './lineChartBase';

export interface AccuracyRejectionData {
  series: { label: string; auarc: number | null; points: { rejection: number; accuracy: number | null }[] }[];
  /** The AUARC range, marked on the chart. */
  maxRejection: number;
  /** Hears of a click on a curve: the series (index into `series`) and the rejection rate of the point nearest the click. */
  onPick?: (series: number, rejection: number) => void;
}

export function accuracyRejectionConfig(
  data: AccuracyRejectionData,
  theme: ChartTheme,
): ChartConfiguration<'scatter', XY[]> {
  const datasets = data.series.map((s, i) =>
    lineDataset(
      theme,
      `${s.label} (AUARC ${formatShare(s.auarc)})`,
      s.points.map((p) => ({ x: p.rejection, y: p.accuracy as number })).filter((p) => p.y !== null),
      seriesColour(theme, i),
    ),
  );
  const ys = data.series.flatMap((s) => s.points.map((p) => p.accuracy).filter((a): a is number => a !== null));
  const top = Math.max(0, ...ys);
  const low = Math.min(1, ...ys);
  datasets.push(
    lineDataset(
      theme,
      '_AUARC range',
      [
        { x: data.maxRejection, y: low },
        { x: data.maxRejection, y: top },
      ],
      theme.muted,
      { dashed: true, width: 1 },
    ),
  );
  const cfg = lineChart(
    theme,
    datasets,
    { title: 'Rejection rate r (share deferred to a human)', min: 0, format: formatPercent },
    { title: 'Accuracy on accepted queries A(r)', format: formatShare },
    (label, p) => `${label}: A(${formatPercent(p.x)}) = ${formatShare(p.y)}`,
  );
  // The last dataset is the AUARC-range marker, not a curve.
  if (data.onPick) pickablePoints(cfg, data.series.length, data.onPick);
  return cfg;
}

export function accuracyRejectionTable(data: AccuracyRejectionData): {
  header: string[];
  rows: (string | number | null)[][];
} {
  return {
    header: ['model', 'rejection', 'accuracy'],
    rows: data.series.flatMap((s) => s.points.map((p) => [s.label, p.rejection, p.accuracy])),
  };
}
