import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { formatProblems, layoutProblems } from '../../helpers/layoutCheck';
import type { E2EContext } from './scenario';
import { setTheme, THEME_KINDS, webviewThemeClass, type ThemeKind } from './theme';
import { canvasHash, waitCanvasesDrawn } from './webview';
import { poll } from './sleep';
import { showContainer } from './tree';

/** The workbench sizes of the screenshots: a laptop screen, and a small window (a ~450 px editor beside the side bar). */
const WIDE = { width: 1440, height: 900 };
const SMALL = { width: 800, height: 600 };

/**
 * Screenshots a view in the light, dark and high-contrast themes at 1440×900
 * (test-results/e2e/<slug>-<theme>.png) and 800×600 (<slug>-<theme>-800x600.png), checking on the
 * way that the webview follows the theme (its body takes the theme's class and its charts are
 * redrawn in the new colours: drawn, and different pixels) and that at both sizes nothing in the
 * webview overflows the page sideways or clips its text (test/helpers/layoutCheck.ts). Ends in
 * the light theme at 1440×900.
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
  const layout: string[] = [];
  const checkLayout = async (f: Frame, where: string): Promise<void> => {
    const problems = await layoutProblems(f);
    const width = await f.evaluate(() => document.documentElement.clientWidth);
    ctx.log(`layout ${where}: webview ${width} px wide, ${problems.length} problem(s)`);
    if (problems.length) layout.push(`${where} (${width} px):\n${formatProblems(problems)}`);
  };
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
      await checkLayout(f, `${kind} ${WIDE.width}×${WIDE.height}`);
      await ctx.page.setViewportSize(SMALL);
      await ctx.page.waitForTimeout(600); // the workbench lays out again, then the webview and its charts
      await ctx.shot(`${slug}-${kind}-${SMALL.width}x${SMALL.height}`);
      await checkLayout(await frame(), `${kind} ${SMALL.width}×${SMALL.height}`);
      await ctx.page.setViewportSize(WIDE);
    }
  } finally {
    await ctx.page.setViewportSize(WIDE);
    await setTheme(ctx.page, 'light');
  }
  assert.equal(layout.length, 0, `the ${slug} view does not fit its editor:\n${layout.join('\n\n')}`);
  if (hashes.size === THEME_KINDS.length)
    assert.equal(
      new Set(hashes.values()).size,
      THEME_KINDS.length,
      `the chart ${chart} should be redrawn in each theme's colours`,
    );
}
