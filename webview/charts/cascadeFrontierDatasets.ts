/**
 * The datasets of the Cascade Frontier chart (cascadeFrontierChart.ts): per method the bootstrap
 * band, the test-empirical curve and the model-predicted frontier; the single models; the chosen
 * operating point. Points of a method's curves carry the frontier point they stand for. Pure.
 */
import type { BootstrapBand } from '../../src/engines/tuning/bootstrapBand';
import type { FrontierPoint, TuneMethod } from '../../src/engines/tuning/types';
import { METHOD_LABEL } from '../../src/protocol/cascadeFrontier';
import { isHighContrast, type ChartTheme } from './chartTheme';
import { bandColour, lineDataset, seriesColour } from './lineChartBase';

/** The plots' internal x scale, dollars per million queries as the thesis draws them; every label converts back to dollars per query. */
export const PER_MILLION = 1e6;

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

/** One model alone on the test split ($ per query, error rate). */
export interface SingleModelPoint {
  model: string;
  cost: number;
  error: number | null;
}

/** A plotted point, with the frontier point it stands for (none for a single model). */
export type Tagged = { x: number; y: number; ref?: PointRef };

type Dataset = ReturnType<typeof lineDataset>;

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

/** The `i`-th method's datasets: its band (low, then high filled down to it) when it has one, its test curve and its predicted curve. */
export function methodDatasets(theme: ChartTheme, m: FrontierMethodData, i: number): Dataset[] {
  const datasets: Dataset[] = [];
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
  return datasets;
}

/** The single models with a test error, as diamonds (labelled with their names by the chart). */
export function singlesDataset(theme: ChartTheme, singles: SingleModelPoint[]): Dataset {
  return {
    label: 'Single models',
    data: singles.map((s) => ({ x: s.cost * PER_MILLION, y: s.error as number })),
    showLine: false,
    pointStyle: 'rectRot',
    pointRadius: 7,
    pointHoverRadius: 8,
    borderColor: theme.foreground,
    backgroundColor: theme.foreground,
    order: 1,
  };
}

/** The chosen operating point ringed in the accent colour, or null when it is not among `methods` or not on its curve. */
export function chosenPointDataset(theme: ChartTheme, methods: FrontierMethodData[], chosen: PointRef): Dataset | null {
  const sel = methods.find((m) => m.method === chosen.method)?.points[chosen.index];
  if (!sel) return null;
  const x = xOf(sel, chosen.curve);
  const y = yOf(sel, chosen.curve);
  if (x === null || y === null) return null;
  return {
    label: 'Chosen operating point',
    data: [{ x: x * PER_MILLION, y, ref: chosen } as Tagged],
    showLine: false,
    pointStyle: 'circle',
    pointRadius: 10,
    pointHoverRadius: 10,
    borderWidth: isHighContrast(theme) ? 4 : 3,
    borderColor: theme.accent,
    backgroundColor: 'transparent',
    order: 0,
  };
}
