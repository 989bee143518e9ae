/** Local linear regression of correctness on output tokens with a ±1σ band (thesis Figure 4.3). Pure. */
import type { ChartConfiguration } from 'chart.js';
import { formatCount, formatShare } from '../../src/protocol/format';
import type { ChartTheme } from './chartTheme';
import { bandColour, lineChart, lineDataset, seriesColour, type XY } from './lineChartBase';

export interface TokenCorrectnessData {
  series: {
    label: string;
    points: { tokens: number; accuracy: number | null; lo: number | null; hi: number | null }[];
  }[];
}

export function tokenCorrectnessConfig(
  data: TokenCorrectnessData,
  theme: ChartTheme,
): ChartConfiguration<'scatter', XY[]> {
  const datasets = data.series.flatMap((s, i) => {
    const colour = seriesColour(theme, i);
    const ok = s.points.filter((p) => p.accuracy !== null && p.lo !== null && p.hi !== null);
    return [
      lineDataset(
        theme,
        `_${s.label} −1σ`,
        ok.map((p) => ({ x: p.tokens, y: p.lo as number })),
        'transparent',
        { width: 0 },
      ),
      lineDataset(
        theme,
        `_${s.label} +1σ`,
        ok.map((p) => ({ x: p.tokens, y: p.hi as number })),
        'transparent',
        { width: 0, fill: '-1', fillColour: bandColour(theme, colour) },
      ),
      lineDataset(
        theme,
        s.label,
        ok.map((p) => ({ x: p.tokens, y: p.accuracy as number })),
        colour,
      ),
    ];
  });
  return lineChart(
    theme,
    datasets,
    { title: 'Output tokens', format: (v) => formatCount(v) },
    { title: 'P(correct | output tokens)', format: formatShare },
    (label, p) => `${label}: ${formatShare(p.y)} at ${formatCount(p.x)} tokens`,
  );
}

export function tokenCorrectnessTable(data: TokenCorrectnessData): {
  header: string[];
  rows: (string | number | null)[][];
} {
  return {
    header: ['model', 'output_tokens', 'p_correct', 'minus_1_sigma', 'plus_1_sigma'],
    rows: data.series.flatMap((s) => s.points.map((p) => [s.label, p.tokens, p.accuracy, p.lo, p.hi])),
  };
}
