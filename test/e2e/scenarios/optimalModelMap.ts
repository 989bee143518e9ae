import assert from 'node:assert/strict';
import type { Scenario } from '../harness/scenario';
import { poll } from '../harness/sleep';
import { captureThemes } from '../harness/themeShots';
import { openViewOnLog } from '../harness/views';
import { findWebview, readTable, waitCanvasesDrawn, waitTable, type ShownTable } from '../harness/webview';

const SHARES = '[data-table="map-shares"] table';
const CRITICAL = '[data-table="critical-prices"] table';
const LLAMAS = ['llama3.2-1b', 'llama3.2-3b', 'llama3.1-8b', 'llama3.1-70b', 'llama3.1-405b'];
const usd = (s: string): number => Number(s.replace(/[$,]/g, ''));

export const scenario: Scenario = {
  name: 'Optimal-Model Map: the map is drawn, winners share the cells, single models only when asked',
  order: 52,
  timeoutMs: 180_000,
  async run(ctx) {
    const { page, log } = ctx;
    const view = await openViewOnLog(
      page,
      'Cost-Risk Lab: Optimal-Model Map: Best System by Price of Error and Latency',
      'Optimal-Model Map',
      'mmlu-llama.jsonl',
    );
    const shares = await waitTable(view, SHARES, 1, 120_000);
    await waitCanvasesDrawn(view, 1, 0.05, '[data-chart="optimal-model-map"] canvas');
    log('winners:', shares.rows.map((r) => `${r.System} ${r['Share of cells']}`).join('; '));
    const total = shares.rows.reduce((s, r) => s + Number(r['Share of cells']), 0);
    assert.ok(
      Math.abs(total - 1) <= 0.0005 * shares.rows.length + 1e-9,
      `the winners' shares of the map sum to 1 (${total})`,
    );

    // the exact switch points: the winner changes at each, and they rise along a row of λ_L
    const critical = await readTable(view, CRITICAL);
    assert.ok(critical.rows.length > 0, 'critical prices are listed');
    const byRow = new Map<string, number[]>();
    for (const r of critical.rows) {
      assert.notEqual(r['Best below'], r['Best above'], `the winner changes at λ_E = ${r['Critical λ_E']}`);
      byRow.set(r['λ_L ($/min)'], [...(byRow.get(r['λ_L ($/min)']) ?? []), usd(r['Critical λ_E'])]);
    }
    for (const [l, xs] of byRow)
      assert.deepEqual(
        xs,
        [...xs].sort((a, b) => a - b),
        `critical prices ascend at λ_L = ${l}/min`,
      );

    // only single models: every winner is one of the log's models
    for (const label of ['cascades (small → big)', 'models with abstention']) {
      const box = view.locator('[data-control="checkbox"]', { hasText: label });
      if ((await box.getAttribute('aria-checked')) === 'true') await box.click();
    }
    const models = await poll<ShownTable>(
      'a map of single models only',
      async () => {
        const t = await readTable(view, SHARES);
        return t.rows.length > 0 && t.rows.every((r) => LLAMAS.includes(r.System)) ? t : undefined;
      },
      60_000,
    );
    log('single models only:', models.rows.map((r) => `${r.System} ${r['Share of cells']}`).join('; '));
    // at the highest prices of error the most accurate model wins
    const dearest = models.rows.reduce((a, b) =>
      usd(b['Highest λ_E where it wins']) > usd(a['Highest λ_E where it wins']) ? b : a,
    );
    assert.equal(dearest.System, 'llama3.1-405b', 'the most accurate model wins at the top price of error');
    // cascades back on (models with abstention stay off: at λ_A = $0 free abstention would win every cell)
    await view.locator('[data-control="checkbox"]', { hasText: 'cascades (small → big)' }).click();
    await poll(
      'cascades back on the map',
      async () => ((await readTable(view, SHARES)).rows.some((r) => !LLAMAS.includes(r.System)) ? true : undefined),
      60_000,
    );

    await captureThemes(
      ctx,
      'optimal-model-map',
      () => findWebview(page, { text: /Optimal-Model Map: mmlu-llama\.jsonl/ }),
      { readme: 'light', chart: '[data-chart="optimal-model-map"] canvas' },
    );
  },
};
