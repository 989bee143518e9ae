import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeSecondRun } from '../../helpers/secondRun';
import { chooseLogInPicker, runCommand } from '../harness/palette';
import { ROOT } from '../harness/paths';
import type { Scenario } from '../harness/scenario';
import { poll } from '../harness/sleep';
import { findWebview, readTable } from '../harness/webview';

const BASELINE = 'mmlu-llama.jsonl';
const AFTER = 'mmlu-llama-after.jsonl';
const MODEL = 'llama3.1-405b';
const ROW = '.quick-input-list .monaco-list-row';

/** A count as shown ("1,234"), as a number. */
const count = (s: string | undefined): number => Number((s ?? '').replace(/,/g, ''));

export const scenario: Scenario = {
  name: 'Compare Runs: a Model Overview of two runs; the agreement counts against the baseline equal costrisk compare --json',
  order: 95,
  timeoutMs: 240_000,
  async run({ page, ws, log }) {
    // A second run of the example log, as after a prompt change (every 7th answer flipped).
    const after = join(ws.dir, AFTER);
    writeSecondRun(join(ws.dir, BASELINE), after);
    try {
      await runCommand(page, 'Cost-Risk Lab: Analyze Eval Log');
      await chooseLogInPicker(page, BASELINE);
      const overview = await findWebview(page, { text: /Model Overview: mmlu-llama\.jsonl/ });
      await overview.locator('[data-control="button"]', { hasText: 'Compare Runs…' }).first().click();
      // The multi-select Quick Pick of the workspace's other logs: tick the second run, accept.
      const input = page.locator('.quick-input-widget input.input');
      await input.waitFor({ timeout: 15_000 });
      await input.fill(AFTER);
      const row = page.locator(ROW).filter({ hasText: AFTER }).first();
      await row.waitFor({ timeout: 15_000 });
      await row.locator('input[type="checkbox"], .monaco-checkbox, .quick-input-list-checkbox').first().click();
      await page.keyboard.press('Enter');
      const runs = await findWebview(page, { text: /Model Overview: mmlu-llama\.jsonl \+ 1 run/ }, 60_000);
      const shown = await poll(
        `the comparison of ${MODEL} in the later run with the baseline`,
        async () => (await readTable(runs, '[data-table="run-accuracy"] table')).rows.find((r) => r.Model === MODEL),
        120_000,
      );
      log('shown:', shown);
      const cli = JSON.parse(
        execFileSync(
          process.execPath,
          [
            join(ROOT, 'dist', 'cli.js'),
            'compare',
            after,
            join(ws.dir, BASELINE),
            '--model',
            MODEL,
            '--where',
            'split=test',
            '--json',
          ],
          { encoding: 'utf8' },
        ),
      ) as { agreement: { both_right: number; only_a_right: number; only_b_right: number; both_wrong: number } };
      const g = cli.agreement;
      log('costrisk compare --json:', g);
      assert.ok(g.only_a_right > 0 && g.only_b_right > 0, 'discordant queries both ways');
      assert.deepEqual(
        [shown['Both right'], shown['Only run right'], shown['Only baseline right'], shown['Both wrong']].map(count),
        [g.both_right, g.only_a_right, g.only_b_right, g.both_wrong],
      );
    } finally {
      rmSync(after, { force: true });
    }
  },
};
