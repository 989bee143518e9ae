/** Every operating point by cost and error rate; the Pareto set over (error, cost, latency, abstention) filled, the economic optimum starred. Pure. */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { formatSeconds, formatShare, formatSig, formatSystemName, formatUsd } from '../../src/protocol/format';
import type { ParetoEntry } from '../../src/engines/economics/candidatePareto';
import { backgroundPlugin } from './backgroundPlugin';
import { baseChartOptions, chartFont, formattedAxis } from './axes';
import type { ChartTheme } from './chartTheme';
import { formatUsdTick } from './econChartStyle';

export interface EconParetoData {
  entries: ParetoEntry[];
}

type Pt = { x: number; y: number; e: ParetoEntry };

export function econParetoConfig(data: EconParetoData, theme: ChartTheme): ChartConfiguration<'scatter', Pt[]> {
  const pts = data.entries.filter((e) => e.cost > 0).map((e) => ({ x: e.cost, y: e.error, e }));
  const font = chartFont(theme);
  const set = (
    label: string,
    rows: Pt[],
    colour: string,
    filled: boolean,
    radius: number,
    style: 'circle' | 'star' = 'circle',
  ): ChartDataset<'scatter', Pt[]> => ({
    label,
    data: rows,
    pointStyle: style,
    pointRadius: radius,
    pointHoverRadius: radius + 2,
    pointBorderColor: colour,
    pointBackgroundColor: filled ? colour : 'transparent',
    pointBorderWidth: style === 'star' ? 3 : 1.5,
    borderColor: colour,
    backgroundColor: colour,
  });
  return {
    type: 'scatter',
    data: {
      datasets: [
        set(
          'Economic optimum at your prices',
          pts.filter((p) => p.e.optimum),
          theme.accent,
          false,
          12,
          'star',
        ),
        set(
          'Pareto-optimal (error, cost, latency, abstention)',
          pts.filter((p) => p.e.pareto && !p.e.optimum),
          theme.series[0],
          true,
          4,
        ),
        set(
          'Dominated',
          pts.filter((p) => !p.e.pareto && !p.e.optimum),
          theme.muted,
          false,
          3,
        ),
      ],
    },
    options: {
      ...baseChartOptions(theme),
      scales: {
        x: formattedAxis(theme, 'Cost per query ($, log scale)', true, formatUsdTick),
        y: formattedAxis(theme, 'Error rate (test split)', false, formatShare),
      },
      plugins: {
        legend: { labels: { color: theme.foreground, font, usePointStyle: true } },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const e = (ctx.raw as Pt).e;
              const t = e.thresholds.length
                ? ` (threshold ${e.thresholds.map((x) => formatSig(x, 3)).join(', ')})`
                : '';
              return `${formatSystemName(e.candidate)}${t}: error ${formatShare(e.error)}, ${formatUsd(e.cost)}, ${formatSeconds(e.latency)}${e.abstain > 0 ? `, abstains ${formatShare(e.abstain)}` : ''}`;
            },
          },
        },
      },
    },
    plugins: [backgroundPlugin(theme.background)],
  };
}

export function econParetoTable(data: EconParetoData): { header: string[]; rows: (string | number | boolean)[][] } {
  return {
    header: [
      'system',
      'operating_point',
      'thresholds',
      'error_rate',
      'cost_usd',
      'latency_s',
      'abstention_rate',
      'pareto_optimal',
      'economic_optimum',
    ],
    rows: data.entries.map((e) => [
      e.candidate,
      e.point,
      e.thresholds.join(' '),
      e.error,
      e.cost,
      e.latency,
      e.abstain,
      e.pareto,
      e.optimum,
    ]),
  };
}
