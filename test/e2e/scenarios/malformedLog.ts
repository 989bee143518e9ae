import assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { explorerRow, runContextMenu, showExplorer } from '../harness/contextMenu';
import { clickToastButton, outputPanelText, waitToast } from '../harness/notifications';
import type { Scenario } from '../harness/scenario';
import { escapeRegExp } from '../harness/text';
import { findWebview, waitTable, waitWebviewText } from '../harness/webview';

export const scenario: Scenario = {
  name: 'a malformed log: error notification, Show Details names the bad lines, extension keeps working',
  order: 30,
  async run({ page, ws, log, shot }) {
    const file = ws.malformed.file;
    // a fresh version of the file on disk, so it is read (and its problems announced) anew whatever ran before
    const now = new Date();
    utimesSync(join(ws.dir, file), now, now);

    await showExplorer(page);
    await runContextMenu(page, explorerRow(page, file), 'Analyze Eval Log');
    const toast = await waitToast(page, new RegExp(escapeRegExp(file)));
    log('notification:', toast.message);
    assert.equal(toast.severity, 'error');
    assert.match(
      toast.message,
      new RegExp(`\\b${ws.malformed.badLines.length} line\\(?s?\\)? skipped`),
      'says how many lines were skipped',
    );
    assert.ok(toast.buttons.includes('Show Details'), `buttons: ${toast.buttons}`);
    await shot('malformed-notification');

    await clickToastButton(toast, 'Show Details');
    const out = await outputPanelText(page, 'Cost-Risk Lab', ws.malformed.badLines.length + 1);
    log('output channel:\n' + out);
    for (const b of ws.malformed.badLines)
      assert.match(
        out,
        new RegExp(`${escapeRegExp(file)}:${b.line}:`),
        `the output names line ${b.line} (${b.problem})`,
      );
    await shot('malformed-output-channel');

    // the valid records of the broken log are still analysed
    const view = await findWebview(page, { text: new RegExp(`Model Overview: ${escapeRegExp(file)}`) });
    const table = await waitTable(view, '[data-table="models"] table', ws.malformed.models.length);
    assert.deepEqual(table.rows.map((r) => r.Model.replace(/^★\s*/, '')).sort(), [...ws.malformed.models].sort());
    for (const r of table.rows)
      assert.equal(Number(r.n), ws.malformed.validLines / ws.malformed.models.length, `${r.Model} n`);
    await waitWebviewText(view, new RegExp(`${ws.malformed.badLines.length} lines skipped`));

    // and the extension keeps working: another log opens normally
    await runContextMenu(page, explorerRow(page, 'medmcqa-llama.jsonl'), 'Analyze Eval Log');
    const next = await findWebview(page, { text: /Model Overview: medmcqa-llama\.jsonl/ });
    const t2 = await waitTable(next, '[data-table="models"] table', 5);
    assert.equal(t2.rows.length, 5);
  },
};
