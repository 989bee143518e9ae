/**
 * Diagnostics of the Markov-copula model (thesis §2.4 "Practical Guidelines"): one model's fitted
 * marginal against the histogram of its calibrated confidences, point masses at φmin and φmax
 * shaded (Fig. 2.4), and one adjacent pair's copula pseudo-observations against draws of the fitted
 * Gumbel copula (Figs. 2.2–2.3). Pure.
 */
import type { ChartConfiguration } from 'chart.js';
import type { CopulaDiagnostic, MarginalDiagnostic } from '../../src/engines/tuning/cascadeDiagnostics';
import type { ChartTheme } from './chartTheme';
import { bandColour, formatPercent, lineChart, lineDataset, seriesColour, type XY } from './lineChartBase';
import { formatFixed, formatSig } from '../../src/protocol/format';

/** The histogram as a closed step outline (density per unit of φ). */
export function histogramOutline(edges: readonly number[], density: readonly number[]): XY[] {
  const out: XY[] = [];
  density.forEach((d, i) => out.push({ x: edges[i], y: d }, { x: edges[i + 1], y: d }));
  if (!out.length) return out;
  return [{ x: edges[0], y: 0 }, ...out, { x: edges[edges.length - 1], y: 0 }];
}

/** A point mass w drawn as a bar one histogram bin wide (area w, as the histogram's density scale). */
function massBar(at: number, w: number, width: number, side: 'min' | 'max'): XY[] {
  const [a, b] = side === 'min' ? [at, at + width] : [at - width, at];
  const y = w / width;
  return [
    { x: a, y: 0 },
    { x: a, y },
    { x: b, y },
    { x: b, y: 0 },
  ];
}

export function marginalFitConfig(d: MarginalDiagnostic, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const e = d.histogram.edges;
  const width = e.length > 1 ? e[1] - e[0] : 1;
  const hist = lineDataset(
    theme,
    `Histogram (${d.histogram.count.reduce((s, c) => s + c, 0)} queries)`,
    histogramOutline(e, d.histogram.density),
    theme.muted,
    { width: 1, fill: 'origin', fillColour: bandColour(theme, seriesColour(theme, 0)), order: 3 },
  );
  const fit = lineDataset(
    theme,
    'Fitted continuous part (beta mixture)',
    d.density.x.map((x, i) => ({ x, y: d.density.y[i] })),
    theme.accent,
    { width: 2.5, order: 1 },
  );
  const mg = d.marginal;
  const masses = [
    lineDataset(
      theme,
      `Point mass at φmin = ${formatFixed(mg.phiMin, 3)} (w = ${formatPercent(mg.wMin)}; ${formatPercent(d.shareAtMin)} observed)`,
      massBar(mg.phiMin, mg.wMin, width, 'min'),
      seriesColour(theme, 2),
      { width: 2, dashed: true, order: 2 },
    ),
    lineDataset(
      theme,
      `Point mass at φmax = ${formatFixed(mg.phiMax, 3)} (w = ${formatPercent(mg.wMax)}; ${formatPercent(d.shareAtMax)} observed)`,
      massBar(mg.phiMax, mg.wMax, width, 'max'),
      seriesColour(theme, 3),
      { width: 2, dashed: true, order: 2 },
    ),
  ];
  return lineChart(
    theme,
    [hist, fit, ...masses],
    { title: `Calibrated confidence φ of ${d.model}`, format: (v) => formatFixed(v, 2) },
    { title: 'Density', min: 0, format: (v) => formatSig(v, 3) },
    (label, p) => `${label.split(' (')[0]}: ${formatFixed(Number(p.y), 3)} at φ = ${formatFixed(Number(p.x), 3)}`,
  );
}

export function marginalFitTable(d: MarginalDiagnostic): { header: string[]; rows: (string | number)[][] } {
  const rows: (string | number)[][] = d.histogram.density.map((v, i) => [
    'histogram',
    d.histogram.edges[i],
    d.histogram.edges[i + 1],
    v,
    d.histogram.count[i],
  ]);
  d.density.x.forEach((x, i) => rows.push(['fitted_density', x, x, d.density.y[i], '']));
  rows.push(
    ['point_mass_min', d.marginal.phiMin, d.marginal.phiMin, d.marginal.wMin, ''],
    ['point_mass_max', d.marginal.phiMax, d.marginal.phiMax, d.marginal.wMax, ''],
  );
  return { header: ['series', 'phi_from', 'phi_to', 'density_or_mass', 'count'], rows };
}

export function copulaScatterConfig(d: CopulaDiagnostic, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const dots = (label: string, u: number[], v: number[], colour: string, order: number) => ({
    ...lineDataset(
      theme,
      label,
      u.map((x, i) => ({ x, y: v[i] })),
      colour,
      { order },
    ),
    showLine: false,
    pointRadius: 1.6,
    pointHoverRadius: 3,
    backgroundColor: colour,
    borderWidth: 0,
  });
  return lineChart(
    theme,
    [
      dots(
        `Test pseudo-observations (τ = ${formatFixed(d.tauEval, 2)})`,
        d.pseudo.u,
        d.pseudo.v,
        seriesColour(theme, 0),
        1,
      ),
      dots(
        `Gumbel copula draws (θ = ${formatFixed(d.theta, 2)})`,
        d.gumbelSample.u,
        d.gumbelSample.v,
        seriesColour(theme, 1),
        2,
      ),
    ],
    { title: `u = rank of ${d.from}'s φ`, min: 0, max: 1, format: (v) => formatFixed(v, 1) },
    { title: `v = rank of ${d.to}'s φ`, min: 0, max: 1, format: (v) => formatFixed(v, 1) },
    (label, p) => `${label.split(' (')[0]}: (${formatFixed(Number(p.x), 3)}, ${formatFixed(Number(p.y), 3)})`,
  );
}

export function copulaScatterTable(d: CopulaDiagnostic): { header: string[]; rows: (string | number)[][] } {
  return {
    header: ['series', 'u', 'v'],
    rows: [
      ...d.pseudo.u.map((u, i) => ['test', u, d.pseudo.v[i]]),
      ...d.gumbelSample.u.map((u, i) => ['gumbel', u, d.gumbelSample.v[i]]),
    ],
  };
}

/** A heat colour for τ in [−1, 1] over the theme background: transparent at 0, the accent (τ > 0) or second series colour (τ < 0) at |τ| = 1. */
export function tauColour(theme: ChartTheme, tau: number | null): string {
  if (tau === null) return 'transparent';
  const m = /^#([0-9a-f]{6})$/i.exec((tau >= 0 ? seriesColour(theme, 0) : seriesColour(theme, 1)).trim());
  if (!m) return theme.grid;
  const alpha = Math.round(Math.min(1, Math.abs(tau)) * 200 + 20)
    .toString(16)
    .padStart(2, '0');
  return `#${m[1]}${alpha}`;
}
