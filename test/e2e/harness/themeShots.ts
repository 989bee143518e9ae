import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { E2EContext } from './scenario';
import { setTheme, THEME_KINDS, webviewThemeClass, type ThemeKind } from './theme';
import { canvasHash, waitCanvasesDrawn } from './webview';
import { poll } from './sleep';
import { showContainer } from './tree';

/**
 * Screenshots a view in the light, dark and high-contrast themes (test-results/e2e/<slug>-<theme>.png),
 * checking on the way that the webview follows the theme: its body takes the theme's class and its
 * charts are redrawn in the new colours (drawn, and different pixels). Ends in the light theme.
 * `readme` picks the theme whose screenshot goes to media/screenshots/ on E2E_UPDATE_SCREENSHOTS=1;
 * `scrollTo` scrolls that element of the view to the top first.
 */
export async function captureThemes(
  ctx: E2EContext,
  slug: string,
  frame: () => Promise<Frame>,
  opts: { readme?: ThemeKind; chart?: string; scrollTo?: string } = {},
): Promise<void> {
  const chart = opts.chart ?? 'canvas';
  const hashes = new Map<ThemeKind, string>();
  await showContainer(ctx.page); // the extension's own side bar next to its view
  if (opts.scrollTo)
    await (
      await frame()
    )
      .locator(opts.scrollTo)
      .first()
      .evaluate((e) => e.scrollIntoView({ block: 'start' }));
  try {
    for (const kind of THEME_KINDS) {
      await setTheme(ctx.page, kind);
      const f = await frame();
      await poll(
        `webview body class ${webviewThemeClass(kind)}`,
        async () =>
          (await f.evaluate(() => document.body.className)).split(/\s+/).includes(webviewThemeClass(kind))
            ? true
            : undefined,
        10_000,
      );
      if (await f.locator(chart).count()) {
        await waitCanvasesDrawn(f, 1, 0.002, chart);
        await ctx.page.waitForTimeout(400); // chart redraw is debounced to the next frame, then animates
        hashes.set(kind, await canvasHash(f, chart));
      }
      await ctx.shot(`${slug}-${kind}`, { readme: opts.readme === kind });
    }
  } finally {
    await setTheme(ctx.page, 'light');
  }
  if (hashes.size === THEME_KINDS.length)
    assert.equal(
      new Set(hashes.values()).size,
      THEME_KINDS.length,
      `the chart ${chart} should be redrawn in each theme's colours`,
    );
}
