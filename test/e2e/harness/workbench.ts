import type { Page } from 'playwright-core';
import { runCommand } from './palette';

/** The activity-bar entry of the extension's view container (its title is "Cost-Risk Lab"). */
export const CONTAINER_ICON = '.activitybar .action-item a[aria-label^="Cost-Risk Lab"]';

/**
 * Opens the workbench on `folder` and waits until the workspace is loaded and the extension's
 * contributions are registered (its activity-bar icon exists).
 */
export async function openWorkbench(page: Page, url: string, folder: string): Promise<void> {
  // the first load fetches the whole workbench: on a loaded 2-core machine it can take well over the 20 s action timeout
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { timeout: 120_000 });
  await waitWorkbenchReady(page);
}

export async function waitWorkbenchReady(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator(CONTAINER_ICON).waitFor({ timeout: 60_000 });
}

/** Closes notification toasts, quick inputs, menus, the panel and every editor: a clean slate between scenarios. */
export async function resetWorkbench(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
  await runCommand(page, 'View: Close All Editors');
  if (await page.locator('.part.panel').isVisible()) await runCommand(page, 'View: Hide Panel');
  await page
    .locator('.tabs-container .tab')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

/** "Developer: Reload Window", then waits for the new page (not the old one) to be ready. */
export async function reloadWindow(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { e2eOldPage?: boolean }).e2eOldPage = true));
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForFunction(() => !(window as unknown as { e2eOldPage?: boolean }).e2eOldPage, undefined, {
    timeout: 60_000,
  });
  await waitWorkbenchReady(page);
}
