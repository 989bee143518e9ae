import type { Locator, Page } from 'playwright-core';
import { escapeRegExp } from './text';

const ITEM = '.context-view .monaco-menu .action-item';

/** Right-clicks `target` and returns the labels of the context menu it opens. */
export async function openContextMenu(page: Page, target: Locator): Promise<string[]> {
  await page.keyboard.press('Escape');
  await target.click({ button: 'right' });
  await page.locator(ITEM).first().waitFor({ timeout: 10_000 });
  return (await page.locator(`${ITEM} .action-label`).allTextContents()).map((s) => s.trim()).filter(Boolean);
}

/** Right-clicks `target` and runs the context-menu entry labelled `entry`. */
export async function runContextMenu(page: Page, target: Locator, entry: string): Promise<void> {
  const labels = await openContextMenu(page, target);
  const item = page
    .locator(ITEM)
    .filter({ has: page.locator('.action-label', { hasText: entry }) })
    .first();
  if (!(await item.count())) throw new Error(`context menu has no "${entry}"; it shows ${JSON.stringify(labels)}`);
  await page.waitForTimeout(150); // the menu ignores a click right after it opens
  await item.click();
  // if the click still did not land, the entry is highlighted now: Enter runs it
  if (
    await page
      .locator(ITEM)
      .first()
      .isVisible()
      .catch(() => false)
  ) {
    await page.waitForTimeout(300);
    if (await item.isVisible().catch(() => false)) await page.keyboard.press('Enter');
  }
}

/** The explorer row of a file in the workspace root. */
export function explorerRow(page: Page, fileName: string): Locator {
  return page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(fileName)}$`) }) })
    .first();
}

/** Shows the Explorer in the side bar. */
export async function showExplorer(page: Page): Promise<void> {
  const icon = page.locator('.activitybar .action-item a[aria-label^="Explorer"]');
  if (!(await page.locator('.explorer-folders-view').isVisible())) await icon.click();
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 15_000 });
}
