/**
 * Drill-down from the Optimal-Model Map in headless Chromium: a cell chosen with the keyboard (its
 * two prices, then Enter on "List its queries") or clicked on the map asks for its winner at its
 * operating point, and the query table the real worker job returns shows rows whose mean reward
 * is the cell's expected reward.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { econMap, type EconMapResult } from '../../src/worker/jobs/econMap';
import { mapCellQueries } from '../../src/worker/jobs/mapCellQueries';
import { decodeOptimalModelMap } from '../../src/protocol/compactOptimalModelMap';
import type { OptimalModelMap } from '../../src/engines/economics/optimalModelMap';
import type { MapCellRequest } from '../../src/protocol/optimalModelMap';
import { formatReward } from '../../webview/charts/econChartStyle';
import { realLog } from '../helpers/paths';
import { browserUnavailable, WebviewTestServer, type ViewHarness } from './harness';
import { jobCtx, waitForPosted, waitQueryCount } from './viewFixture';

const skip = browserUnavailable() ?? false;
const FILE = realLog('medmcqa-llama');
const KINDS = { models: true, cascades: true, abstention: true, routers: true };
const OVERHEAD = { cost: 0, latency: 0 };
const SOURCE = { file: FILE, set: 'all' as const, abstention: true, routers: true };

const waitCount = waitQueryCount;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&');

describe('Optimal-Model Map drill-down (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  let result: EconMapResult;
  let map: OptimalModelMap;

  before(async () => {
    server = await WebviewTestServer.start();
    result = await econMap({ ...SOURCE, abstain: 0.3 }, jobCtx);
    map = decodeOptimalModelMap(result.map, result.candidates.length);
  });
  after(async () => {
    await server?.close();
  });

  /** Opens the view and answers its map request. */
  async function opened(): Promise<ViewHarness> {
    const h = await server.open('optimalModelMap', {
      initialState: { file: FILE, priceAbstain: 0.3, kinds: KINDS, overhead: OVERHEAD },
    });
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'compute');
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result } });
    await h.page.waitForSelector('[data-table="map-shares"] tbody tr');
    return h;
  }

  /** Answers the view's next queryTable request with the real worker job; returns what it asked. */
  async function answer(h: ViewHarness, after: number): Promise<MapCellRequest> {
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'queryTable', after);
    const p = req.params as MapCellRequest;
    const view = await mapCellQueries(
      {
        ...SOURCE,
        candidate: p.candidate,
        point: p.point,
        prices: { error: p.priceError, latency: p.priceLatency, abstain: p.priceAbstain },
        overhead: p.overhead,
      },
      jobCtx,
    );
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: view } });
    return p;
  }

  test('keyboard: two prices and Enter list the winner’s test queries; their mean reward is the cell’s', async () => {
    const h = await opened();
    // A cell won by a model with abstention, so the abstained rows show too.
    const nE = map.errorAxis.length;
    const cell = map.best.findIndex((k) => result.candidates[k].kind === 'abstention');
    assert.ok(cell >= 0, 'some cell is won by a model with abstention at λ_A = $0.30');
    for (const [id, v] of [
      ['cell-error', cell % nE],
      ['cell-latency', Math.floor(cell / nE)],
    ] as const)
      await h.page.selectOption(`#${id}`, String(v)).catch(() =>
        h.page.evaluate(
          ({ id, v }) => {
            const dd = document.getElementById(id) as HTMLSelectElement;
            dd.value = String(v);
            dd.dispatchEvent(new Event('change'));
          },
          { id, v },
        ),
      );
    const before = (await h.posted()).length;
    await h.page.focus('#cell-queries');
    await h.page.keyboard.press('Enter');
    const asked = await answer(h, before);
    const winner = result.candidates[map.best[cell]];
    assert.deepEqual(asked, {
      priceAbstain: 0.3,
      kinds: KINDS,
      overhead: OVERHEAD,
      priceError: map.errorAxis[cell % nE],
      priceLatency: map.latencyAxis[Math.floor(cell / nE)],
      candidate: winner.name,
      point: map.bestPoint[cell],
    });
    const text = await waitCount(h, /mean reward/);
    const n = result.nTest.toLocaleString('en-US');
    assert.match(text, new RegExp(`^${n} of ${n} queries shown`));
    // The count line's reward is the rows' mean, formatted as the caption formats the cell's.
    assert.match(text, new RegExp(`mean reward ${escape(formatReward(map.bestReward[cell]))} per query`));
    const caption = await h.page.$eval('[data-query-table="queries"] .headline', (e) => e.textContent ?? '');
    assert.match(caption, new RegExp(escape(formatReward(map.bestReward[cell]))));
    const abstainedRate = winner.test[map.bestPoint[cell] * winner.dim + 3];
    const abstained = Math.round(abstainedRate * result.nTest);
    assert.ok(abstained > 0);
    assert.match(text, new RegExp(`${abstained.toLocaleString('en-US')} abstained`));
    // The abstained filter keeps exactly those rows.
    await h.page.evaluate(() => {
      const dd = document.getElementById('queries-filter') as HTMLSelectElement;
      dd.value = 'abstained';
      dd.dispatchEvent(new Event('change'));
    });
    await waitCount(h, new RegExp(`^${abstained.toLocaleString('en-US')} of ${n} queries shown · 0 wrong`));
    const result0 = await h.page.$eval(
      '[data-query-table="queries"] .vt-row [role="cell"]:nth-child(2)',
      (c) => c.textContent ?? '',
    );
    assert.equal(result0, '○ abstained');
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('a click on the map lists the clicked cell’s winner at that cell’s prices', async () => {
    const h = await opened();
    const box = (await h.page.$('[data-chart="optimal-model-map"] canvas'))!;
    const b = (await box.boundingBox())!;
    const before = (await h.posted()).length;
    await h.page.mouse.click(b.x + b.width * 0.6, b.y + b.height * 0.4);
    const asked = await answer(h, before);
    const nE = map.errorAxis.length;
    const c = map.errorAxis.indexOf(asked.priceError);
    const r = map.latencyAxis.indexOf(asked.priceLatency);
    assert.ok(c >= 0 && r >= 0, 'the prices of a cell of the map');
    const cell = r * nE + c;
    assert.equal(asked.candidate, result.candidates[map.best[cell]].name);
    assert.equal(asked.point, map.bestPoint[cell]);
    await waitCount(h, new RegExp(`mean reward ${escape(formatReward(map.bestReward[cell]))} per query`));
    // The dropdowns follow the click, so Enter on the button asks for the same cell again.
    assert.equal(await h.page.$eval('#cell-error', (e) => (e as HTMLSelectElement).value), String(c));
    assert.equal(await h.page.$eval('#cell-latency', (e) => (e as HTMLSelectElement).value), String(r));
    assert.deepEqual(h.errors, []);
    await h.close();
  });
});
