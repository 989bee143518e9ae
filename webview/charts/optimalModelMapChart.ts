/**
 * The optimal-model map (thesis Figure 3.4): each cell of the λ_E × λ_L grid coloured by the
 * system with the highest expected reward, the exact switch lines drawn over it, hover details per
 * cell. Pure: DTO + theme -> Chart.js configuration (cells painted by a plugin on the chart's scales).
 */
import type {
  ActiveElement,
  Chart,
  ChartConfiguration,
  ChartDataset,
  ChartEvent,
  Plugin,
  TooltipCallbacks,
} from 'chart.js';
import { formatUsd } from '../../src/protocol/format';
import { backgroundPlugin } from './backgroundPlugin';
import { baseChartOptions, chartFont, titledAxis } from './axes';
import type { ChartTheme } from './chartTheme';
import { categoryColour, formatReward, formatUsdTick } from './econChartStyle';

export interface OptimalModelMapData {
  names: string[];
  errorAxis: number[];
  /** $ per second (shown per minute). */
  latencyAxis: number[];
  /** Per cell, row-major (row = latency index): the winner, its reward, the runner-up (−1: none) and the margin. */
  best: ArrayLike<number>;
  bestReward: ArrayLike<number>;
  runnerUp: ArrayLike<number>;
  margin: ArrayLike<number>;
  /** Extra hover line per cell (e.g. the winner's threshold and deferral rate). */
  detail?: (cell: number) => string;
  boundaries: { row: number; price: number; below: number; above: number }[][];
  /** The cell whose queries are listed, outlined on the map (null or absent: none). */
  selected?: number | null;
  /** Hears of a click on the map: the cell nearest to it. */
  onPick?: (cell: number) => void;
}

interface Cell {
  x: number;
  y: number;
  cell: number;
}

/** Cell edges: geometric midpoints on a log axis, arithmetic on a linear one; the ends extend by half a step. */
export function cellEdges(axis: readonly number[], log: boolean): number[] {
  const f = log ? Math.log : (v: number) => v;
  const g = log ? Math.exp : (v: number) => v;
  const t = axis.map(f);
  if (t.length === 1) return [g(t[0] - 0.5), g(t[0] + 0.5)];
  const edges = [t[0] - (t[1] - t[0]) / 2];
  for (let i = 1; i < t.length; i++) edges.push((t[i - 1] + t[i]) / 2);
  edges.push(t[t.length - 1] + (t[t.length - 1] - t[t.length - 2]) / 2);
  return edges.map(g);
}

/** The systems that win at least one cell, in the order of `names`. */
export const winners = (d: OptimalModelMapData): number[] => [...new Set(Array.from(d.best))].sort((a, b) => a - b);

/** The cells each system wins, by system index (cells in ascending order). */
function cellsByWinner(best: ArrayLike<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let cell = 0; cell < best.length; cell++) {
    const list = out.get(best[cell]);
    if (list) list.push(cell);
    else out.set(best[cell], [cell]);
  }
  return out;
}

/** Saves the canvas state and clips drawing to the plot area (restore with `ctx.restore()`). */
function saveClippedToChartArea({ ctx, chartArea }: Chart): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(chartArea.left, chartArea.top, chartArea.width, chartArea.height);
  ctx.clip();
}

function heatmapPlugin(data: OptimalModelMapData, colour: (k: number) => string, lineColour: string): Plugin {
  const xe = cellEdges(data.errorAxis, true);
  const ye = cellEdges(
    data.latencyAxis.map((v) => v * 60),
    false,
  );
  const nE = data.errorAxis.length;
  return {
    id: 'crlHeatmap',
    beforeDatasetsDraw(chart: Chart) {
      const { ctx, scales } = chart;
      saveClippedToChartArea(chart);
      // Edges rounded to whole pixels: neighbours share them exactly, so no hairline gaps show.
      const xs = xe.map((v) => Math.round(scales.x.getPixelForValue(v)));
      const ys = ye.map((v) => Math.round(scales.y.getPixelForValue(v)));
      for (let r = 0; r < data.latencyAxis.length; r++) {
        for (let c = 0; c < nE; c++) {
          ctx.fillStyle = colour(data.best[r * nE + c]);
          ctx.fillRect(
            Math.min(xs[c], xs[c + 1]),
            Math.min(ys[r], ys[r + 1]),
            Math.abs(xs[c + 1] - xs[c]),
            Math.abs(ys[r + 1] - ys[r]),
          );
        }
      }
      ctx.restore();
    },
    afterDatasetsDraw(chart: Chart) {
      // Exact switch points, joined row to row when the same pair of systems meets again.
      const { ctx, scales } = chart;
      saveClippedToChartArea(chart);
      const sel = data.selected;
      if (sel !== null && sel !== undefined && sel >= 0 && sel < data.best.length) {
        const c = sel % nE;
        const r = Math.floor(sel / nE);
        const x0 = scales.x.getPixelForValue(xe[c]);
        const x1 = scales.x.getPixelForValue(xe[c + 1]);
        const y0 = scales.y.getPixelForValue(ye[r]);
        const y1 = scales.y.getPixelForValue(ye[r + 1]);
        ctx.strokeStyle = lineColour;
        ctx.lineWidth = 2;
        ctx.strokeRect(Math.min(x0, x1) - 2, Math.min(y0, y1) - 2, Math.abs(x1 - x0) + 4, Math.abs(y1 - y0) + 4);
      }
      ctx.strokeStyle = lineColour;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      for (let r = 0; r + 1 < data.boundaries.length; r++) {
        for (const b of data.boundaries[r]) {
          const next = data.boundaries[r + 1].filter((n) => n.below === b.below && n.above === b.above);
          if (next.length === 0) continue;
          const n = next.reduce((best, x) =>
            Math.abs(Math.log(x.price / b.price)) < Math.abs(Math.log(best.price / b.price)) ? x : best,
          );
          ctx.moveTo(scales.x.getPixelForValue(b.price), scales.y.getPixelForValue(data.latencyAxis[r] * 60));
          ctx.lineTo(scales.x.getPixelForValue(n.price), scales.y.getPixelForValue(data.latencyAxis[r + 1] * 60));
        }
      }
      ctx.stroke();
      ctx.restore();
    },
  };
}

