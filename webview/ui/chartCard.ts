/**
 * A titled chart with "Export PNG" and "Export CSV" buttons that follows the VS Code theme. Give it
 * a pure config function (webview/charts/) and a table function; call `update(data)` when the data
 * changes. Theme changes redraw it with the new colours.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ChartTheme } from '../charts/chartTheme';
import { Chart } from './chartJs';
import { h } from './dom';
import { exportCsv, exportPng, runExport, type DataTable, type ExportFn } from './exporter';
import { onThemeChange, readChartTheme } from './theme';
import * as ui from './toolkit';

export interface ChartSpec<D> {
  /** Stable id: `data-chart` attribute and exported file names. */
  id: string;
  title: string;
  /** One sentence for screen readers describing what the chart shows. */
  describe(data: D): string;
  config(data: D, theme: ChartTheme): ChartConfiguration;
  table(data: D): DataTable;
  /** Export file name without extension (default: the id). */
  fileStem?(data: D): string;
  /** Plot height in CSS pixels (default 360). */
  height?: number;
}

export class ChartCard<D> {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly empty: HTMLElement;
  private chart: Chart | undefined;
  private data: D | undefined;
  private readonly stopTheme: () => void;

  constructor(
    private readonly spec: ChartSpec<D>,
    exportFile: ExportFn,
    private readonly isEmpty: (data: D) => string | null = () => null,
  ) {
    this.canvas = h('canvas', { role: 'img' });
    this.empty = h('p', { className: 'empty', hidden: true });
    const status = h('span', { className: 'export-status', role: 'status' });
    const stem = (): string => (this.data !== undefined && spec.fileStem ? spec.fileStem(this.data) : spec.id);
    const png: HTMLElement = ui.button(
      {
        appearance: 'secondary',
        'data-export': 'png',
        title: 'Save this chart as a PNG image',
        onclick: () => void runExport(png, status, () => exportPng(exportFile, stem(), this.canvas)),
      },
      'Export PNG',
    );
    const csv: HTMLElement = ui.button(
      {
        appearance: 'secondary',
        'data-export': 'csv',
        title: "Save this chart's data as CSV",
        onclick: () =>
          this.data !== undefined &&
          void runExport(csv, status, () => exportCsv(exportFile, stem(), spec.table(this.data as D))),
      },
      'Export CSV',
    );
    this.element = h(
      'section',
      { className: 'card', 'data-chart': spec.id },
      h(
        'header',
        { className: 'card-header' },
        h('h2', {}, spec.title),
        h('div', { className: 'toolbar' }, status, png, csv),
      ),
      h('div', { className: 'chart-box', style: null }, this.canvas),
      this.empty,
    );
    (this.element.querySelector('.chart-box') as HTMLElement).style.height = `${spec.height ?? 360}px`;
    this.stopTheme = onThemeChange((theme) => this.draw(theme));
  }

  update(data: D): void {
    this.data = data;
    this.draw(readChartTheme());
  }

  private draw(theme: ChartTheme): void {
    if (this.data === undefined) return;
    const why = this.isEmpty(this.data);
    this.empty.hidden = why === null;
    this.empty.textContent = why ?? '';
    this.canvas.setAttribute('aria-label', this.spec.describe(this.data));
    this.chart?.destroy();
    this.chart = why === null ? new Chart(this.canvas, this.spec.config(this.data, theme)) : undefined;
  }

  destroy(): void {
    this.stopTheme();
    this.chart?.destroy();
  }
}
