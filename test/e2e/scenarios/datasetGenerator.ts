import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timeFirstChart } from '../harness/firstChart';
import { waitToast } from '../harness/notifications';
import { runCommand } from '../harness/palette';
import type { Scenario } from '../harness/scenario';
import { poll } from '../harness/sleep';
import { captureThemes } from '../harness/themeShots';
import { typeInField } from '../harness/views';
import { canvasHash, findWebview, waitCanvasesDrawn } from '../harness/webview';

const SCATTER = '[data-chart="dataset-scatter"] canvas';
const fieldValue = (f: import('playwright-core').Frame, sel: string): Promise<string> =>
  f.locator(sel).evaluate((e) => (e as HTMLInputElement).value);

export const scenario: Scenario = {
  name: 'Dataset Generator: describe a data set in words, generate it, see the scatter, export it',
  order: 70,
  timeoutMs: 180_000,
  async run(ctx) {
    const { page, ws, log } = ctx;
    const asked = Date.now();
    await runCommand(page, 'Cost-Risk Lab: Open Dataset Generator');
    const view = await findWebview(page, { text: /Dataset Generator/ });
    await timeFirstChart(view, 'Dataset Generator', 'the default archetype', asked, 'the command');
    await waitCanvasesDrawn(view, 1, 0.01, SCATTER, 60_000);

    // a sentence, read offline (no language model configured here)
    await typeInField(view, '#describe', 'five well separated clusters in 3 dimensions');
    if ((await view.locator('#use-model').getAttribute('aria-checked')) === 'true')
      await view.locator('#use-model').click();
    await view.locator('#describe-btn').click();
    await poll(
      'the description to be read',
      async () =>
        /Read offline/.test(await view.locator('[role="status"].subtitle').first().innerText()) ? true : undefined,
      30_000,
    );
    log('read as:', await view.locator('[role="status"].subtitle').first().innerText());
    assert.equal(await fieldValue(view, '#f-n_clusters'), '5', 'five clusters');
    assert.equal(await fieldValue(view, '#f-dim'), '3', 'three dimensions');

    // generate: the headline reports 3D and 5 clusters and the scatter shows them
    const before = await canvasHash(view, SCATTER);
    await view.locator('#generate').click();
    const headline = await poll(
      'a 5-cluster 3D data set',
      async () => {
        const h = await view.locator('.headline').last().innerText();
        return /3D · 5 clusters/.test(h) ? h : undefined;
      },
      60_000,
    );
    log(headline);
    await waitCanvasesDrawn(view, 1, 0.01, SCATTER);
    const after = await canvasHash(view, SCATTER);
    assert.notEqual(after, before, 'the scatter was redrawn');
    // a new seed gives a new data set
    await view.locator('#new-seed').click();
    await poll(
      'seed 2',
      async () => ((await view.locator('.view-header .headline').innerText()).includes('seed 2') ? true : undefined),
      10_000,
    );
    await poll('a new scatter', async () => ((await canvasHash(view, SCATTER)) !== after ? true : undefined), 60_000);

    // export one data set as CSV into the workspace: x1..x3 and a label column, 5 labels
    await typeInField(view, '#count', '1');
    await view.locator('#export-csv').click();
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await poll(
      'the folder dialog to show the workspace',
      async () => ((await input.inputValue()).replace(/\/$/, '') === ws.dir ? true : undefined),
      10_000,
    );
    await page.keyboard.press('Enter');
    await waitToast(page, /wrote 1 data set/);
    const csv = await poll(
      'the CSV in the workspace',
      async () => readdirSync(ws.dir).find((f) => f.endsWith('.csv') && f.includes('seed')),
      10_000,
    );
    const lines = readFileSync(join(ws.dir, csv), 'utf8').trim().split(/\r?\n/);
    log(`${csv}: ${lines.length - 1} rows, header ${lines[0]}`);
    const header = lines[0].split(',');
    assert.deepEqual(header.slice(0, 3), ['x1', 'x2', 'x3']);
    const labelCol = header.length - 1;
    assert.equal(new Set(lines.slice(1).map((l) => l.split(',')[labelCol])).size, 5, 'five cluster labels');
    assert.ok(existsSync(join(ws.dir, csv)));

    // shot with the scatter at the top (the export at the bottom of the view scrolled it away)
    await captureThemes(ctx, 'dataset-generator', () => findWebview(page, { text: /Dataset Generator/ }), {
      readme: 'dark',
      chart: SCATTER,
      scrollTo: '[data-chart="dataset-scatter"]',
    });
  },
};
