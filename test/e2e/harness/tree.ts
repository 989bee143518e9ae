import type { Locator, Page } from 'playwright-core';
import { CONTAINER_ICON } from './workbench';
import { poll } from './sleep';

export interface TreeRow {
  label: string;
  description: string;
  level: number;
  expanded: boolean | null;
  row: Locator;
}

/** Shows the extension's view container in the side bar. */
export async function showContainer(page: Page): Promise<void> {
  const icon = page.locator(CONTAINER_ICON);
  const checked =
    (await icon.getAttribute('aria-expanded').catch(() => null)) ??
    (await icon
      .locator('..')
      .getAttribute('aria-selected')
      .catch(() => null));
  if (
    checked !== 'true' &&
    !(await page.locator('.part.sidebar .composite.title', { hasText: /Cost-Risk Lab/i }).isVisible())
  )
    await icon.click();
  await page.locator('.part.sidebar .composite.title', { hasText: /Cost-Risk Lab/i }).waitFor({ timeout: 10_000 });
}

/** The body of the side-bar view titled `view` (e.g. "Eval Logs"). */
export function viewPane(page: Page, view: string): Locator {
  return page
    .locator('.part.sidebar .pane')
    .filter({ has: page.locator('.pane-header', { hasText: new RegExp(view, 'i') }) })
    .locator('.pane-body');
}

/** The rows a tree view shows now, top to bottom. */
export async function treeRows(pane: Locator): Promise<TreeRow[]> {
  const rows = pane.locator('.monaco-list-row');
  const info = await rows.evaluateAll((els) =>
    els.map((e) => ({
      label: (e.querySelector('.label-name')?.textContent ?? '').trim(),
      description: (e.querySelector('.label-description')?.textContent ?? '').trim(),
      level: Number(e.getAttribute('aria-level')) || 1,
      expanded: e.getAttribute('aria-expanded'),
      index: Number(e.getAttribute('data-index')),
    })),
  );
  return info.map((r) => ({
    label: r.label,
    description: r.description,
    level: r.level,
    expanded: r.expanded === null ? null : r.expanded === 'true',
    row: pane.locator(`.monaco-list-row[data-index="${r.index}"]`),
  }));
}

/** Waits until a row whose label matches `label` is shown, and returns it. */
export async function waitTreeRow(pane: Locator, label: string | RegExp, timeoutMs = 20_000): Promise<TreeRow> {
  return poll(
    `tree row ${label}`,
    async () =>
      (await treeRows(pane)).find((r) => (typeof label === 'string' ? r.label === label : label.test(r.label))),
    timeoutMs,
  );
}

/** Expands a collapsed row (clicking its twistie, so no item command runs). */
export async function expandRow(r: TreeRow): Promise<void> {
  if (r.expanded === true) return;
  await r.row.locator('.monaco-tl-twistie').click();
  await poll(
    'row to expand',
    async () => ((await r.row.getAttribute('aria-expanded')) === 'true' ? true : undefined),
    15_000,
  );
}

/** Collapses a tree row (no-op when it is collapsed). */
export async function collapseRow(r: TreeRow): Promise<void> {
  if ((await r.row.getAttribute('aria-expanded')) !== 'true') return;
  await r.row.locator('.monaco-tl-twistie').click();
  await poll(
    'row to collapse',
    async () => ((await r.row.getAttribute('aria-expanded')) === 'false' ? true : undefined),
    15_000,
  );
}

/** The rows directly below `parent` (one level deeper, until the next row at the parent's level). */
export async function childRows(pane: Locator, parent: TreeRow): Promise<TreeRow[]> {
  const rows = await treeRows(pane);
  const i = rows.findIndex((r) => r.label === parent.label && r.level === parent.level);
  const out: TreeRow[] = [];
  for (let k = i + 1; k < rows.length && rows[k].level > parent.level; k++)
    if (rows[k].level === parent.level + 1) out.push(rows[k]);
  return out;
}

/**
 * Clicks a view's title action (e.g. "Refresh Eval Logs"): in the view's own header when the
 * container shows several views (visible on hover), else in the side bar's title.
 */
export async function clickViewAction(page: Page, view: string, action: string): Promise<void> {
  const pane = page
    .locator('.part.sidebar .pane')
    .filter({ has: page.locator('.pane-header', { hasText: new RegExp(view, 'i') }) });
  const header = pane.locator('.pane-header');
  if (await header.isVisible()) await header.hover();
  const inHeader = header.locator(`.action-label[aria-label^="${action}"]`);
  const target = (await inHeader.count())
    ? inHeader.first()
    : page.locator(`.part.sidebar .composite.title .action-label[aria-label^="${action}"]`).first();
  await target.click();
}
