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
  const proposed = await poll(
    `the save dialog to propose a .${ext} file`,
    async () => {
      const v = await input.inputValue();
      return v.startsWith('/') && v.endsWith(`.${ext}`) ? v : undefined;
    },
    10_000,
  );
  if (path !== undefined) await input.fill(path);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
  return path ?? proposed;
}

/**
 * Answers code-server's own open dialog with `path`: waits until the dialog has filled in its
 * starting folder (it would overwrite anything typed earlier), types the path, accepts.
 */
export async function answerOpenDialog(page: Page, path: string): Promise<void> {
  const input = page.locator(INPUT);
  await input.waitFor({ timeout: 15_000 });
  await poll(
    'the open dialog to show its folder',
    async () => ((await input.inputValue()).startsWith('/') ? true : undefined),
    10_000,
  );
  await poll(
    `the dialog to hold ${path}`,
    async () => {
      if ((await input.inputValue()) !== path) await input.fill(path);
      await page.waitForTimeout(200);
      return (await input.inputValue()) === path ? true : undefined;
    },
    10_000,
  );
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}
