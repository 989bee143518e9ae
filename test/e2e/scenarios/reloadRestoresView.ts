import assert from 'node:assert/strict';
import { join } from 'node:path';
import { splitFigures } from '../harness/expected';
import type { Scenario } from '../harness/scenario';
import { chooseDropdown, dropdownText } from '../harness/toolkit';
import { poll } from '../harness/sleep';
import { findWebview, readTable, waitTable } from '../harness/webview';
import { openViewOnLog } from '../harness/views';
import { reloadWindow } from '../harness/workbench';

const TITLE = /Model Overview: mmlu-qwen-oai\.jsonl/;

export const scenario: Scenario = {
  name: 'reload the window: an open view restores its state',
  order: 90,
  async run({ page, ws, log }) {
    // open from the palette: the command asks for a file (code-server's own file dialog)
    let view = await openViewOnLog(page, 'Cost-Risk Lab: Analyze Eval Log', 'Model Overview', 'mmlu-qwen-oai.jsonl');
    await waitTable(view, '[data-table="models"] table', 4);
    await chooseDropdown(view, '#split', /^\s*train/);
    const train = splitFigures(join(ws.dir, 'mmlu-qwen-oai.jsonl'), 'train');
    const n = String([...train.values()][0].n);
    await poll(
      `train split rows (n = ${n})`,
      async () =>
        (await readTable(view, '[data-table="models"] table')).rows.every((r) => r.n === n) ? true : undefined,
      10_000,
    );
    const before = await dropdownText(view, '#split');
    log('before reload:', before);

    await reloadWindow(page);
    view = await findWebview(page, { text: TITLE }, 60_000);
    const t = await waitTable(view, '[data-table="models"] table', 4);
    const after = await dropdownText(view, '#split');
    log('after reload:', after);
    assert.equal(after, before, 'the split chosen before the reload is chosen again');
    for (const r of t.rows) {
      const want = train.get(r.Model.replace(/^★\s*/, ''));
      assert.equal(r.n, String(want?.n), `${r.Model}: train n after reload`);
      assert.equal(r.Accuracy, want?.accuracy.toFixed(3), `${r.Model}: train accuracy after reload`);
    }
  },
};
