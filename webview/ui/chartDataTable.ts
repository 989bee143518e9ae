/**
 * The data-table alternative of a chart: the rows of its CSV export as an HTML table, shown under
 * the chart on demand ("Show data as table"), so a screen-reader or keyboard user reads what the
 * chart shows without hovering. One place for every chart (chartCard.ts builds it).
 */
import { DASH, formatSignificant, plural } from '../../src/protocol/format';
import type { CsvValue } from './csv';
import { h, replaceChildren } from './dom';
import type { DataTable } from './exporter';

/** Rows drawn at most (a larger table says how many more are in the CSV export). */
export const MAX_TABLE_ROWS = 500;

/** A table cell's text: numbers to four significant digits, booleans as yes/no, null as a dash. */
export function cellText(v: CsvValue): string {
  if (v === null) return DASH;
  if (typeof v === 'number') return formatSignificant(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v;
}

/** Fills `box` with `table` captioned `caption` (first `MAX_TABLE_ROWS` rows). */
export function renderDataTable(box: HTMLElement, caption: string, table: DataTable): void {
  const shown = table.rows.slice(0, MAX_TABLE_ROWS);
  const more = table.rows.length - shown.length;
  replaceChildren(
    box,
    h(
      'table',
      { className: 'data' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...table.header.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...shown.map((r) => h('tr', {}, ...r.map((v) => h('td', {}, cellText(v)))))),
    ),
    more > 0
      ? h(
          'p',
          { className: 'empty' },
          `First ${MAX_TABLE_ROWS} of ${plural(table.rows.length, 'row')}; Export CSV has them all.`,
        )
      : null,
  );
}