/** The hover box of a cell: its prices (λ_L per minute and per hour), the winner with its reward, the extra detail, the runner-up. */
function cellTooltip(data: OptimalModelMapData): Partial<TooltipCallbacks<'scatter'>> {
  const nE = data.errorAxis.length;
  return {
    title: (items) => {
      const c = (items[0]?.raw as Cell | undefined)?.cell ?? 0;
      const perMin = data.latencyAxis[Math.floor(c / nE)] * 60;
      return `λ_E = ${formatUsd(data.errorAxis[c % nE])}, λ_L = ${formatUsd(perMin)}/min (${formatUsd(perMin * 60)}/hour)`;
    },
    label: (ctx) => {
      const c = (ctx.raw as Cell).cell;
      const second = data.runnerUp[c];
      const lines = [
        `Best: ${data.names[data.best[c]]}, expected reward ${formatReward(data.bestReward[c])} per query`,
      ];
      if (data.detail) lines.push(data.detail(c));
      if (second >= 0) lines.push(`Runner-up: ${data.names[second]}, ${formatUsd(data.margin[c])} per query behind`);
      return lines;
    },
  };
}

/** The map: one invisible point per cell (legend entries, hover and click targets), the cells painted by the heatmap plugin. */
export function optimalModelMapConfig(
  data: OptimalModelMapData,
  theme: ChartTheme,
): ChartConfiguration<'scatter', Cell[]> {
  const nE = data.errorAxis.length;
  const colour = (k: number): string => categoryColour(theme, k);
  const font = chartFont(theme);
  // One (invisible) point per cell, grouped by winner: legend entries and hover targets.
  const won = cellsByWinner(data.best);
  const datasets: ChartDataset<'scatter', Cell[]>[] = winners(data).map((k) => ({
    label: data.names[k],
    data: (won.get(k) ?? []).map((cell) => ({
      x: data.errorAxis[cell % nE],
      y: data.latencyAxis[Math.floor(cell / nE)] * 60,
      cell,
    })),
    backgroundColor: colour(k),
    borderColor: colour(k),
    pointRadius: 0,
    pointHoverRadius: 3,
    pointHitRadius: 3,
  }));
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      ...baseChartOptions(theme),
      interaction: { mode: 'nearest', intersect: false },
      onClick: (_e: ChartEvent, els: ActiveElement[]) => {
        const el = els[0];
        const cell = el ? datasets[el.datasetIndex]?.data[el.index]?.cell : undefined;
        if (cell !== undefined) data.onPick?.(cell);
      },
      scales: {
        x: {
          type: 'logarithmic',
          min: data.errorAxis[0],
          max: data.errorAxis[nE - 1],
          ...titledAxis(theme, 'Price of error λ_E ($ per error, log scale)', {
            callback: (v: number | string) => (isDecade(Number(v)) ? formatUsdTick(Number(v)) : ''),
          }),
          grid: { display: false },
        },
        y: {
          type: 'linear',
          min: data.latencyAxis[0] * 60,
          max: data.latencyAxis[data.latencyAxis.length - 1] * 60,
          ...titledAxis(theme, 'Price of latency λ_L ($ per minute; × 60 = hourly wage)', {
            callback: (v: number | string) => formatUsd(Number(v)),
          }),
          grid: { display: false },
        },
      },
      plugins: {
        legend: {
          position: 'bottom',
          labels: { color: theme.foreground, font, usePointStyle: true, pointStyle: 'rect' },
        },
        tooltip: { callbacks: cellTooltip(data) },
      },
    },
    plugins: [backgroundPlugin(theme.background), heatmapPlugin(data, colour, theme.foreground)],
  };
}

const isDecade = (v: number): boolean => v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

/** Every cell as a CSV row. */
export function optimalModelMapTable(data: OptimalModelMapData): { header: string[]; rows: (string | number)[][] } {
  const nE = data.errorAxis.length;
  return {
    header: ['price_error_usd', 'price_latency_usd_per_s', 'best', 'expected_reward_usd', 'runner_up', 'margin_usd'],
    rows: Array.from(data.best, (b, c) => [
      data.errorAxis[c % nE],
      data.latencyAxis[Math.floor(c / nE)],
      data.names[b],
      data.bestReward[c],
      data.runnerUp[c] >= 0 ? data.names[data.runnerUp[c]] : '',
      data.margin[c],
    ]),
  };
}
