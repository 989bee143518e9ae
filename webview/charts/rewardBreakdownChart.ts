/** The leading systems' expected loss per query split into cost, latency, errors and abstentions (eq. 3.10). Pure. */
import type { ChartConfiguration } from 'chart.js';
import { formatSystemName, formatUsd } from '../../src/protocol/format';
import { WRAP_BELOW_PX, wrapLabel } from './wrapLabel';
import { backgroundPlugin } from './backgroundPlugin';
import { baseChartOptions, chartFont, titledAxis } from './axes';
import type { ChartTheme } from './chartTheme';

export interface RewardBreakdownData {
  rows: { name: string; breakdown: { cost: number; latency: number; error: number; abstain: number } }[];
}

const PARTS = [
  ['cost', 'Dollar cost'],
  ['latency', 'Latency × λ_L'],
  ['error', 'Errors × λ_E'],
  ['abstain', 'Abstentions × λ_A'],
] as const;

export function rewardBreakdownConfig(data: RewardBreakdownData, theme: ChartTheme): ChartConfiguration<'bar'> {
  const font = chartFont(theme);
  return {
    type: 'bar',
    data: {
      labels: data.rows.map((r) => formatSystemName(r.name)),
      datasets: PARTS.map(([key, label], i) => ({
        label,
        data: data.rows.map((r) => r.breakdown[key]),
        backgroundColor: theme.series[i % theme.series.length],
        borderWidth: 0,
      })),
    },
    options: {
      indexAxis: 'y',
      ...baseChartOptions(theme),
      scales: {
        x: {
          stacked: true,
          ...titledAxis(theme, 'Expected loss per query ($)', {
            callback: (v: number | string) => formatUsd(Number(v)),
          }),
        },
        y: {
          stacked: true,
          ticks: {
            color: theme.foreground,
            font,
            // In a narrow editor a long system name is wrapped at its break points rather than cut off at the canvas edge.
            callback(value) {
              const label = this.getLabelForValue(Number(value));
              return this.chart.width < WRAP_BELOW_PX ? wrapLabel(label) : label;
            },
          },
          grid: { display: false },
          border: { color: theme.grid },
        },
      },
      plugins: {
        legend: { labels: { color: theme.foreground, font } },
        tooltip: {
          callbacks: { label: (ctx) => `${ctx.dataset.label}: ${formatUsd(Number(ctx.parsed.x))} per query` },
        },
      },
    },
    plugins: [backgroundPlugin(theme.background)],
  };
}

export function rewardBreakdownTable(data: RewardBreakdownData): { header: string[]; rows: (string | number)[][] } {
  return {
    header: ['system', 'cost_usd', 'latency_usd', 'error_usd', 'abstention_usd', 'expected_reward_usd'],
    rows: data.rows.map((r) => [
      formatSystemName(r.name),
      r.breakdown.cost,
      r.breakdown.latency,
      r.breakdown.error,
      r.breakdown.abstain,
      -(r.breakdown.cost + r.breakdown.latency + r.breakdown.error + r.breakdown.abstain),
    ]),
  };
}
