import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptSaveDialog } from '../harness/fileDialog';
import { waitToast } from '../harness/notifications';
import { chooseLogInPicker, exactLabel, pickQuickItem, runCommand } from '../harness/palette';
import { ROOT } from '../harness/paths';
import type { Scenario } from '../harness/scenario';
import { poll } from '../harness/sleep';

const LOG = 'medmcqa-qwen-oai.jsonl';

/** Every exact number of a report page: its number cells carry their full-precision value in `data-value`. */
const dataValues = (html: string): string[] => [...html.matchAll(/data-value="([^"]*)"/g)].map((m) => m[1]);

export const scenario: Scenario = {
  name: 'Export Report: the HTML report of a bundled log holds the numbers and headlines of costrisk report',
  order: 58,
  timeoutMs: 300_000,
  async run({ page, ws, log }) {
    await runCommand(page, 'Cost-Risk Lab: Export Report…');
    await chooseLogInPicker(page, LOG);
    await pickQuickItem(page, exactLabel('HTML'));
    await pickQuickItem(page, "The report's default prices");
    const target = join(ws.dir, 'e2e-report.html');
    await acceptSaveDialog(page, 'html', target);
    const toast = await waitToast(page, /saved e2e-report\.html/, 240_000);
    log('toast:', toast.message, toast.buttons);
    assert.deepEqual(toast.buttons, ['Open in Browser', 'Open']);
    const html = await poll(
      'the report file',
      async () => (existsSync(target) ? readFileSync(target, 'utf8') : undefined),
      10_000,
    );
    assert.match(html, /^<!DOCTYPE html>/i);
    assert.doesNotMatch(html, /<script/i, 'a page that runs nothing');

    // The same report from the CLI of the same package, on the same log.
    const dir = mkdtempSync(join(tmpdir(), 'e2e-report-'));
    try {
      const cliPage = join(dir, 'cli.html');
      const out = execFileSync(
        process.execPath,
        [join(ROOT, 'dist', 'cli.js'), 'report', join(ws.dir, LOG), '--out', cliPage],
        {
          encoding: 'utf8',
        },
      );
      const headlines = out.trim().split('\n').slice(1);
      log('costrisk report:', headlines);
      assert.equal(headlines.length, 3, 'one recommendation per default price of error');
      // The toast shows the first headline (cut to 300 characters).
      assert.ok(
        toast.message.includes(headlines[0].slice(0, 150)),
        `the toast names the first headline: ${toast.message}`,
      );
      const want = dataValues(readFileSync(cliPage, 'utf8'));
      const got = dataValues(html);
      assert.ok(want.length > 50, `${want.length} numbers in the CLI report`);
      assert.deepEqual(got, want, 'every number of the page equals the CLI report’s, in the same place');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
