import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { Scenario } from '../harness/scenario';
import { QUERY_CAPTION, queryCountLine } from '../harness/queryTable';
import { openLogView, openViewOnLog } from '../harness/views';
import { waitCanvasesDrawn, waitTable } from '../harness/webview';

/** Presses a button with the keyboard (focus, then Enter), as a keyboard user opens a drill-down. */
async function pressEnter(view: Frame, selector: string): Promise<void> {
  await view.locator(selector).focus();
  await view.locator(selector).press('Enter');
}

export const scenario: Scenario = {
  name: 'Drill-down: a map cell and an accuracy–rejection point list queries whose totals are the figure opened',
  order: 56,
  timeoutMs: 300_000,
  async run(ctx) {
    const { page, log } = ctx;
    // Optimal-Model Map: the default cell (middle price of error, $0 per minute), listed with Enter.
    const map = await openViewOnLog(
      page,
      'Cost-Risk Lab: Optimal-Model Map: Best System by Price of Error and Latency',
      'Optimal-Model Map',
      'mmlu-llama.jsonl',
    );
    await waitTable(map, '[data-table="map-shares"] table', 1, 120_000);
    await pressEnter(map, '#cell-queries');
    const mapCount = await queryCountLine(map, /mean reward (\S+) per query/, 'the map cell query table');
    const caption = await map.locator(QUERY_CAPTION).innerText();
    log('map cell:', caption, '|', mapCount);
    const rowsReward = /mean reward (\S+) per query/.exec(mapCount)![1];
    const cellReward = /expected reward (\S+) per query/.exec(caption)![1];
    assert.equal(rowsReward, cellReward, "the rows' mean reward is the cell's expected reward");
    assert.match(mapCount, /^1,531 of 1,531 queries shown/, 'every test query of mmlu-llama');

    // Human in the Loop: the default point of the first curve, listed with Enter.
    const { view } = await openLogView(
      ctx,
      'Cost-Risk Lab: Human in the Loop: Ask or Fail Fast',
      'Human in the Loop',
      'mmlu-qwen-oai.jsonl',
    );
    await waitCanvasesDrawn(view, 1, 0.005, '[data-chart="accuracy-rejection"] canvas', 60_000);
    await pressEnter(view, '#point-queries');
    const hitlCount = await queryCountLine(view, /accuracy of the accepted (\S+)/, 'the curve point query table');
    const hitlCaption = await view.locator(QUERY_CAPTION).innerText();
    log('curve point:', hitlCaption, '|', hitlCount);
    const accepted = /accuracy of the accepted (\S+)/.exec(hitlCount)![1];
    const curve = /A\(r\) = (\S+) is the accuracy/.exec(hitlCaption)![1];
    assert.equal(accepted, curve, "the accepted rows' accuracy is the curve's A(r)");
    const rate = /rejection rate (\d+)%/.exec(hitlCaption)![1];
    assert.match(
      hitlCount,
      new RegExp(`\\(rejection ${(Number(rate) / 100).toFixed(3)}\\)`),
      'the share sent to the human is r',
    );
  },
};
