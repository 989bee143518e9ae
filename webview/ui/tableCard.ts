/**
 * A titled, sortable table with an "Export CSV" button. Columns say how to show a row's value and
 * what goes in the CSV (full precision, not the rounded text). Click a header to sort.
 */
import type { CsvValue } from './csv';
import { ariaSort, nextSort, sortButton, sortDirection, type ColumnSort } from './columnSort';
import { h, replaceChildren } from './dom';
import { exportCsv, runExport, type ExportFn } from './exporter';
import * as ui from './toolkit';

export interface Column<R> {
  id: string;
  title: string;
  /** Tooltip on the header: what the column means. */
  help?: string;
  value(row: R): CsvValue;
  /** Text shown in the cell (default: the value as is). */
  format?(row: R): string;
  numeric?: boolean;
  /** Prose (notes, answers, questions): the cell wraps between words; other cells stay on one line. */
  wrap?: boolean;
  /** In the CSV, these columns instead of this one (e.g. an interval shown as "a to b" exported as its two ends). */
  csv?: { id: string; value(row: R): CsvValue }[];
}

export interface TableSpec<R> {
  id: string;
  title: string;
  columns: Column<R>[];
  /** Marks a row (e.g. on the Pareto frontier) with a class. */
  rowClass?(row: R): string | undefined;
  fileStem?(): string;
  /** Makes rows clickable (and focusable: Enter clicks); `rowTitle` is the tooltip saying what a click does. */
  onRowClick?(row: R): void;
  rowTitle?(row: R): string;
}

export class TableCard<R> {
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly head: HTMLTableRowElement;
  private rows: R[] = [];
  private sort: ColumnSort = null;
  private readonly heading: HTMLHeadingElement;

  constructor(
    private readonly spec: TableSpec<R>,
    exportFile: ExportFn,
  ) {
    this.body = h('tbody');
    this.head = h('tr');
    this.heading = h('h2', {}, spec.title);
    const status = h('span', { className: 'export-status', role: 'status' });
    const csvCols = spec.columns.flatMap((c) => c.csv ?? [c]);
    const table = () => ({
      header: csvCols.map((c) => c.id),
      rows: this.rows.map((r) => csvCols.map((c) => c.value(r))),
    });
    const csv: HTMLElement = ui.button(
      {
        appearance: 'secondary',
        'data-export': 'csv',
        title: 'Save this table as CSV',
        onclick: () => void runExport(csv, status, () => exportCsv(exportFile, spec.fileStem?.() ?? spec.id, table())),
      },
      'Export CSV',
    );
    this.element = h(
      'section',
      { className: 'card', 'data-table': spec.id },
      h('header', { className: 'card-header' }, this.heading, h('div', { className: 'toolbar' }, status, csv)),
      h('div', { className: 'table-scroll' }, h('table', { className: 'data' }, h('thead', {}, this.head), this.body)),
    );
    this.renderHead();
  }

  /** Renames the card, e.g. to say which split its figures were measured on. */
  setTitle(title: string): void {
    this.heading.textContent = title;
  }

  update(rows: R[]): void {
    this.rows = rows;
    this.renderBody();
  }

  private renderHead(): void {
    replaceChildren(
      this.head,
      ...this.spec.columns.map((c, i) => {
        const dir = sortDirection(this.sort, i);
        return h(
          'th',
          {
            scope: 'col',
            className: c.numeric ? 'num' : undefined,
            title: c.help,
            'aria-sort': ariaSort(dir),
          },
          sortButton(c.title, dir, () => this.sortBy(i)),
        );
      }),
    );
  }

  private sortBy(col: number): void {
    this.sort = nextSort(this.sort, col);
    this.renderHead();
    this.renderBody();
  }

  private renderBody(): void {
    const rows = [...this.rows];
    if (this.sort) {
      const { col, dir } = this.sort;
      const c = this.spec.columns[col];
      rows.sort((a, b) => compare(c.value(a), c.value(b)) * dir);
    }
    replaceChildren(
      this.body,
      ...rows.map((r) => {
        const click = this.spec.onRowClick;
        const cls = [this.spec.rowClass?.(r), click ? 'clickable' : undefined].filter(Boolean).join(' ') || undefined;
        const tr = h(
          'tr',
          { className: cls, tabindex: click ? 0 : undefined, title: this.spec.rowTitle?.(r) },
          ...this.spec.columns.map((c) =>
            h(
              'td',
              { className: c.numeric ? 'num' : c.wrap ? 'wrap' : undefined },
              c.format ? c.format(r) : String(c.value(r) ?? ''),
            ),
          ),
        );
        if (click) {
          tr.addEventListener('click', () => click(r));
          tr.addEventListener('keydown', (e) => {
            if (e.key === 'Enter') click(r);
          });
        }
        return tr;
      }),
    );
  }
}

/** Nulls last; numbers numerically; text by locale. */
function compare(a: CsvValue, b: CsvValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
