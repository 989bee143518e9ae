import type { Page } from 'playwright-core';
import { poll } from './sleep';

const INPUT = '.quick-input-widget input.input';

/**
 * Accepts code-server's own save dialog (a quick input holding a path) once it proposes a file
 * ending in `ext`, returning that path; with `path` given, types that path instead.
 */
export async function acceptSaveDialog(page: Page, ext: string, path?: string): Promise<string> {
  const input = page.locator(INPUT);
  await input.waitFor({ timeout: 15_000 });
  // the dialog shows the folder first, then fills in the suggested file name
  const proposed = await poll(`the save dialog to propose a .${ext} file`, async () => {
    const v = await input.inputValue();
    return v.startsWith('/') && v.endsWith(`.${ext}`) ? v : undefined;
  }, 10_000);
  if (path !== undefined) await input.fill(path);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
  return path ?? proposed;
}
