import assert from 'node:assert/strict';
import { runCommand, pickQuickItem } from '../harness/palette';
import type { Scenario } from '../harness/scenario';
import { findWebview, waitTable } from '../harness/webview';

export const scenario: Scenario = {
  name: 'walkthrough: its first step opens the bundled example log',
  order: 40,
  async run({ page, log, shot }) {
    await runCommand(page, 'Welcome: Open Walkthrough...');
    await pickQuickItem(page, /Get started with Cost-Risk Lab/);
    const step = page.locator('.getting-started-step', { hasText: 'Open a real example log' }).first();
    await step.waitFor();
    await step.click();
    await shot('walkthrough');
    await step.locator('.monaco-button, a', { hasText: 'Open Example Eval Log' }).first().click();
    const view = await findWebview(page, { text: /Model Overview: mmlu-llama\.jsonl/ });
    const table = await waitTable(view, '[data-table="models"] table', 5);
    log(table.rows.map((r) => `${r.Model} ${r.Accuracy}`).join('; '));
    assert.deepEqual(table.rows.map((r) => r.Accuracy).sort(), ['0.425', '0.572', '0.634', '0.815', '0.852']);
    // it is the copy shipped inside the extension, not the workspace's
    assert.match(await view.evaluate(() => document.body.innerText), /extensions\/.*examples\/mmlu-llama\.jsonl/);
  },
};
