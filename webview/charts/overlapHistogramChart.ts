/**
 * Achieved pairwise overlaps against the archetype's bounds (thesis Figure 5.11): counts of cluster
 * pairs per bin of log10(overlap); bins above max_overlap in the accent colour, bins below
 * min_overlap muted (min_overlap bounds each cluster's best neighbour, not every pair).
 */
import type { ChartConfiguration } from 'chart.js';
import type { OverlapHistogram } from '../../src/engines/clusters/achievedOverlaps';
import { backgroundPlugin } from './backgroundPlugin';
import { baseChartOptions, titledAxis } from './axes';
import type { ChartTheme } from './chartTheme';
import { formatScientific, formatSig } from '../../src/protocol/format';

const fmtOverlap = (log10: number) => {
  const v = 10 ** log10;
  return v >= 0.01 ? formatSig(v, 2) : formatScientific(v, 0);
};

export function overlapHistogramConfig(h: OverlapHistogram, theme: ChartTheme): ChartConfiguration<'bar'> {
  const lmax = Math.log10(h.maxOverlap);
  const lmin = Math.log10(h.minOverlap);
  const mids = h.counts.map((_, i) => (h.edges[i] + h.edges[i + 1]) / 2);
  const colour = (m: number) => (m > lmax ? theme.accent : m < lmin ? theme.muted : theme.series[0]);
  return {
    type: 'bar',
    data: {
      labels: mids.map(fmtOverlap),
      datasets: [
        {
          label: 'cluster pairs',
          data: h.counts,
          backgroundColor: mids.map(colour),
          borderColor: mids.map(colour),
          borderWidth: 1,
          barPercentage: 1,
          categoryPercentage: 1,
        },
      ],
    },
    options: {
      ...baseChartOptions(theme),
      scales: {
        x: {
          ...titledAxis(theme, `pairwise overlap (log scale); bounds ${h.minOverlap} – ${h.maxOverlap}`, {
            maxRotation: 0,
            autoSkip: true,
          }),
          grid: { display: false },
        },
        y: { ...titledAxis(theme, 'pairs', { precision: 0 }), beginAtZero: true },
      },
      plugins: { legend: { display: false } },
    },
    plugins: [backgroundPlugin(theme.background)],
  };
}

export function overlapHistogramTable(h: OverlapHistogram): { header: string[]; rows: (string | number | null)[][] } {
  return {
    header: ['overlap_from', 'overlap_to', 'pairs'],
    rows: h.counts.map((c, i) => [10 ** h.edges[i], 10 ** h.edges[i + 1], c]),
  };
}
