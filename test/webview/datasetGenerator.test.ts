import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDatasets } from '../../src/worker/jobs/generateDatasets';
import { makeArchetype } from '../../src/engines/clusters/validateArchetype';
import { parseDescription } from '../../src/engines/clusters/parseDescription';
import type { BenchmarkParams, GenerateParams } from '../../src/protocol/datasetGenerator';
import { benchmarkClustering } from '../../src/worker/jobs/benchmarkClustering';
import {
  browserUnavailable,
  nonBackgroundPixels,
  WebviewTestServer,
  type PostedMessage,
  type ViewHarness,
} from './harness';
import { jobCtx, pageControls, tableCells, waitForPosted } from './viewFixture';
import { accessibilityProblems } from './accessibility';

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
    const archetype = makeArchetype({
      name: 'five_blobs',
      n_clusters: 5,
      dim: 3,
      n_samples: 400,
      distributions: ['normal'],
    });
    const h = await server.open('datasetGenerator', { initialState: { archetype, seed: 3 } });
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'generate');
    const params = req.params as GenerateParams;
    assert.equal(params.seed, 3);
    assert.equal(params.archetype.n_clusters, 5);
    assert.equal(params.archetype.name, 'five_blobs');
    await answerGenerate(h, req);
    await h.page.waitForFunction(() =>
      /overlaps met/.test(document.querySelector('.headline:not(span)')?.textContent ?? ''),
    );
    const headline = await h.page.$eval('p.headline', (e) => e.textContent ?? '');
    assert.match(headline, /400 points · 3D · 5 clusters/);
    assert.match(headline, /PCA view/);
    const px = await nonBackgroundPixels(h.page, '[data-chart="dataset-scatter"] canvas', '#1e1e1e');
    assert.ok(px.differing > 2000, `scatter drawn (${px.differing} pixels)`);
    const hx = await nonBackgroundPixels(h.page, '[data-chart="overlap-histogram"] canvas', '#1e1e1e');
    assert.ok(hx.differing > 500, `histogram drawn (${hx.differing} pixels)`);
    const controls = await pageControls(h);
    assert.deepEqual(
      Object.keys(controls.kinds).sort(),
      ['button', 'checkbox', 'text-field'],
      "the generator's controls, all built by webview/ui/toolkit.ts",
    );
    assert.deepEqual([controls.unregistered, controls.unmarked], [[], []]);
    assert.deepEqual(await h.cspViolations(), []);
    assert.deepEqual(await accessibilityProblems(h), [], 'every control named; every chart an image with a data table');
    assert.deepEqual(h.errors, []);

    // New Seed regenerates with seed 4
    const n = (await h.posted()).length;
    await h.page.click('#new-seed');
    const again = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'generate', n);
    assert.equal((again.params as GenerateParams).seed, 4);
    await h.close();
  });

  test('each Export button asks the host for its format with the seed and the count; the reply is reported', async () => {
    const archetype = makeArchetype({ name: 'blobs', n_clusters: 3, dim: 2, n_samples: 90 });
    const h = await server.open('datasetGenerator', { initialState: { archetype, seed: 5 } });
    await answerGenerate(h, await waitForPosted(h, (m) => m.type === 'request' && m.method === 'generate'));
    const shown = await h.page.$eval('#count', (e) => Number((e as HTMLInputElement).value));
    for (const format of ['csv', 'npy', 'json'] as const) {
      const n = (await h.posted()).length;
      await h.page.click(`#export-${format}`);
      const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'exportDatasets', n);
      const params = req.params as GenerateParams & { count: number; format: string };
      assert.equal(params.format, format);
      assert.equal(params.seed, 5);
      assert.equal(params.count, shown);
      assert.equal(params.archetype.name, 'blobs');
      const files = [`/out/blobs_seed5.${format}`];
      await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: { files } } });
      await h.page.waitForFunction(
        (f) => (document.body.textContent ?? '').includes(`Wrote 1 file(s), e.g. ${f}`),
        files[0],
      );
    }
    assert.deepEqual(h.errors, []);
    await h.close();
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
    await h.send({
      type: 'reply',
      requestId: req.requestId,
      reply: {
        ok: true,
        result: {
          archetype: parsed.archetype,
          source: 'offline',
          model: null,
          understood: parsed.understood,
          warnings: [],
        },
      },
    });
    await h.page.waitForFunction(() => (document.getElementById('f-n_clusters') as HTMLInputElement).value === '7');
    assert.equal(await h.page.$eval('#f-dim', (e) => (e as HTMLInputElement).value), '10');
    assert.equal(await h.page.$eval('#f-max_overlap', (e) => (e as HTMLInputElement).value), '0.0001');
    assert.match(
      await h.page.$eval('.card p.subtitle', (e) => e.textContent ?? ''),
      /Read offline: 7 clusters, dim 10/,
    );
    await h.page.evaluate(() => {
      const f = document.getElementById('f-n_clusters') as HTMLInputElement;
      f.value = '0';
      f.dispatchEvent(new Event('input'));
    });
    await h.page.waitForFunction(() =>
      /n_clusters must be between 1 and 1000, got 0/.test(document.querySelector('.field-error')?.textContent ?? ''),
    );
    assert.equal(await h.page.$eval('#generate', (e) => e.hasAttribute('disabled')), true);
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('work above the interactive limit waits for "Generate Anyway" (then asks with force); work above the hard limit is refused with what to lower', async () => {
    // 3 clusters in 1500-D: a minute or two of p³ matrix work, past the 20 s interactive limit.
    const archetype = makeArchetype({ name: 'wide', n_clusters: 3, dim: 1500, n_samples: 300 });
    const h = await server.open('datasetGenerator', { initialState: { archetype, seed: 1 } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.page.waitForSelector('#work-confirm:not([hidden])');
    assert.match(
      await h.page.$eval('#work-text', (e) => e.textContent ?? ''),
      /^This needs about \d+ (s|min) and [\d.]+ MB of memory \(mostly (pairwise overlap tables|random rotations).*\)\.$/,
    );
    assert.equal(
      (await h.posted()).filter((m) => m.method === 'generate').length,
      0,
      'nothing is generated before the go-ahead',
    );
    const n = (await h.posted()).length;
    await h.page.click('#work-go');
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'generate', n);
    assert.equal((req.params as GenerateParams).force, true);
    assert.equal(await h.page.$eval('#work-confirm', (e) => e.hasAttribute('hidden')), true);
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: false, error: 'Cancelled' } });

    // 10,000-D: refused in the view, with the largest dim that fits; no request at all.
    const before = (await h.posted()).length;
    await h.page.evaluate(() => {
      const f = document.getElementById('f-dim') as HTMLInputElement;
      f.value = '10000';
      f.dispatchEvent(new Event('input'));
    });
    await h.page.waitForFunction(() =>
      /^Not started: this needs about .* lower dim to at most [\d,]+/.test(
        document.getElementById('work-text')?.textContent ?? '',
      ),
    );
    assert.equal(await h.page.$eval('#work-go', (e) => e.hasAttribute('hidden')), true);
    await h.page.waitForTimeout(700);
    assert.equal((await h.posted()).slice(before).filter((m) => m.method === 'generate').length, 0);
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('Benchmark panel: Run asks the worker for the checked algorithms, shows the table and chart; Cancel is asked for while running', async () => {
    const archetype = makeArchetype({
      name: 'far_blobs',
      n_clusters: 3,
      dim: 2,
      n_samples: 120,
      max_overlap: 1e-6,
      min_overlap: 1e-7,
      distributions: ['normal'],
    });
    const h = await server.open('datasetGenerator', { initialState: { archetype, seed: 2 } });
    await answerGenerate(h, await waitForPosted(h, (m) => m.type === 'request' && m.method === 'generate'));
    await h.page.evaluate(() => {
      const f = document.getElementById('bench-count') as HTMLInputElement;
      f.value = '2';
      (document.querySelector('[data-algorithm="spectral"]') as HTMLInputElement).checked = false;
    });
    const n = (await h.posted()).length;
    await h.page.click('#bench-run');
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'benchmark', n);
    const params = req.params as BenchmarkParams;
    assert.deepEqual(params.algorithms, ['gmm', 'kmeans', 'ward', 'hdbscan']);
    assert.equal(params.count, 2);
    assert.equal(params.seed, 2);
    assert.deepEqual(params.shapes, ['convex']);
    // while it runs, Cancel is enabled and asks the host to cancel
    assert.equal(await h.page.$eval('#bench-cancel', (e) => e.hasAttribute('disabled')), false);
    const m = (await h.posted()).length;
    await h.page.click('#bench-cancel');
    await waitForPosted(h, (x) => x.type === 'request' && x.method === 'cancelBenchmark', m);
    const result = benchmarkClustering(params, jobCtx);
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result } });
    await h.page.waitForFunction(() =>
      /Scored 2 data set/.test(document.getElementById('bench-status')?.textContent ?? ''),
    );
    const rows = await tableCells(h, '[data-table="benchmark-table"] tbody tr');
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['EM-GMM', 'K-Means', 'Hierarchical', 'HDBSCAN'],
    );
    // K-Means' AMI shown as "mean (standard error)"; far blobs: close to 1 (a Voronoi cut may miss a point)
    const km = /^(\d\.\d{3}) \((\d\.\d{3})\)$/.exec(rows[1][2]);
    assert.ok(km && Number(km[1]) > 0.95, rows[1][2]);
    const px = await nonBackgroundPixels(h.page, '[data-chart="benchmark-chart"] canvas', '#1e1e1e');
    assert.ok(px.differing > 500, `benchmark chart drawn (${px.differing} pixels)`);
    assert.deepEqual(h.errors, []);
    await h.close();
  });
});
