import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../harness/scenario';
import { poll } from '../harness/sleep';
import { captureThemes } from '../harness/themeShots';
import { openViewOnLog, pressOnSlider } from '../harness/views';
import { findWebview, readTable, waitCanvasesDrawn, waitTable } from '../harness/webview';

const HEADLINE = '[data-recommended]';
const RANKING = '[data-table="ranking"] table';

/** Test-split means of one model recomputed from the log: error rate, cost and latency per query. */
function testMeans(file: string, model: string): { error: number; cost: number; latency: number } {
  let n = 0,
    wrong = 0,
    cost = 0,
    lat = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.includes(`"model": "${model}"`) || !line.includes('"split": "test"')) continue;
    const r = JSON.parse(line) as { correct: boolean; cost_usd: number; latency_s: number };
    n++;
    if (!r.correct) wrong++;
    cost += r.cost_usd;
    lat += r.latency_s;
  }
  return { error: wrong / n, cost: cost / n, latency: lat / n };
}

export const scenario: Scenario = {
  name: 'Economic Evaluation: moving the price of error changes the recommendation',
  order: 50,
  timeoutMs: 180_000,
  async run(ctx) {
    const { page, ws, log } = ctx;
    const view = await openViewOnLog(
      page,
      'Cost-Risk Lab: Economic Evaluation: Which System to Deploy at My Prices',
      'Economic Evaluation',
      'mmlu-llama.jsonl',
    );
    await waitTable(view, RANKING, 5, 120_000);
    const recommended = async (): Promise<string> => (await view.locator(`${HEADLINE} strong`).innerText()).trim();

    // cheapest extreme: λ_E at its minimum, then at its maximum: the recommendation changes
    await pressOnSlider(view, '#price-error-slider', 'Home');
    const low = await poll(
      'a recommendation at the lowest price of error',
      async () => {
        const v = await view.locator('#price-error-value').evaluate((e) => (e as HTMLInputElement).value);
        return v === '0.0001' ? recommended() : undefined;
      },
      10_000,
    );
    const lowTable = await readTable(view, RANKING);
    await pressOnSlider(view, '#price-error-slider', 'End');
    const high = await poll(
      'a different recommendation at the highest price of error',
      async () => {
        const r = await recommended();
        return r !== low ? r : undefined;
      },
      10_000,
    );
    const highTable = await readTable(view, RANKING);
    log(`λ_E = $0.0001: ${low}; λ_E = $10,000: ${high}`);

    // each time, the headline names the top row of the ranking, and a costlier price of error never
    // recommends a system with a higher error rate
    assert.equal(lowTable.rows[0].System, low);
    assert.equal(highTable.rows[0].System, high);
    const err = (t: typeof lowTable, name: string): number =>
      Number(t.rows.find((r) => r.System === name)?.['Error rate']);
    assert.ok(
      err(highTable, high) <= err(lowTable, low),
      `error rate ${err(lowTable, low)} at low λ_E vs ${err(highTable, high)} at high λ_E`,
    );

    // single models' figures equal a recount of the log (test split)
    const file = join(ws.dir, 'mmlu-llama.jsonl');
    for (const r of highTable.rows.filter((x) => x.Kind === 'model')) {
      const m = testMeans(file, r.System);
      assert.equal(r['Error rate'], m.error.toFixed(3), `${r.System} error rate`);
      assert.equal(r.Latency, `${Number(m.latency.toPrecision(3))} s`, `${r.System} latency`);
    }
    // a typed price is taken as well: $0.01 per error (a cheap-error use case) changes the pick again
    await view.locator('#price-error-value').evaluate((e) => {
      (e as HTMLInputElement).value = '0.01';
      e.dispatchEvent(new Event('change'));
    });
    const typed = await poll(
      'a new recommendation at a typed price of $0.01 per error',
      async () => {
        const r = await recommended();
        return r !== high ? r : undefined;
      },
      10_000,
    );
    log(`λ_E = $0.01 (typed): ${typed}`);
    await waitCanvasesDrawn(view, 2, 0.005, '[data-chart] canvas');
    await captureThemes(
      ctx,
      'economic-evaluation',
      () => findWebview(page, { text: /Economic Evaluation: mmlu-llama\.jsonl/ }),
      { readme: 'light', chart: '[data-chart="reward-curves"] canvas' },
    );
  },
};
