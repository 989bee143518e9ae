/**
 * Error against cost per query of one tuned cascade (thesis Fig. 2.5a): per method the
 * model-predicted frontier (dashed) and the test-empirical curve (solid, with its bootstrap band),
 * the single models as labelled points, and the chosen operating point ringed. Hovering snaps to the
 * nearest point; its tooltip lists the thresholds and each model's share of answered queries. Pure.
 */
import type { ActiveElement, ChartConfiguration, ChartEvent } from 'chart.js';
import type { BootstrapBand } from '../../src/engines/tuning/bootstrapBand';
import type { FrontierPoint, TuneMethod } from '../../src/engines/tuning/types';
import { METHOD_LABEL } from '../../src/protocol/cascadeFrontier';
import { formatFixed, formatShare, formatUsdPerQuery, formatUsdTick } from '../../src/protocol/format';
import { isHighContrast, type ChartTheme } from './chartTheme';
import { bandColour, formatPercent, lineChart, lineDataset, seriesColour, type XY } from './lineChartBase';
import { pointLabelsPlugin } from './pointLabelsPlugin';

/** The plots' internal x scale, dollars per million queries as the thesis draws them; every label converts back to dollars per query. */
export const PER_MILLION = 1e6;

/** A cost-axis tick: the x scale is in dollars per million queries, the label in dollars per query ("$0.00057"). */
export const costTick = (v: number): string => formatUsdTick(v / PER_MILLION);

export interface FrontierMethodData {
  method: TuneMethod;
  points: FrontierPoint[];
  band: BootstrapBand | null;
}

/** A point of the chart: which method's which frontier point, on which curve. */
export interface PointRef {
  method: TuneMethod;
  /** Index into the method's `points`. */
  index: number;
  curve: 'expected' | 'test';
}

export interface FrontierChartData {
  cascade: string[];
  methods: FrontierMethodData[];
  /** Each model alone on the test split ($ per query, error rate). */
  singles: { model: string; cost: number; error: number | null }[];
  selected: PointRef | null;
  onHover?(ref: PointRef | null): void;
  onPick?(ref: PointRef): void;
}

type Tagged = { x: number; y: number; ref?: PointRef };

const xOf = (p: FrontierPoint, curve: PointRef['curve']): number | null =>
  curve === 'test' ? p.testCost : p.expectedCost;
const yOf = (p: FrontierPoint, curve: PointRef['curve']): number | null =>
  curve === 'test' ? p.testError : p.expectedError;

/** The points of one curve as chart data, sorted by cost (a test curve is not monotone in the thresholds' order). */
function curveData(m: FrontierMethodData, curve: PointRef['curve']): Tagged[] {
  const out: Tagged[] = [];
  m.points.forEach((p, index) => {
    const x = xOf(p, curve);
    const y = yOf(p, curve);
    if (x !== null && y !== null) out.push({ x: x * PER_MILLION, y, ref: { method: m.method, index, curve } });
  });
  return out.sort((a, b) => a.x - b.x);
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

export function cascadeFrontierConfig(data: FrontierChartData, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const hc = isHighContrast(theme);
  const datasets: ReturnType<typeof lineDataset>[] = [];
  data.methods.forEach((m, i) => {
    const colour = seriesColour(theme, i);
    const label = METHOD_LABEL[m.method];
    const test = curveData(m, 'test');
    if (m.band && test.length) {
      const band = m.band;
      // Band points carry their test point's ref: hovering near the band reports that point.
      const lo = test.map((p) => ({ ...p, y: band.errorLo[p.ref!.index] }));
      const hi = test.map((p) => ({ ...p, y: band.errorHi[p.ref!.index] }));
      datasets.push(lineDataset(theme, `_${label} band low`, lo, 'transparent', { width: 0, order: 5 }));
      datasets.push(
        lineDataset(theme, `_${label} band high`, hi, 'transparent', {
          width: 0,
          fill: '-1',
          fillColour: bandColour(theme, colour),
          order: 5,
        }),
      );
    }
    datasets.push(
      lineDataset(
        theme,
        `${label}: test (${Math.round(100 * (m.band?.level ?? 0))}% band)`.replace(' (0% band)', ''),
        test,
        colour,
        { points: true, order: 2 },
      ),
    );
    datasets.push(
      lineDataset(theme, `${label}: predicted`, curveData(m, 'expected'), colour, {
        dashed: true,
        width: 1.5,
        order: 3,
      }),
    );
  });
  const singles = data.singles.filter((s) => s.error !== null);
  const singlesIndex = datasets.length;
  datasets.push({
    label: 'Single models',
    data: singles.map((s) => ({ x: s.cost * PER_MILLION, y: s.error as number })),
    showLine: false,
    pointStyle: 'rectRot',
    pointRadius: 7,
    pointHoverRadius: 8,
    borderColor: theme.foreground,
    backgroundColor: theme.foreground,
    order: 1,
  });
  const sel = data.selected
    ? data.methods.find((m) => m.method === data.selected!.method)?.points[data.selected.index]
    : undefined;
  if (data.selected && sel) {
    const x = xOf(sel, data.selected.curve);
    const y = yOf(sel, data.selected.curve);
    if (x !== null && y !== null)
      datasets.push({
        label: 'Chosen operating point',
        data: [{ x: x * PER_MILLION, y, ref: data.selected } as Tagged],
        showLine: false,
        pointStyle: 'circle',
        pointRadius: 10,
        pointHoverRadius: 10,
        borderWidth: hc ? 4 : 3,
        borderColor: theme.accent,
        backgroundColor: 'transparent',
        order: 0,
      });
  }
  const xs = datasets.flatMap((d) => d.data.map((p) => Number(p.x))).filter((x) => x > 0);
  const logX = xs.length > 1 && Math.max(...xs) / Math.min(...xs) >= 20;
  const cfg = lineChart(
    theme,
    datasets,
    { title: `Cost per query (USD${logX ? ', log scale' : ''})`, log: logX, format: costTick },
    { title: 'Error rate', format: formatShare },
  );
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
  cfg.options!.plugins!.tooltip = {
    callbacks: {
      label: (ctx) => {
        const ref = (ctx.raw as Tagged).ref;
        if (ref) return describePoint(data, ref);
        if (ctx.datasetIndex === singlesIndex) {
          const s = singles[ctx.dataIndex];
          return `${s.model} alone: test error ${formatShare(s.error)} at ${formatUsdPerQuery(s.cost)}`;
        }
        return `${ctx.dataset.label ?? ''}: error ${formatShare(ctx.parsed.y)} at ${formatUsdPerQuery((ctx.parsed.x ?? NaN) / PER_MILLION)}`;
      },
    },
  };
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
