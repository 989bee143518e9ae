import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openContextMenu, runContextMenu } from '../harness/contextMenu';
import { ROOT } from '../harness/paths';
import { paletteTitles, runCommand } from '../harness/palette';
import type { Scenario } from '../harness/scenario';
import { poll } from '../harness/sleep';
import { clickViewAction, showContainer, treeRows, viewPane, waitTreeRow } from '../harness/tree';
import { findWebview, waitTable } from '../harness/webview';

interface Contributes {
  commands: { command: string; title: string; category?: string }[];
  menus?: { commandPalette?: { command: string; when?: string }[] };
}

export const scenario: Scenario = {
  name: 'commands in the palette, Eval Logs context menu and title actions',
  order: 15,
  async run({ page, ws, log }) {
    // every contributed command not hidden from the palette is offered under "Cost-Risk Lab:"
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: Contributes };
    const hidden = new Set(
      (pkg.contributes.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command),
    );
    const expected = pkg.contributes.commands
      .filter((c) => !hidden.has(c.command))
      .map((c) => `${c.category}: ${c.title}`);
    const shown = await paletteTitles(page, 'Cost-Risk Lab: ');
    log('palette:', shown.join(' | '));
    // The palette renders only the rows in view: a command below them is looked up by its own title.
    for (const t of expected)
      if (!shown.includes(t)) assert.ok((await paletteTitles(page, t)).includes(t), `"${t}" is in the command palette`);

    // tree item context menu: a log offers Analyze and Open Log File; Open Log File opens the file
    await showContainer(page);
    const pane = viewPane(page, 'Eval Logs');
    const row = await waitTreeRow(pane, 'mmlu-qwen-oai.jsonl');
    const entries = await openContextMenu(page, row.row);
    log('context menu:', entries.join(' | '));
    assert.ok(entries.includes('Analyze Eval Log') && entries.includes('Open Log File'), `entries: ${entries}`);
    await runContextMenu(page, row.row, 'Open Log File');
    await page.locator('.tabs-container .tab.active', { hasText: 'mmlu-qwen-oai.jsonl' }).waitFor();

    // clicking a log in the tree opens its Model Overview
    await (await waitTreeRow(pane, 'medmcqa-llama.jsonl')).row.locator('.label-name').click();
    const view = await findWebview(page, { text: /Model Overview: medmcqa-llama\.jsonl/ });
    await waitTable(view, '[data-table="models"] table', 5);

    // the view's Refresh title action rescans: a new log appears, a deleted one goes
    const copy = join(ws.dir, 'copy-of-mmlu-llama.jsonl');
    copyFileSync(join(ws.dir, 'mmlu-llama.jsonl'), copy);
    await runCommand(page, 'Cost-Risk Lab: Refresh Eval Logs');
    await poll(
      'the new log in the tree',
      async () => ((await treeRows(pane)).some((r) => r.label === 'copy-of-mmlu-llama.jsonl') ? true : undefined),
      15_000,
    );
    rmSync(copy);
    await clickViewAction(page, 'Eval Logs', 'Refresh Eval Logs');
    await poll(
      'the deleted log gone from the tree',
      async () => ((await treeRows(pane)).some((r) => r.label === 'copy-of-mmlu-llama.jsonl') ? undefined : true),
      15_000,
    );
  },
};
