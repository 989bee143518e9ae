/**
 * Error against cost per query of one tuned cascade (thesis Fig. 2.5a): per method the
 * model-predicted frontier (dashed) and the test-empirical curve (solid, with its bootstrap band),
 * the single models as labelled points, and the chosen operating point ringed. Hovering snaps to the
 * nearest point; its tooltip lists the thresholds and each model's share of answered queries. Pure.
 */
import type { ActiveElement, ChartConfiguration, ChartEvent, TooltipItem } from 'chart.js';
import { METHOD_LABEL } from '../../src/protocol/cascadeFrontier';
import { formatFixed, formatShare, formatUsdPerQuery, formatUsdTick } from '../../src/protocol/format';
import {
  chosenPointDataset,
  methodDatasets,
  PER_MILLION,
  singlesDataset,
  type FrontierMethodData,
  type PointRef,
  type SingleModelPoint,
  type Tagged,
} from './cascadeFrontierDatasets';
import type { ChartTheme } from './chartTheme';
import { formatPercent, lineChart, type XY } from './lineChartBase';
import { pointLabelsPlugin } from './pointLabelsPlugin';

export { PER_MILLION, type FrontierMethodData, type PointRef } from './cascadeFrontierDatasets';

/** A cost-axis tick: the x scale is in dollars per million queries, the label in dollars per query ("$0.00057"). */
export const costTick = (v: number): string => formatUsdTick(v / PER_MILLION);

export interface FrontierChartData {
  cascade: string[];
  methods: FrontierMethodData[];
  /** Each model alone on the test split ($ per query, error rate). */
  singles: SingleModelPoint[];
  selected: PointRef | null;
  onHover?(ref: PointRef | null): void;
  onPick?(ref: PointRef): void;
}

/** Lines describing one operating point: where it is, its thresholds, who answers. */
export function describePoint(data: Pick<FrontierChartData, 'cascade' | 'methods'>, ref: PointRef): string[] {
  const m = data.methods.find((x) => x.method === ref.method);
  const p = m?.points[ref.index];
  if (!p) return [];
  const k = data.cascade.length;
  const lines = [
    `${METHOD_LABEL[ref.method]} #${ref.index + 1}: predicted error ${formatShare(p.expectedError)} at ${formatUsdPerQuery(p.expectedCost)}; test ${p.testError === null ? 'not scored' : `error ${formatShare(p.testError)} at ${formatUsdPerQuery(p.testCost)}`}`,
    `thresholds: ${p.thresholds.map((t, i) => `${data.cascade[i]} answers if φ > ${formatFixed(t, 4)}`).join('; ')}${k > 1 ? `; else ${data.cascade[k - 1]}` : ''}`,
  ];
  const shares = ref.curve === 'test' && p.testShares ? p.testShares : p.expectedShares;
  lines.push(
    `answered (${ref.curve === 'test' && p.testShares ? 'test' : 'predicted'}): ${shares.map((s, i) => `${data.cascade[i]} ${formatPercent(s)}`).join(', ')}`,
  );
  return lines;
}

/** Hovering reports the nearest plotted point's frontier point (null for a single model or none); clicking one picks it. */
function reportPoints(cfg: ChartConfiguration<'scatter', XY[]>, data: FrontierChartData): void {
  const datasets = cfg.data.datasets;
  const refAt = (els: ActiveElement[]): PointRef | null => {
    const el = els[0];
    return el ? ((datasets[el.datasetIndex]?.data[el.index] as Tagged | undefined)?.ref ?? null) : null;
  };
  cfg.options!.interaction = { mode: 'nearest', intersect: false };
  cfg.options!.onHover = (_e: ChartEvent, els: ActiveElement[]) => data.onHover?.(refAt(els));
  cfg.options!.onClick = (_e: ChartEvent, els: ActiveElement[]) => {
    const ref = refAt(els);
    if (ref) data.onPick?.(ref);
  };
}

/** A tooltip's lines: a frontier point's description, a single model's test figures, else the curve's error and cost. */
function tooltipLabel(
  data: FrontierChartData,
  singles: SingleModelPoint[],
  singlesIndex: number,
): (ctx: TooltipItem<'scatter'>) => string | string[] {
  return (ctx) => {
    const ref = (ctx.raw as Tagged).ref;
    if (ref) return describePoint(data, ref);
    if (ctx.datasetIndex === singlesIndex) {
      const s = singles[ctx.dataIndex];
      return `${s.model} alone: test error ${formatShare(s.error)} at ${formatUsdPerQuery(s.cost)}`;
    }
    return `${ctx.dataset.label ?? ''}: error ${formatShare(ctx.parsed.y)} at ${formatUsdPerQuery((ctx.parsed.x ?? NaN) / PER_MILLION)}`;
  };
}

/** The chart: every method's curves and band, the single models labelled by name, the chosen point; cost axis logarithmic when it spans 20× or more. */
export function cascadeFrontierConfig(data: FrontierChartData, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const datasets = data.methods.flatMap((m, i) => methodDatasets(theme, m, i));
  const singles = data.singles.filter((s) => s.error !== null);
  const singlesIndex = datasets.length;
  datasets.push(singlesDataset(theme, singles));
  const chosen = data.selected && chosenPointDataset(theme, data.methods, data.selected);
  if (chosen) datasets.push(chosen);
  const xs = datasets.flatMap((d) => d.data.map((p) => Number(p.x))).filter((x) => x > 0);
  const logX = xs.length > 1 && Math.max(...xs) / Math.min(...xs) >= 20;
  const cfg = lineChart(
    theme,
    datasets,
    { title: `Cost per query (USD${logX ? ', log scale' : ''})`, log: logX, format: costTick },
    { title: 'Error rate', format: formatShare },
  );
  reportPoints(cfg, data);
  cfg.options!.plugins!.tooltip = { callbacks: { label: tooltipLabel(data, singles, singlesIndex) } };
  cfg.plugins = [
    ...(cfg.plugins ?? []),
    pointLabelsPlugin(
      singlesIndex,
      singles.map((s) => s.model),
      theme.foreground,
      `${theme.fontSize}px ${theme.fontFamily}`,
    ),
  ];
  return cfg;
}

/** Every point of every method with thresholds, predicted and test figures, shares and band (CSV; $ per query, full precision). */
export function cascadeFrontierTable(data: FrontierChartData): {
  header: string[];
  rows: (string | number | null)[][];
} {
  const k = data.cascade.length;
  const header = [
    'method',
    'point',
    ...data.cascade.slice(0, k - 1).map((m) => `threshold_${m}`),
    'expected_cost_usd_per_query',
    'expected_error',
    'test_cost_usd_per_query',
    'test_error',
    'test_error_band_low',
    'test_error_band_high',
    ...data.cascade.map((m) => `expected_share_${m}`),
    ...data.cascade.map((m) => `test_share_${m}`),
    'lambda',
  ];
  const rows = data.methods.flatMap((m) =>
    m.points.map((p, i) => [
      m.method,
      i + 1,
      ...p.thresholds,
      p.expectedCost,
      p.expectedError,
      p.testCost,
      p.testError,
      m.band?.errorLo[i] ?? null,
      m.band?.errorHi[i] ?? null,
      ...p.expectedShares,
      ...(p.testShares ?? data.cascade.map(() => null)),
      p.lambda,
    ]),
  );
  return { header, rows };
}
