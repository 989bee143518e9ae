import type { Page } from 'playwright-core';
import { escapeRegExp } from './text';

const INPUT = '.quick-input-widget input.input';
const ROW = '.quick-input-list .monaco-list-row';

/**
 * Runs a command from the command palette by its full title ("Category: Title"), as a user would:
 * F1, type, click the row whose label is exactly that title.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openPalette(page);
  const input = page.locator(INPUT);
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page
    .locator(ROW)
    .filter({ has: page.locator('.label-name', { hasText: exactLabel(title) }) })
    .first();
  await row.waitFor({ timeout: 15_000 }).catch(async () => {
    const shown = await page.locator(`${ROW} .label-name`).allTextContents();
    throw new Error(`command "${title}" not in the palette; shown: ${JSON.stringify(shown.slice(0, 8))}`);
  });
  await row.click();
  // the palette closes, or turns into the command's own quick pick / input box
  await page
    .waitForFunction(
      (sel) => {
        const el = document.querySelector<HTMLInputElement>(sel);
        return !el || el.offsetParent === null || !el.value.startsWith('>');
      },
      INPUT,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
}

/**
 * F1 with the keyboard focus in the workbench itself: keys typed while a webview (an iframe) has the
 * focus go to the webview, so the focus is taken back first.
 */
async function openPalette(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
}

/** Lists the command titles the palette offers for a query (e.g. "Cost-Risk Lab:"). */
export async function paletteTitles(page: Page, query: string): Promise<string[]> {
  await openPalette(page);
  const input = page.locator(INPUT);
  await input.fill(`>${query}`);
  await page
    .locator(ROW)
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
  const titles = await page.locator(`${ROW} .label-name`).allTextContents();
  await page.keyboard.press('Escape');
  return titles.map((t) => t.trim());
}

/** Picks the item whose label contains `label` in an open quick pick (shown by a command). */
export async function pickQuickItem(page: Page, label: string | RegExp, timeoutMs = 15_000): Promise<void> {
  const row = page
    .locator(ROW)
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first();
  await row.waitFor({ timeout: timeoutMs });
  await row.click();
}

/**
 * In the log picker a palette command opens, narrows the list to the log file `name` by typing it
 * (the list is virtualised: rows scrolled out of sight are not in the page) and, unless `choose` is
 * false, chooses the first row whose label is exactly that name. Returns the row's text (label,
 * description, detail).
 */
export async function chooseLogInPicker(page: Page, name: string, choose = true): Promise<string> {
  const input = page.locator(INPUT);
  await input.waitFor({ timeout: 15_000 });
  await input.fill(name);
  const row = page
    .locator(ROW)
    .filter({ has: page.locator('.label-name', { hasText: exactLabel(name) }) })
    .first();
  await row.waitFor({ timeout: 15_000 }).catch(async () => {
    const shown = await page.locator(`${ROW} .label-name`).allTextContents();
    throw new Error(`${name} not offered by the log picker; shown: ${JSON.stringify(shown.slice(0, 12))}`);
  });
  const text = (await row.textContent()) ?? '';
  if (choose) await row.click();
  return text;
}

/** A regular expression matching exactly `s` (surrounding blanks allowed). */
export const exactLabel = (s: string): RegExp => new RegExp(`^\\s*${escapeRegExp(s)}\\s*$`);
