/**
 * A virtualised, sortable grid: only the rows in view (plus a few either side) are in the DOM, so
 * 100,000 rows scroll as fast as 100. Fixed row height; the header stays on top; a click on a
 * header sorts by that column (again: descending; a third time: the given order). A row can be
 * activated (click, Enter) when `activatable` says so. Test hooks: `.vt-row[data-row]` (the row's
 * index in the rows given), `aria-rowcount` on the grid.
 */
import { ariaSort, nextSort, sortButton, sortDirection, type ColumnSort } from './columnSort';
import { h, replaceChildren } from './dom';

export interface GridColumn<R> {
  title: string;
  help?: string;
  /** A CSS grid track size, e.g. `90px` or `minmax(200px, 3fr)`. */
  width: string;
  numeric?: boolean;
  text(row: R): string;
  /** What the column sorts by (nulls last). */
  sortValue(row: R): number | string | null;
  /** Tooltip of a cell (e.g. the whole question when the cell cuts it). */
  tip?(row: R): string | undefined;
}

export interface GridOptions<R> {
  label: string;
  rowHeight?: number;
  /** Height of the scrolling area in pixels. */
  height?: number;
  activatable?(row: R): boolean;
  onActivate?(row: R): void;
  /** Tooltip of a whole row. */
  rowTip?(row: R): string | undefined;
}

const OVERSCAN = 8;

export class VirtualGrid<R> {
  readonly element: HTMLElement;
  private readonly head: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly block: HTMLElement;
  private readonly rowHeight: number;
  private columns: GridColumn<R>[] = [];
  private rows: readonly R[] = [];
  /** Positions into `rows`, in display order. */
  private order: number[] = [];
  private sort: ColumnSort = null;
  private frame = 0;

  constructor(private readonly opts: GridOptions<R>) {
    this.rowHeight = opts.rowHeight ?? 24;
    this.head = h('div', { className: 'vt-head', role: 'row' });
    this.block = h('div', { className: 'vt-block', role: 'rowgroup' });
    this.spacer = h('div', { className: 'vt-spacer' }, this.block);
    this.element = h(
      'div',
      { className: 'vt-viewport', role: 'grid', 'aria-label': opts.label, tabindex: 0 },
      this.head,
      this.spacer,
    );
    this.element.style.height = `${opts.height ?? 420}px`;
    this.element.addEventListener('scroll', () => this.schedule());
  }

  /** Replaces the columns (the sort is kept when the column still exists). */
  setColumns(columns: GridColumn<R>[]): void {
    this.columns = columns;
    if (this.sort && this.sort.col >= columns.length) this.sort = null;
    const template = columns.map((c) => c.width).join(' ');
    this.head.style.gridTemplateColumns = template;
    this.block.style.setProperty('--vt-columns', template);
    this.renderHead();
  }

  /** Replaces the rows and goes back to the top. */
  setRows(rows: readonly R[]): void {
    this.rows = rows;
    this.applySort();
    this.element.scrollTop = 0;
    this.render();
  }

  /** Rows in display order (sorted as shown). */
  displayed(): R[] {
    return this.order.map((i) => this.rows[i]);
  }

  private renderHead(): void {
    replaceChildren(
      this.head,
      ...this.columns.map((c, i) => {
        const dir = sortDirection(this.sort, i);
        return h(
          'div',
          {
            role: 'columnheader',
            className: c.numeric ? 'vt-cell num' : 'vt-cell',
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
    this.applySort();
    this.render();
  }

  private applySort(): void {
    this.order = Array.from({ length: this.rows.length }, (_, i) => i);
    if (!this.sort) return;
    const { col, dir } = this.sort;
    const key = this.columns[col].sortValue;
    const values = this.rows.map((r) => key(r));
    this.order.sort((a, b) => compare(values[a], values[b], dir) || a - b);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const n = this.order.length;
    const rh = this.rowHeight;
    this.spacer.style.height = `${n * rh}px`;
    this.element.setAttribute('aria-rowcount', String(n + 1));
    const view = this.element.clientHeight || 420;
    const first = Math.max(0, Math.floor(this.element.scrollTop / rh) - OVERSCAN);
    const last = Math.min(n, Math.ceil((this.element.scrollTop + view) / rh) + OVERSCAN);
    this.block.style.transform = `translateY(${first * rh}px)`;
    const out: HTMLElement[] = [];
    for (let k = first; k < last; k++) out.push(this.renderRow(this.order[k], k));
    this.block.replaceChildren(...out);
  }

  private renderRow(index: number, position: number): HTMLElement {
    const r = this.rows[index];
    const active = this.opts.activatable?.(r) === true;
    const row = h(
      'div',
      {
        role: 'row',
        className: active ? 'vt-row active' : 'vt-row',
        'data-row': index,
        'aria-rowindex': position + 2,
        tabindex: active ? 0 : undefined,
        title: this.opts.rowTip?.(r),
      },
      ...this.columns.map((c) =>
        h('div', { role: 'cell', className: c.numeric ? 'vt-cell num' : 'vt-cell', title: c.tip?.(r) }, c.text(r)),
      ),
    );
    row.style.height = `${this.rowHeight}px`;
    if (active) {
      row.addEventListener('click', () => this.opts.onActivate?.(r));
      row.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') this.opts.onActivate?.(r);
      });
    }
    return row;
  }
}

/** Nulls last whatever the direction; numbers numerically; text by locale. */
function compare(a: number | string | null, b: number | string | null, dir: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * dir;
  return String(a).localeCompare(String(b)) * dir;
}
