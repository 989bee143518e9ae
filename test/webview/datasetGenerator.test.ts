import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDatasets } from '../../src/worker/jobs/generateDatasets';
import { makeArchetype } from '../../src/engines/clusters/validateArchetype';
import { parseDescription } from '../../src/engines/clusters/parseDescription';
import type { GenerateParams } from '../../src/protocol/datasetGenerator';
import { browserUnavailable, nonBackgroundPixels, WebviewTestServer, type PostedMessage, type ViewHarness } from './harness';
import { jobCtx, pageControls, waitForPosted } from './viewFixture';

const skip = browserUnavailable() ?? false;

/** Answers a `generate` request with the real worker job, as the host does. */
async function answerGenerate(h: ViewHarness, req: PostedMessage): Promise<void> {
  const r = await generateDatasets(req.params as GenerateParams, jobCtx);
  await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: r.preview } });
}

describe('Dataset Generator webview (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  before(async () => {
    server = await WebviewTestServer.start();
  });
  after(async () => {
    await server?.close();
  });

  test('opens on an archetype, asks for a preview, draws the scatter and the overlap histogram', async () => {
    const archetype = makeArchetype({ name: 'five_blobs', n_clusters: 5, dim: 3, n_samples: 400, distributions: ['normal'] });
    const h = await server.open('datasetGenerator', { initialState: { archetype, seed: 3 } });
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'generate');
    const params = req.params as GenerateParams;
    assert.equal(params.seed, 3);
    assert.equal(params.archetype.n_clusters, 5);
    assert.equal(params.archetype.name, 'five_blobs');
    await answerGenerate(h, req);
    await h.page.waitForFunction(() => /overlaps met/.test(document.querySelector('.headline:not(span)')?.textContent ?? ''));
    const headline = await h.page.$eval('p.headline', (e) => e.textContent ?? '');
    assert.match(headline, /400 points · 3D · 5 clusters/);
    assert.match(headline, /PCA view/);
    const px = await nonBackgroundPixels(h.page, '[data-chart="dataset-scatter"] canvas', '#1e1e1e');
    assert.ok(px.differing > 2000, `scatter drawn (${px.differing} pixels)`);
    const hx = await nonBackgroundPixels(h.page, '[data-chart="overlap-histogram"] canvas', '#1e1e1e');
    assert.ok(hx.differing > 500, `histogram drawn (${hx.differing} pixels)`);
    const controls = await pageControls(h);
    assert.deepEqual(Object.keys(controls.kinds).sort(), ['button', 'checkbox', 'text-field'], "the generator's controls, all built by webview/ui/toolkit.ts");
    assert.deepEqual([controls.unregistered, controls.unmarked], [[], []]);
    assert.deepEqual(await h.cspViolations(), []);
    assert.deepEqual(h.errors, []);

    // New Seed regenerates with seed 4
    const n = (await h.posted()).length;
    await h.page.click('#new-seed');
    const again = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'generate', n);
    assert.equal((again.params as GenerateParams).seed, 4);
    await h.page.close();
  });

  test('a description fills the form; invalid fields are listed and block generation', async () => {
    const h = await server.open('datasetGenerator', { initialState: { archetype: null, seed: 1 } });
    await waitForPosted(h, (m) => m.type === 'ready');
    const text = 'seven highly separated clusters in 10D with very different shapes';
    await h.page.evaluate((t) => {
      const f = document.getElementById('describe') as HTMLInputElement;
      f.value = t;
      f.dispatchEvent(new Event('input'));
    }, text);
    const n = (await h.posted()).length;
    await h.page.click('#describe-btn');
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'describe', n);
    assert.deepEqual(req.params, { text, useModel: true });
    const parsed = parseDescription(text);
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: { archetype: parsed.archetype, source: 'offline', model: null, understood: parsed.understood, warnings: [] } } });
    await h.page.waitForFunction(() => (document.getElementById('f-n_clusters') as HTMLInputElement).value === '7');
    assert.equal(await h.page.$eval('#f-dim', (e) => (e as HTMLInputElement).value), '10');
    assert.equal(await h.page.$eval('#f-max_overlap', (e) => (e as HTMLInputElement).value), '0.0001');
    assert.match(await h.page.$eval('.card p.subtitle', (e) => e.textContent ?? ''), /Read offline: 7 clusters, dim 10/);
    await h.page.evaluate(() => {
      const f = document.getElementById('f-n_clusters') as HTMLInputElement;
      f.value = '0';
      f.dispatchEvent(new Event('input'));
    });
    await h.page.waitForFunction(() => /n_clusters must be between 1 and 1000, got 0/.test(document.querySelector('.field-error')?.textContent ?? ''));
    assert.equal(await h.page.$eval('#generate', (e) => e.hasAttribute('disabled')), true);
    assert.deepEqual(h.errors, []);
    await h.page.close();
  });
});
