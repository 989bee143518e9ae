import type { Page } from 'playwright-core';
import { runCommand } from './palette';
import { poll } from './sleep';

/**
 * Sets a string user setting the way a user does, in the Settings editor: search for its key, type
 * the value into its field, leave the field, close the editor. (code-server does not notice its
 * user settings file being edited on disk while it runs; application-scoped settings such as
 * costRiskLab.llm.endpoint can only be user settings.)
 */
export async function setUserSettingInEditor(page: Page, key: string, value: string): Promise<void> {
  await runCommand(page, 'Preferences: Open User Settings');
  const editor = page.locator('.settings-editor');
  await editor.waitFor({ timeout: 20_000 });
  await editor.locator('.search-container').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(key);
  const field = editor.locator('.setting-item-contents input').first();
  await poll(
    `the Settings editor to show ${key}`,
    async () => ((await editor.locator('.setting-item-contents').count()) === 1 ? true : undefined),
    20_000,
  );
  await field.fill(value);
  await field.press('Tab');
  // The editor writes the value after a short pause; then its tab is closed with its close button
  // (the palette's F1 does not always reach the workbench while the Settings editor has the focus).
  await page.waitForTimeout(1500);
  const tab = page.locator('.tabs-container .tab', { hasText: 'Settings' }).first();
  await tab.hover();
  await tab.locator('.tab-actions .action-label').first().click();
  await editor.waitFor({ state: 'hidden', timeout: 10_000 });
}
