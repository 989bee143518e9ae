/**
 * The Clopper–Pearson bound along the threshold scan: upper bound, calibration error and realised
 * test error against calibration coverage, with α and the chosen threshold marked. Pure.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ChartTheme } from './chartTheme';
import { formatPercent, lineChart, lineDataset, seriesColour, type XY } from './lineChartBase';

export interface GuaranteeBoundData {
  alpha: number;
  /** One block per model (one for a single model, two for a cascade). */
  stages: { label: string; chosenCoverage: number | null; points: { coverage: number; upperBound: number; riskCal: number | null; riskTest: number | null }[] }[];
}

export function guaranteeBoundConfig(data: GuaranteeBoundData, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const datasets = data.stages.flatMap((s, i) => {
    const pts = [...s.points].sort((a, b) => a.coverage - b.coverage);
    const colour = seriesColour(theme, 2 * i);
    const out = [lineDataset(theme, `${s.label}: upper bound (1 − δ)`, pts.map((p) => ({ x: p.coverage, y: p.upperBound })), colour, { width: 3 })];
    const cal = pts.filter((p) => p.riskCal !== null);
    if (cal.length) out.push(lineDataset(theme, `${s.label}: calibration error`, cal.map((p) => ({ x: p.coverage, y: p.riskCal as number })), colour, { dashed: true, width: 1 }));
    const test = pts.filter((p) => p.riskTest !== null);
    if (test.length) out.push(lineDataset(theme, `${s.label}: test error`, test.map((p) => ({ x: p.coverage, y: p.riskTest as number })), seriesColour(theme, 2 * i + 1), { width: 1 }));
    if (s.chosenCoverage !== null) out.push(lineDataset(theme, `_${s.label} chosen`, [{ x: s.chosenCoverage, y: 0 }, { x: s.chosenCoverage, y: 1 }], colour, { dashed: true, width: 1 }));
    return out;
  });
  datasets.push(lineDataset(theme, `α = ${data.alpha}`, [{ x: 0, y: data.alpha }, { x: 1, y: data.alpha }], theme.accent, { dashed: true, width: 2 }));
  const top = Math.min(1, Math.max(2.5 * data.alpha, ...data.stages.flatMap((s) => s.points.map((p) => p.riskTest ?? 0))) * 1.05);
  return lineChart(theme, datasets, { title: 'Calibration answers accepted (coverage)', min: 0, max: 1, format: formatPercent }, { title: 'Error rate among accepted answers', min: 0, max: top, format: formatPercent }, (label, p) => `${label}: ${formatPercent(p.y)} at coverage ${formatPercent(p.x)}`);
}

export function guaranteeBoundTable(data: GuaranteeBoundData): { header: string[]; rows: (string | number | null)[][] } {
  return { header: ['stage', 'coverage_cal', 'upper_bound', 'risk_cal', 'risk_test'], rows: data.stages.flatMap((s) => s.points.map((p) => [s.label, p.coverage, p.upperBound, p.riskCal, p.riskTest])) };
}
