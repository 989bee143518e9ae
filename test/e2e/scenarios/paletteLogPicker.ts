import assert from 'node:assert/strict';
import { pickQuickItem, runCommand } from '../harness/palette';
import type { Scenario } from '../harness/scenario';
import { findWebview, waitTable } from '../harness/webview';

const ROW = '.quick-input-list .monaco-list-row';

export const scenario: Scenario = {
  name: 'from the palette, Analyze Eval Log offers the workspace logs in a Quick Pick, Browse… last',
  order: 15,
  async run({ page, ws, log, shot }) {
    await runCommand(page, 'Cost-Risk Lab: Analyze Eval Log');
    await page.locator(ROW).first().waitFor({ timeout: 15_000 });
    const labels = (await page.locator(`${ROW} .label-name`).allTextContents()).map((t) => t.trim());
    log(`quick pick: ${labels.join(' | ')}`);
    for (const f of [...ws.logs, ...ws.thirdParty.map((t) => t.file)]) assert.ok(labels.includes(f), `${f} is offered`);
    assert.ok(!labels.includes(ws.unrelated), 'the unrelated JSON is not offered');
    assert.match(labels[labels.length - 2] ?? '', /Browse…/, 'Browse… comes after the logs');
    // A log the Eval Logs view already read shows its models (read in the tree scenario).
    const detail = (await page.locator(ROW).filter({ hasText: 'mmlu-llama.jsonl' }).first().textContent()) ?? '';
    assert.match(detail, /5 models: llama3\.2-1b/);
    await shot('palette-log-picker');
    await pickQuickItem(page, 'repeat.jsonl');
    const view = await findWebview(page, { text: /Model Overview: repeat\.jsonl/ });
    const table = await waitTable(view, '[data-table="models"] table', 2);
    assert.deepEqual(table.rows.map((r) => r.Model.replace(/^★\s*/, '')).sort(), ['local:mini', 'local:thinker']);
    await page.keyboard.press('Escape');
  },
};
