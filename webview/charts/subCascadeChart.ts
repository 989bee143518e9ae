/**
 * Every ordered sub-cascade's test error-cost curve (thin), the single models, and the lower
 * envelope: which sub-cascade dominates where on the cost axis (thesis §2.3, the `subCascades`
 * job's dominance segments, drawn thick). Pure.
 */
import type { ChartConfiguration } from 'chart.js';
import type { SubCascadeResult } from '../../src/engines/tuning/subCascades';
import type { TuneMethod } from '../../src/engines/tuning/types';
import { METHOD_LABEL } from '../../src/protocol/cascadeFrontier';
import { formatCascade, formatShare, formatUsdPerQuery } from '../../src/protocol/format';
import { costTick, PER_MILLION } from './cascadeFrontierChart';
import type { ChartTheme } from './chartTheme';
import { lineChart, lineDataset, type XY } from './lineChartBase';
import { seriesStyle } from './palette';
import { pointLabelsPlugin } from './pointLabelsPlugin';

export interface SubCascadeChartData {
  result: SubCascadeResult;
  /** The method whose curves are drawn (the dominance is computed on the first method run). */
  method: TuneMethod;
}

/** A cascade's name in the charts: the formatting module's "a → b". */
export const cascadeName = formatCascade;

export function subCascadeConfig(data: SubCascadeChartData, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const { result, method } = data;
  const dominant = new Set(result.dominance.map((s) => cascadeName(s.cascade)));
  const datasets = result.cascades.map((c, i) => {
    const name = cascadeName(c.cascade);
    const pts = (c.methods[method]?.points ?? [])
      .filter((p) => p.testCost !== null && p.testError !== null)
      .map((p) => ({ x: p.testCost! * PER_MILLION, y: p.testError! }))
      .sort((a, b) => a.x - b.x);
    // Only the sub-cascades that win somewhere get a legend entry (the others would flood it).
    // Past the palette's size a colour comes back dashed, so no two sub-cascades look the same.
    const style = seriesStyle(theme, i);
    const d = lineDataset(theme, dominant.has(name) ? name : `_${name}`, pts, style.colour, {
      width: dominant.has(name) ? 1.5 : 0.8,
      order: 3,
    });
    d.borderDash = style.dash;
    return d;
  });
  const envelope = result.dominance.flatMap((s) => [
    { x: s.costFrom * PER_MILLION, y: s.errorFrom },
    { x: s.costTo * PER_MILLION, y: s.errorTo },
  ]);
  datasets.push(
    lineDataset(theme, 'Lower envelope (best sub-cascade at each cost)', envelope, theme.foreground, {
      width: 4,
      order: 1,
    }),
  );
  const singlesIndex = datasets.length;
  datasets.push({
    label: 'Single models',
    data: result.singles.map((s) => ({ x: s.testCost * PER_MILLION, y: s.testError })),
    showLine: false,
    pointStyle: 'rectRot',
    pointRadius: 7,
    borderColor: theme.foreground,
    backgroundColor: theme.foreground,
    order: 0,
  });
  const xs = datasets.flatMap((d) => d.data.map((p) => Number(p.x))).filter((x) => x > 0);
  const logX = xs.length > 1 && Math.max(...xs) / Math.min(...xs) >= 20;
  const cfg = lineChart(
    theme,
    datasets,
    {
      title: `Test cost per query (USD${logX ? ', log scale' : ''}) — ${METHOD_LABEL[method]}`,
      log: logX,
      format: costTick,
    },
    { title: 'Test error rate', format: formatShare },
    (label, p) =>
      `${label.replace(/^_/, '')}: error ${formatShare(p.y)} at ${formatUsdPerQuery(Number(p.x) / PER_MILLION)}`,
  );
  cfg.plugins = [
    ...(cfg.plugins ?? []),
    pointLabelsPlugin(
      singlesIndex,
      result.singles.map((s) => s.model),
      theme.foreground,
      `${theme.fontSize}px ${theme.fontFamily}`,
    ),
  ];
  return cfg;
}

/** The dominance segments (CSV; $ per query). */
export function subCascadeTable(data: SubCascadeChartData): { header: string[]; rows: (string | number)[][] } {
  return {
    header: ['cost_from_usd_per_query', 'cost_to_usd_per_query', 'cascade', 'error_from', 'error_to'],
    rows: data.result.dominance.map((s) => [s.costFrom, s.costTo, cascadeName(s.cascade), s.errorFrom, s.errorTo]),
  };
}
