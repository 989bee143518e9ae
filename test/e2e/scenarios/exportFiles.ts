import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explorerRow, runContextMenu, showExplorer } from '../harness/contextMenu';
import { splitFigures } from '../harness/expected';
import { acceptSaveDialog } from '../harness/fileDialog';
import { waitToast } from '../harness/notifications';
import type { Scenario } from '../harness/scenario';
import { poll } from '../harness/sleep';
import { findWebview, waitCanvasesDrawn, waitTable } from '../harness/webview';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const scenario: Scenario = {
  name: 'Model Overview exports its table as CSV and its chart as PNG',
  order: 25,
  async run({ page, ws, log }) {
    await showExplorer(page);
    await runContextMenu(page, explorerRow(page, 'medmcqa-qwen-oai.jsonl'), 'Analyze Eval Log');
    const view = await findWebview(page, { text: /Model Overview: medmcqa-qwen-oai\.jsonl/ });
    await waitTable(view, '[data-table="models"] table', 4);

    // CSV of the table: one row per model, full-precision accuracies equal to a recount of the log
    await view.locator('[data-table="models"] [data-export="csv"]').click();
    const csvPath = await acceptSaveDialog(page, 'csv');
    log('CSV saved to', csvPath);
    assert.ok(csvPath.startsWith(ws.dir), `proposed in the workspace folder: ${csvPath}`);
    await waitToast(page, /saved .*\.csv/);
    const csv = await poll(
      'the CSV file',
      async () => (existsSync(csvPath) ? readFileSync(csvPath, 'utf8') : undefined),
      10_000,
    );
    const [header, ...rows] = csv
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    const col = (name: string): number => header.indexOf(name);
    assert.ok(col('model') >= 0 && col('accuracy') >= 0, `CSV header: ${header}`);
    const want = splitFigures(join(ws.dir, 'medmcqa-qwen-oai.jsonl'), 'test');
    assert.equal(rows.length, want.size);
    for (const r of rows) {
      const m = want.get(r[col('model')].replace(/^"|"$/g, ''));
      assert.ok(m, `CSV model ${r[col('model')]}`);
      assert.ok(
        Math.abs(Number(r[col('accuracy')]) - m.accuracy) < 1e-12,
        `${r[col('model')]} accuracy ${r[col('accuracy')]} vs recount ${m.accuracy}`,
      );
    }

    // PNG of the chart
    await waitCanvasesDrawn(view, 1, 0.005, '[data-chart="accuracy-cost"] canvas');
    await view.locator('[data-chart="accuracy-cost"] [data-export="png"]').click();
    const pngPath = await acceptSaveDialog(page, 'png');
    const png = await poll(
      'the PNG file',
      async () => (existsSync(pngPath) ? readFileSync(pngPath) : undefined),
      10_000,
    );
    assert.ok(png.subarray(0, 8).equals(PNG_MAGIC), 'a PNG file');
    assert.ok(png.length > 5_000, `a real chart image (${png.length} bytes)`);
  },
};
