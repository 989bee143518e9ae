import assert from 'node:assert/strict';
import type { Scenario } from '../harness/scenario';
import { poll } from '../harness/sleep';
import { captureThemes } from '../harness/themeShots';
import { openLogView, pressOnSlider } from '../harness/views';
import { readTable, waitCanvasesDrawn, waitTable } from '../harness/webview';

const TABLE = '[data-table="hitl-summary"] table';

export const scenario: Scenario = {
  name: 'Human in the Loop: curves drawn, the utilisation slider moves the current system',
  order: 55,
  async run(ctx) {
    const { log } = ctx;
    const { view, find } = await openLogView(
      ctx,
      'Cost-Risk Lab: Human in the Loop: Ask or Fail Fast',
      'Human in the Loop',
      'mmlu-qwen-oai.jsonl',
    );
    await waitCanvasesDrawn(view, 1, 0.005, '[data-chart="accuracy-rejection"] canvas', 60_000);
    await waitTable(view, TABLE, 2, 60_000);

    // u = 0 is "Ask": the current row is Ask
    await pressOnSlider(view, '#utilization', 'Home');
    await poll(
      'u = 0 selected',
      async () => ((await view.locator('output[for="utilization"]').innerText()).includes('Ask') ? true : undefined),
      10_000,
    );
    let t = await readTable(view, TABLE);
    assert.match(t.rows[0].Configuration, /^▸ Ask/, `at u = 0 the current system is Ask: ${t.rows[0].Configuration}`);
    const line0 = await view.locator('#system-line').innerText();

    // four steps right: u = 20 %, "Fail Fast, or Ask at 20%" becomes current, the headline follows
    await pressOnSlider(view, '#utilization', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight');
    await poll(
      'u = 20 % selected',
      async () => ((await view.locator('output[for="utilization"]').innerText()).startsWith('20') ? true : undefined),
      10_000,
    );
    t = await readTable(view, TABLE);
    const current = t.rows.filter((r) => r.Configuration.startsWith('▸'));
    log('current:', current, 'headline:', await view.locator('#system-line').innerText());
    assert.equal(current.length, 1);
    assert.match(current[0].Configuration, /Fail Fast, or Ask at 20/);
    assert.equal(current[0].u.replace(/\.0+%$/, '%'), '20%');
    assert.notEqual(await view.locator('#system-line').innerText(), line0, 'the headline follows the slider');
    assert.match(t.rows[0]['Δ AUARC'], /^(—|[+−-]?0\.0%)$/, 'Ask is the baseline of the deltas');
    assert.match(current[0]['ΔL'], /^[+−-]\d/, 'Fail Fast, or Ask shows its latency change against Ask');

    await captureThemes(ctx, 'human-in-the-loop', find, {
      readme: 'dark',
      chart: '[data-chart="accuracy-rejection"] canvas',
    });
  },
};
