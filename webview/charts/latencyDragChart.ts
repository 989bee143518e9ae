/**
 * Latency drag (thesis §4.4, Figure 4.2): the reasoning model's mean latency (±1 s.e.) per
 * confidence-percentile bin of the non-reasoning model, against its overall mean. Pure.
 */
import type { ChartConfiguration } from 'chart.js';
import { formatSeconds } from '../../src/protocol/format';
import type { ChartTheme } from './chartTheme';
import { bandColour, formatPercent, lineChart, lineDataset, seriesColour, type XY } from './lineChartBase';

export interface LatencyDragData {
  fast: string;
  reasoning: string;
  bins: { lo: number; hi: number; meanLatencyS: number | null; se: number | null }[];
  meanReasoningLatencyS: number | null;
}

const mid = (b: { lo: number; hi: number }) => (b.lo + b.hi) / 2;

export function latencyDragConfig(data: LatencyDragData, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const ok = data.bins.filter((b) => b.meanLatencyS !== null);
  const colour = seriesColour(theme, 0);
  const band = (sign: 1 | -1) => ok.map((b) => ({ x: mid(b), y: (b.meanLatencyS as number) + sign * (b.se ?? 0) }));
  const datasets = [
    lineDataset(theme, '_−1 s.e.', band(-1), 'transparent', { width: 0 }),
    lineDataset(theme, '_+1 s.e.', band(1), 'transparent', {
      width: 0,
      fill: '-1',
      fillColour: bandColour(theme, colour),
    }),
    lineDataset(
      theme,
      `${data.reasoning} latency`,
      ok.map((b) => ({ x: mid(b), y: b.meanLatencyS as number })),
      colour,
      { points: true },
    ),
  ];
  if (data.meanReasoningLatencyS !== null)
    datasets.push(
      lineDataset(
        theme,
        `${data.reasoning} mean over all queries`,
        [
          { x: 0, y: data.meanReasoningLatencyS },
          { x: 1, y: data.meanReasoningLatencyS },
        ],
        theme.muted,
        { dashed: true, width: 1 },
      ),
    );
  return lineChart(
    theme,
    datasets,
    { title: `${data.fast} confidence percentile (0 = least confident)`, min: 0, max: 1, format: formatPercent },
    { title: `${data.reasoning} mean latency`, format: (v) => formatSeconds(v) },
    (label, p) => `${label}: ${formatSeconds(p.y)} at percentile ${formatPercent(p.x)}`,
  );
}

export function latencyDragTable(data: LatencyDragData): { header: string[]; rows: (number | null)[][] } {
  return {
    header: ['percentile_lo', 'percentile_hi', 'reasoning_mean_latency_s', 'standard_error_s'],
    rows: data.bins.map((b) => [b.lo, b.hi, b.meanLatencyS, b.se]),
  };
}
