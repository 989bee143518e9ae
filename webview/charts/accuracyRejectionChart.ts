/** Accuracy–rejection curves A(r), one line per model (thesis Figure 4.4). Pure. */
import type { ActiveElement, ChartConfiguration, ChartEvent } from 'chart.js';
import { formatShare } from '../../src/protocol/format';
import type { ChartTheme } from './chartTheme';
import { formatPercent, lineChart, lineDataset, seriesColour, type XY } from './lineChartBase';

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
  const pick = data.onPick;
  if (pick)
    cfg.options = {
      ...cfg.options,
      interaction: { mode: 'nearest', intersect: false },
      onClick: (_e: ChartEvent, els: ActiveElement[]) => {
        // The last dataset is the AUARC-range marker, not a curve.
        const el = els.find((e) => e.datasetIndex < data.series.length);
        const x = el ? datasets[el.datasetIndex].data[el.index]?.x : undefined;
        if (el && typeof x === 'number') pick(el.datasetIndex, x);
      },
    };
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
