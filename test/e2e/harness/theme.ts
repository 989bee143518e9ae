import type { Page } from 'playwright-core';
import { exactLabel, runCommand } from './palette';

export type ThemeKind = 'light' | 'dark' | 'high-contrast';

/** Built-in themes of VS Code 1.96, and the class the workbench element then carries. */
const THEMES: Record<ThemeKind, { name: string; workbenchClass: string; webviewClass: string }> = {
  light: { name: 'Default Light Modern', workbenchClass: 'vs', webviewClass: 'vscode-light' },
  dark: { name: 'Default Dark Modern', workbenchClass: 'vs-dark', webviewClass: 'vscode-dark' },
  'high-contrast': { name: 'Default High Contrast', workbenchClass: 'hc-black', webviewClass: 'vscode-high-contrast' },
};
export const THEME_KINDS: ThemeKind[] = ['light', 'dark', 'high-contrast'];
export const webviewThemeClass = (kind: ThemeKind): string => THEMES[kind].webviewClass;

/**
 * Switches the colour theme as a user does: "Preferences: Color Theme", type the theme's name, pick
 * it; then waits until the workbench has repainted in it.
 */
export async function setTheme(page: Page, kind: ThemeKind): Promise<void> {
  const t = THEMES[kind];
  const isOn = (): Promise<boolean> =>
    page.locator('.monaco-workbench').evaluate((wb, cls) => wb.classList.contains(cls), t.workbenchClass);
  if (await isOn()) return;
  await runCommand(page, 'Preferences: Color Theme');
  await page.locator('.quick-input-widget input.input').fill(t.name);
  // rows read "Dark Modern  Default Dark Modern": the label, then the setting value as description
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-description', { hasText: exactLabel(t.name) }) })
    .first();
  await row.click();
  await page.waitForFunction(
    (cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls),
    t.workbenchClass,
    { timeout: 15_000 },
  );
}
