/**
 * Sorting by a column header, shared by the plain table (tableCard) and the virtualised one
 * (virtualGrid): which way a click turns the sort, and the header's button and aria-sort value.
 */
import { h } from './dom';

/** The column sorted on and its direction (1 ascending, −1 descending); null: as given. */
export type ColumnSort = { col: number; dir: 1 | -1 } | null;

/** A click on column `col`: ascending first, then descending, then back to the given order. */
export function nextSort(current: ColumnSort, col: number): ColumnSort {
  if (current?.col !== col) return { col, dir: 1 };
  return current.dir === 1 ? { col, dir: -1 } : null;
}

/** The direction column `col` is sorted in (0: not sorted on). */
export function sortDirection(current: ColumnSort, col: number): 1 | -1 | 0 {
  return current?.col === col ? current.dir : 0;
}

/** The header's aria-sort value for a direction. */
export function ariaSort(dir: 1 | -1 | 0): 'ascending' | 'descending' | 'none' {
  return dir === 1 ? 'ascending' : dir === -1 ? 'descending' : 'none';
}

/** The header's button: the column's title with an arrow for the direction it is sorted in. */
export function sortButton(title: string, dir: 1 | -1 | 0, onclick: () => void): HTMLElement {
  return h('button', { className: 'sort', type: 'button', onclick }, title, dir === 1 ? ' ▲' : dir === -1 ? ' ▼' : '');
}
