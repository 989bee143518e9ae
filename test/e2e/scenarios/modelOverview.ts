import assert from 'node:assert/strict';
import { join } from 'node:path';
import { splitFigures } from '../harness/expected';
import { explorerRow, runContextMenu, showExplorer } from '../harness/contextMenu';
import type { Scenario } from '../harness/scenario';
import { captureThemes } from '../harness/themeShots';
import { findWebview, waitCanvasesDrawn, waitTable } from '../harness/webview';

/** Issue 2: MMLU Llama test accuracies, to three places. */
const MMLU_LLAMA_TEST = ['0.425', '0.572', '0.634', '0.815', '0.852'];
const TITLE = /Model Overview: mmlu-llama\.jsonl/;

export const scenario: Scenario = {
  name: 'right-click a log, Analyze Eval Log, Model Overview shows its numbers',
  order: 20,
  async run(ctx) {
    const { page, ws, log } = ctx;
    await showExplorer(page);
    await runContextMenu(page, explorerRow(page, 'mmlu-llama.jsonl'), 'Analyze Eval Log');
    await page.locator('.tabs-container .tab', { hasText: TITLE }).waitFor();
    const view = await findWebview(page, { text: TITLE });
    const table = await waitTable(view, '[data-table="models"] table', 5);
    log(table.rows.map((r) => `${r.Model} ${r.Accuracy} ${r['Cost / query']} n=${r.n}`).join('; '));

    assert.deepEqual(table.rows.map((r) => r.Accuracy).sort(), MMLU_LLAMA_TEST, 'test-split accuracies');
    const recomputed = splitFigures(join(ws.dir, 'mmlu-llama.jsonl'), 'test');
    for (const r of table.rows) {
      const model = r.Model.replace(/^★\s*/, '');
      const want = recomputed.get(model);
      assert.ok(want, `unexpected model ${model}`);
      assert.equal(r.Accuracy, want.accuracy.toFixed(3), `${model} accuracy`);
      assert.equal(r.n.replace(/,/g, ''), String(want.n), `${model} n`);
      assert.match(r['Cost / query'], /^\$\d/, `${model} cost per query`);
    }
    // the most accurate model is on the frontier (nothing is more accurate)
    const best = table.rows.find((r) => r.Accuracy === '0.852');
    assert.equal(best?.Frontier, 'yes');
    assert.equal(
      await view.locator('#split').evaluate((e) => (e as HTMLSelectElement).value),
      'test',
      'the test split is shown by default',
    );
    const ink = await waitCanvasesDrawn(view, 1, 0.005, '[data-chart="accuracy-cost"] canvas');
    log('scatter ink', ink.map((c) => c.ink.toFixed(3)).join(', '));

    await captureThemes(ctx, 'model-overview', () => findWebview(page, { text: TITLE }), {
      readme: 'dark',
      chart: '[data-chart="accuracy-cost"] canvas',
    });

    // "Analyse further" opens another analysis of the same log (then closed, to leave its own scenario a fresh view)
    await (await findWebview(page, { text: TITLE })).locator('[data-next] [data-view="riskGuarantee"]').click();
    const tab = page.locator('.tabs-container .tab', { hasText: /Risk Guarantee: mmlu-llama\.jsonl/ });
    await tab.waitFor({ timeout: 30_000 });
    log('Analyse further → Risk Guarantee opened');
    await tab.hover();
    await tab.locator('.tab-actions .action-label').click();
    await tab.waitFor({ state: 'detached', timeout: 15_000 });
  },
};
