import assert from 'node:assert/strict';
import { join } from 'node:path';
import { answerOpenDialog } from '../harness/fileDialog';
import { chooseLogInPicker, pickQuickItem, runCommand } from '../harness/palette';
import type { Scenario } from '../harness/scenario';
import { findWebview, waitTable } from '../harness/webview';

const INPUT = '.quick-input-widget input.input';
const ROW = '.quick-input-list .monaco-list-row';

export const scenario: Scenario = {
  name: 'from the palette, Analyze Eval Log offers the workspace logs in a Quick Pick, Browse… last',
  order: 15,
  async run({ page, ws, log, shot }) {
    await runCommand(page, 'Cost-Risk Lab: Analyze Eval Log');
    await page.locator(ROW).first().waitFor({ timeout: 15_000 });
    const first = (await page.locator(`${ROW} .label-name`).allTextContents()).map((t) => t.trim());
    log(`quick pick opens with: ${first.join(' | ')}`);
    await shot('palette-log-picker');
    // The list is virtualised (only the rows in sight are in the page): each log is looked up by
    // typing its name into the filter, as a user with many logs would.
    for (const f of [...ws.logs, ...ws.thirdParty.map((t) => t.file)]) await chooseLogInPicker(page, f, false);
    await page.locator(INPUT).fill(ws.unrelated);
    await page.waitForTimeout(300);
    const unrelated = (await page.locator(`${ROW} .label-name`).allTextContents()).map((t) => t.trim());
    assert.ok(!unrelated.includes(ws.unrelated), 'the unrelated JSON is not offered');
    // A log the Eval Logs view already read shows its models (read in the tree scenario).
    const detail = await chooseLogInPicker(page, 'mmlu-llama.jsonl', false);
    log(`mmlu-llama.jsonl row: ${detail}`);
    assert.match(detail, /5 models: llama3\.2-1b/);
    await chooseLogInPicker(page, 'repeat.jsonl');
    const view = await findWebview(page, { text: /Model Overview: repeat\.jsonl/ });
    const table = await waitTable(view, '[data-table="models"] table', 2);
    assert.deepEqual(table.rows.map((r) => r.Model.replace(/^★\s*/, '')).sort(), ['local:mini', 'local:thinker']);
    // "Browse…" opens the file dialog over any file.
    await runCommand(page, 'Cost-Risk Lab: Analyze Eval Log');
    await page.locator(INPUT).fill('Browse');
    await pickQuickItem(page, /Browse…/);
    await answerOpenDialog(page, join(ws.dir, 'medmcqa-llama.jsonl'));
    await findWebview(page, { text: /Model Overview: medmcqa-llama\.jsonl/ }, 60_000);
    await page.keyboard.press('Escape');
  },
};
