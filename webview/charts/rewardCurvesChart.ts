/** Expected loss per query against the price of error, one line per system (thesis Figure 3.3). Pure. */
import type { ChartConfiguration } from 'chart.js';
import { formatUsd } from '../../src/protocol/format';
import type { ChartTheme } from './chartTheme';
import { categoryColour, dashFor, formatUsdLogTick } from './econChartStyle';
import { lineChart, lineDataset, type XY } from './lineChartBase';

export interface RewardCurvesData {
  lambdas: number[];
  series: { name: string; loss: number[] }[];
  /** The current price of error (vertical marker) and the recommended system (thicker line). */
  current: number;
  recommended: string;
}

export function rewardCurvesConfig(data: RewardCurvesData, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const datasets = data.series.map((s, i) => {
    const d = lineDataset(
      theme,
      s.name,
      data.lambdas.map((x, j) => ({ x, y: s.loss[j] })).filter((p) => p.y > 0),
      categoryColour(theme, i),
      { width: s.name === data.recommended ? 3.5 : 1.5 },
    );
    d.borderDash = dashFor(theme, i);
    return d;
  });
  const ys = data.series.flatMap((s) => s.loss.filter((v) => v > 0));
  datasets.push(
    lineDataset(
      theme,
      '_current price of error',
      [
        { x: data.current, y: Math.min(...ys) },
        { x: data.current, y: Math.max(...ys) },
      ],
      theme.muted,
      { dashed: true, width: 1 },
    ),
  );
  return lineChart(
    theme,
    datasets,
    {
      title: 'Price of error λ_E ($ per error, log scale)',
      log: true,
      min: data.lambdas[0],
      max: data.lambdas[data.lambdas.length - 1],
      format: formatUsdLogTick,
    },
    { title: 'Expected loss per query −R ($, log scale; lower is better)', log: true, format: formatUsdLogTick },
    (label, p) => `${label}: loss ${formatUsd(p.y)} per query at λ_E = ${formatUsd(p.x)}`,
  );
}

export function rewardCurvesTable(data: RewardCurvesData): { header: string[]; rows: (string | number | null)[][] } {
  return {
    header: ['system', 'price_error_usd', 'expected_reward_usd_per_query'],
    rows: data.series.flatMap((s) => data.lambdas.map((x, j) => [s.name, x, -s.loss[j]])),
  };
}
