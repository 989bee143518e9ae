import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { econMap, type EconMapResult } from '../../src/worker/jobs/econMap';
import { decodeOptimalModelMap } from '../../src/protocol/compactOptimalModelMap';
import { realLog } from '../helpers/paths';
import {
  browserUnavailable,
  nonBackgroundPixels,
  WebviewTestServer,
  type PostedMessage,
  type ViewHarness,
} from './harness';
import { jobCtx, waitForPosted as waitFor } from './viewFixture';
import { accessibilityProblems } from './accessibility';

const skip = browserUnavailable() ?? false;
/** These views answer within 5 s (100 polls of 50 ms). */
const waitForPosted = (h: ViewHarness, pred: (m: PostedMessage) => boolean): Promise<PostedMessage> =>
  waitFor(h, pred, 0, 100);

describe('Optimal-Model Map webview (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  let map: EconMapResult;

  before(async () => {
    server = await WebviewTestServer.start();
    map = await econMap({ file: realLog('mmlu-llama'), set: 'all' }, jobCtx);
  });
  after(async () => {
    await server?.close();
  });

  test('asks for the map with its saved settings, draws the heatmap and the tables', async () => {
    const kinds = { models: true, cascades: true, abstention: false, routers: false };
    const overhead = { cost: 0.001, latency: 0.05 };
    const h = await server.open('optimalModelMap', {
      initialState: { file: map.file, priceAbstain: 0, kinds, overhead },
    });
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'compute');
    assert.deepEqual(req.params, { priceAbstain: 0, kinds, overhead });
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: map } });
    await h.page.waitForSelector('[data-table="map-shares"] tbody tr');
    const px = await nonBackgroundPixels(h.page, '[data-chart="optimal-model-map"] canvas', '#1e1e1e');
    // The heatmap fills the plot area: most of the canvas differs from the background.
    assert.ok(px.differing > px.total / 3, `heatmap drawn (${px.differing} of ${px.total} pixels)`);
    const shares = await h.page.$$eval('[data-table="map-shares"] tbody tr', (trs) =>
      trs.map((tr) => tr.querySelector('td')?.textContent ?? ''),
    );
    const best = decodeOptimalModelMap(map.map, map.candidates.length).best;
    const expected = [...new Set(best)].map((k) => map.candidates[k].name).sort();
    assert.ok(expected.length >= 2, 'several systems win somewhere');
    assert.deepEqual([...shares].sort(), expected, 'one row per system that wins somewhere');
    const lines = await h.page.$$eval('[data-table="critical-prices"] tbody tr', (trs) => trs.length);
    assert.ok(lines > 0, 'critical prices of error listed');
    assert.deepEqual(await h.cspViolations(), []);
    assert.deepEqual(await accessibilityProblems(h), [], 'every control named; every chart an image with a data table');
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('systems that can abstain get a note at λ_A = $0; without them there is none', async () => {
    const note = (h: ViewHarness): Promise<boolean> =>
      h.page.evaluate(() =>
        [...document.querySelectorAll('li')].some((li) => /Abstaining is free/.test(li.textContent ?? '')),
      );
    for (const abstention of [true, false]) {
      const h = await server.open('optimalModelMap', {
        initialState: {
          file: map.file,
          priceAbstain: 0,
          kinds: { models: true, cascades: true, abstention, routers: false },
        },
      });
      const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'compute');
      await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: map } });
      await h.page.waitForSelector('[data-table="map-shares"] tbody tr');
      assert.equal(await note(h), abstention, `models with abstention ${abstention ? 'on' : 'off'} at λ_A = $0`);
      await h.close();
    }
  });

  test('a damaged map is refused with a message naming the field, nothing drawn', async () => {
    const h = await server.open('optimalModelMap', {
      initialState: { file: map.file, priceAbstain: 0, kinds: { models: true, cascades: true, routers: false } },
    });
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'compute');
    // A winner index past the last system: decoding it would colour cells with a system that does not exist.
    const damaged = {
      ...map,
      map: { ...map.map, best: [map.candidates.length, map.map.errorAxis.length * map.map.latencyAxis.length] },
    };
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: damaged } });
    await h.page.waitForFunction(() =>
      /The map could not be read: map\.best: run 0 has value/.test(
        document.querySelector('.status')?.textContent ?? '',
      ),
    );
    assert.equal(await h.page.$$eval('[data-table="map-shares"] tbody tr', (trs) => trs.length), 0);
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('changing the systems asks again; a host error is shown', async () => {
    const h = await server.open('optimalModelMap', {
      initialState: {
        file: map.file,
        priceAbstain: 0,
        kinds: { models: true, cascades: true, abstention: false, routers: false },
      },
    });
    const first = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'compute');
    await h.send({ type: 'reply', requestId: first.requestId, reply: { ok: true, result: map } });
    await h.page.waitForSelector('[data-table="map-shares"] tbody tr');
    await h.page.evaluate(() => {
      const cb = document.querySelector('#kinds [data-control="checkbox"][data-value="cascades"]') as HTMLInputElement;
      cb.checked = false;
      cb.dispatchEvent(new Event('change'));
    });
    await waitForPosted(h, (m) => m.type === 'request' && m.method === 'compute' && m.requestId !== first.requestId);
    // Setting `checked` may fire the toolkit's own change event too: answer the latest request (older ones are ignored).
    await h.page.waitForTimeout(200);
    const second = (await h.posted())
      .filter((m) => m.type === 'request' && m.method === 'compute')
      .pop() as PostedMessage;
    assert.deepEqual((second.params as { kinds: unknown }).kinds, {
      models: true,
      cascades: false,
      abstention: false,
      routers: false,
    });
    await h.send({
      type: 'reply',
      requestId: second.requestId,
      reply: { ok: false, error: 'choose at least one kind of system' },
    });
    await h.page.waitForFunction(() =>
      /choose at least one kind/.test(document.querySelector('.status')?.textContent ?? ''),
    );
    assert.deepEqual(h.errors, []);
    await h.close();
  });
});
