/**
 * Expected loss per query against the price of error, one line per system (thesis Figure 3.3); with
 * many systems, the leaders are shown and the rest folded behind one legend entry. Pure.
 */
import type { ChartConfiguration } from 'chart.js';
import { formatSystemName, formatUsd } from '../../src/protocol/format';
import type { ChartTheme } from './chartTheme';
import { categoryColour, dashFor, formatUsdTick } from './econChartStyle';
import { foldSeries } from './foldSeries';
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
      formatSystemName(s.name),
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
  const cfg = lineChart(
    theme,
    datasets,
    {
      title: 'Price of error λ_E ($ per error, log scale)',
      log: true,
      min: data.lambdas[0],
      max: data.lambdas[data.lambdas.length - 1],
      format: formatUsdTick,
    },
    { title: 'Expected loss per query −R ($, log scale; lower is better)', log: true, format: formatUsdTick },
    (label, p) => `${label}: loss ${formatUsd(p.y)} per query at λ_E = ${formatUsd(p.x)}`,
  );
  foldSeries(cfg, rewardLeaders(data), 'systems', theme.muted);
  return cfg;
}

/** Systems shown when many are drawn: every leader, and runners-up until there are this many. */
export const SHOWN_SYSTEMS = 5;

/**
 * The indices of the systems worth showing: the recommended one, every system with the least
 * loss at some price on the axis, then the systems that come closest to the least loss (smallest
 * worst ratio loss / least loss over the axis) until there are `SHOWN_SYSTEMS`.
 */
export function rewardLeaders(data: RewardCurvesData): Set<number> {
  const n = data.series.length;
  const keep = new Set<number>();
  const rec = data.series.findIndex((s) => s.name === data.recommended);
  if (rec >= 0) keep.add(rec);
  const least = data.lambdas.map((_, j) => {
    let best = -1;
    for (let i = 0; i < n; i++) {
      const v = data.series[i].loss[j];
      if (Number.isFinite(v) && (best < 0 || v < data.series[best].loss[j])) best = i;
    }
    if (best >= 0) keep.add(best);
    return best < 0 ? NaN : data.series[best].loss[j];
  });
  // How far each system stays from the least loss at its closest price (1 = optimal somewhere).
  const closeness = data.series.map((s) => {
    let r = Infinity;
    s.loss.forEach((v, j) => {
      if (Number.isFinite(v) && least[j] > 0) r = Math.min(r, v / least[j]);
    });
    return r;
  });
  const order = data.series.map((_, i) => i).sort((a, b) => closeness[a] - closeness[b]);
  for (const i of order) if (keep.size < SHOWN_SYSTEMS && Number.isFinite(closeness[i])) keep.add(i);
  return keep;
}

export function rewardCurvesTable(data: RewardCurvesData): { header: string[]; rows: (string | number | null)[][] } {
  return {
    header: ['system', 'price_error_usd', 'expected_reward_usd_per_query'],
    rows: data.series.flatMap((s) => data.lambdas.map((x, j) => [formatSystemName(s.name), x, -s.loss[j]])),
  };
}
