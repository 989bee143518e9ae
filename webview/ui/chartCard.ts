/**
 * A titled chart with "Export PNG" and "Export CSV" buttons that follows the VS Code theme. Give it
 * a pure config function (webview/charts/) and a table function; call `update(data)` when the data
 * changes. Theme changes redraw it with the new colours. For assistive technology the canvas is an
 * image named by `describe`, with the table behind the CSV export as its alternative ("Show data
 * as table", linked by aria-details); a chart that folds series (foldSeries.ts) gets a button too.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ChartTheme } from '../charts/chartTheme';
import { Chart } from './chartJs';
import { foldOf, type FoldSwitch } from '../charts/foldSeries';
import { renderDataTable } from './chartDataTable';
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
  private readonly tableBox: HTMLElement;
  private readonly tableButton: HTMLElement;
  private readonly foldButton: HTMLElement;
  private fold: FoldSwitch | undefined;
  private readonly stopTheme: () => void;

  constructor(
    private readonly spec: ChartSpec<D>,
    exportFile: ExportFn,
    private readonly isEmpty: (data: D) => string | null = () => null,
  ) {
    const tableId = `${spec.id}-data-table`;
    this.canvas = h('canvas', { role: 'img', 'aria-label': spec.title, 'aria-details': tableId });
    this.tableBox = h('div', { id: tableId, className: 'table-scroll', 'data-chart-table': spec.id, hidden: true });
    this.tableButton = ui.button(
      {
        appearance: 'secondary',
        'aria-expanded': 'false',
        'aria-controls': tableId,
        'data-chart-action': 'table',
        // `hidden` may also be 'until-found' (the DOM's own type), which hides it too
        onclick: () => this.showTable(this.tableBox.hidden !== false),
      },
      'Show data as table',
    );
    this.foldButton = ui.button(
      {
        appearance: 'secondary',
        'data-chart-action': 'fold',
        hidden: true,
        onclick: () => this.chart && this.fold?.toggle(this.chart),
      },
      '',
    );
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
        h('div', { className: 'toolbar' }, status, this.foldButton, this.tableButton, png, csv),
      ),
      h('div', { className: 'chart-box', style: null }, this.canvas),
      this.empty,
      this.tableBox,
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
    const wasExpanded = this.fold?.expanded === true;
    const cfg = why === null ? this.spec.config(this.data, theme) : undefined;
    this.chart = cfg ? new Chart(this.canvas, cfg) : undefined;
    this.fold = cfg ? foldOf(cfg) : undefined;
    if (this.fold) {
      this.fold.onToggle = () => this.showFold();
      if (wasExpanded && this.chart) this.fold.toggle(this.chart);
    }
    this.showFold();
    if (!this.tableBox.hidden) this.showTable(true);
  }

  /** The fold button mirrors the chart's fold switch (hidden when nothing is folded). */
  private showFold(): void {
    this.foldButton.hidden = this.fold === undefined;
    this.foldButton.textContent = this.fold?.label() ?? '';
    this.foldButton.setAttribute('aria-pressed', String(this.fold?.expanded === true));
  }

  /** Shows (rendering it from the current data) or hides the data table. */
  private showTable(show: boolean): void {
    this.tableBox.hidden = !show;
    this.tableButton.setAttribute('aria-expanded', String(show));
    this.tableButton.textContent = show ? 'Hide data table' : 'Show data as table';
    if (show && this.data !== undefined) renderDataTable(this.tableBox, this.spec.title, this.spec.table(this.data));
  }

  destroy(): void {
    this.stopTheme();
    this.chart?.destroy();
  }
}
