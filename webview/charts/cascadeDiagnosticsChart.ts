/** Cascade diagnostics against the deferral rate (thesis Theorem 5, Figure 3.6). Pure. */
import type { ChartConfiguration } from 'chart.js';
import { formatFixed, formatSeconds, formatShare, formatUsd } from '../../src/protocol/format';
import type { CascadeDiagnosticPoint } from '../../src/engines/economics/cascadeDiagnostics';
import type { ChartTheme } from './chartTheme';
import { foldSeries } from './foldSeries';
import { categoryColour, dashFor, formatUsdTick } from './econChartStyle';
import { formatPercent, lineChart, lineDataset, seriesColour, type XY } from './lineChartBase';

export interface CascadeDiagnosticsData {
  cascades: { cascade: string; points: CascadeDiagnosticPoint[] }[];
  /** The cascade whose decomposition, cost and latency are drawn. */
  selected: string;
}

const byDeferral = (pts: CascadeDiagnosticPoint[]) => [...pts].sort((a, b) => a.deferralRate - b.deferralRate);
const selectedOf = (d: CascadeDiagnosticsData) => d.cascades.find((c) => c.cascade === d.selected) ?? d.cascades[0];

/** CER = Cov(1_D, 1_error^small) of every cascade against its deferral rate (Figure 3.6a). */
export function cerConfig(data: CascadeDiagnosticsData, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const datasets = data.cascades.map((c, i) => {
    const d = lineDataset(
      theme,
      c.cascade,
      byDeferral(c.points).map((p) => ({ x: p.deferralRate, y: p.cer })),
      categoryColour(theme, i),
      { width: c.cascade === data.selected ? 3 : 1.5 },
    );
    d.borderDash = dashFor(theme, i);
    return d;
  });
  const cfg = lineChart(
    theme,
    datasets,
    { title: 'Deferral rate p_d', min: 0, max: 1, format: formatPercent },
    { title: 'Cascade error reduction CER = Cov(defer, small wrong)', format: (v) => formatFixed(v, 3) },
    (label, p) => `${label}: CER ${formatFixed(Number(p.y), 4)} at ${formatPercent(p.x)} deferred`,
  );
  foldSeries(cfg, cerLeaders(data), 'cascades', theme.muted);
  return cfg;
}

/** Cascades shown when many are drawn (the selected one among them). */
export const SHOWN_CASCADES = 5;

/** The selected cascade and those reaching the largest CER (the best deferral rules), up to `SHOWN_CASCADES`. */
export function cerLeaders(data: CascadeDiagnosticsData): Set<number> {
  const peak = data.cascades.map((c) =>
    c.points.reduce((m, p) => (Number.isFinite(p.cer) && p.cer > m ? p.cer : m), -Infinity),
  );
  const keep = new Set<number>();
  const selected = data.cascades.findIndex((c) => c.cascade === data.selected);
  if (selected >= 0) keep.add(selected);
  const order = data.cascades.map((_, i) => i).sort((a, b) => peak[b] - peak[a]);
  for (const i of order) if (keep.size < SHOWN_CASCADES) keep.add(i);
  return keep;
}

/** Theorem 5 for one cascade: its error, the random-routing baseline and the two covariances. */
export function decompositionConfig(
  data: CascadeDiagnosticsData,
  theme: ChartTheme,
): ChartConfiguration<'scatter', XY[]> {
  const c = selectedOf(data);
  const pts = byDeferral(c?.points ?? []);
  const line = (label: string, pick: (p: CascadeDiagnosticPoint) => number, i: number, dashed = false) =>
    lineDataset(
      theme,
      label,
      pts.map((p) => ({ x: p.deferralRate, y: pick(p) })),
      seriesColour(theme, i),
      { dashed },
    );
  return lineChart(
    theme,
    [
      line('Cascade error', (p) => p.errorCascade, 0),
      line('Random routing (1 − p_d)·e_small + p_d·e_big', (p) => p.errorRandomRouting, 1, true),
      line('CER = Cov(defer, small wrong)', (p) => p.cer, 2),
      line('Cov(defer, big wrong)', (p) => p.covBig, 3, true),
    ],
    { title: `Deferral rate p_d (${c?.cascade ?? ''})`, min: 0, max: 1, format: formatPercent },
    { title: 'Error rate / covariance', format: formatShare },
    (label, p) => `${label}: ${formatFixed(Number(p.y), 4)} at ${formatPercent(p.x)} deferred`,
  );
}

/** Cost (left axis) and latency (right axis) of one cascade against its deferral rate: both linear (Figure 3.6b-c). */
export function costLatencyConfig(
  data: CascadeDiagnosticsData,
  theme: ChartTheme,
): ChartConfiguration<'scatter', XY[]> {
  const c = selectedOf(data);
  const pts = byDeferral(c?.points ?? []);
  const cost = lineDataset(
    theme,
    'Cost per query ($)',
    pts.map((p) => ({ x: p.deferralRate, y: p.meanCost })),
    seriesColour(theme, 0),
  );
  const lat = {
    ...lineDataset(
      theme,
      'Latency per query (s)',
      pts.map((p) => ({ x: p.deferralRate, y: p.meanLatency })),
      seriesColour(theme, 1),
      { dashed: true },
    ),
    yAxisID: 'y2',
  };
  const cfg = lineChart(
    theme,
    [cost, lat],
    { title: `Deferral rate p_d (${c?.cascade ?? ''})`, min: 0, max: 1, format: formatPercent },
    { title: 'Cost per query ($)', format: formatUsdTick },
    (label, p) =>
      `${label}: ${label.startsWith('Cost') ? formatUsd(p.y) : formatSeconds(p.y)} at ${formatPercent(p.x)} deferred`,
  );
  const font = { family: theme.fontFamily, size: theme.fontSize };
  const scales = (cfg.options?.scales ?? {}) as Record<string, unknown>;
  scales.y2 = {
    type: 'linear',
    position: 'right',
    title: { display: true, text: 'Latency per query (s)', color: theme.muted, font },
    ticks: { color: theme.foreground, font },
    grid: { drawOnChartArea: false },
    border: { color: theme.grid },
  };
  return cfg;
}

export function cascadeDiagnosticsTable(data: CascadeDiagnosticsData): {
  header: string[];
  rows: (string | number)[][];
} {
  return {
    header: [
      'cascade',
      'threshold',
      'deferral_rate',
      'error_small',
      'error_big',
      'cov_defer_error_big',
      'cer',
      'error_cascade',
      'error_random_routing',
      'cost_usd',
      'latency_s',
    ],
    rows: data.cascades.flatMap((c) =>
      c.points.map((p) => [
        c.cascade,
        p.threshold,
        p.deferralRate,
        p.errorSmall,
        p.errorBig,
        p.covBig,
        p.cer,
        p.errorCascade,
        p.errorRandomRouting,
        p.meanCost,
        p.meanLatency,
      ]),
    ),
  };
}
