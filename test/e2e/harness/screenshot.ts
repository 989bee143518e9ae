import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { README_SHOTS_DIR, RESULTS_DIR } from './paths';
import { log } from './log';

/**
 * Saves a screenshot of the whole workbench as test-results/e2e/<name>.png. With `readme: true`
 * and E2E_UPDATE_SCREENSHOTS=1, also copies it to media/screenshots/ for the README.
 */
export async function screenshot(page: Page, name: string, opts: { readme?: boolean } = {}): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.png`);
  // park the pointer on the empty middle of the status bar, so no hover tooltip is in the picture
  const size = page.viewportSize();
  if (size) await page.mouse.move(size.width / 2, size.height - 4);
  await page.waitForTimeout(300); // let the last frame of chart animations land (and tooltips fade)
  await page.screenshot({ path: file });
  if (opts.readme && process.env.E2E_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(README_SHOTS_DIR, { recursive: true });
    copyFileSync(file, join(README_SHOTS_DIR, `${name}.png`));
    log('README screenshot updated:', `media/screenshots/${name}.png`);
  }
  return file;
}
