import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizeLog } from '../../src/worker/jobs/summarizeLog';
import { summarizeBy } from '../../src/worker/jobs/summarizeBy';
import type { LogSummary } from '../../src/protocol/logSummary';
import { realLog } from '../helpers/paths';
import {
  browserUnavailable,
  nonBackgroundPixels,
  WebviewTestServer,
  type PostedMessage,
  type ViewHarness,
} from './harness';
import { pageControls } from './viewFixture';
import { accessibilityProblems } from './accessibility';

const skip = browserUnavailable() ?? false;
const ctx = { signal: new AbortController().signal, progress: () => undefined };
const TABLE = '[data-table="models"] tbody tr';
const CANVAS = '[data-chart="accuracy-cost"] canvas';

async function waitForPosted(h: ViewHarness, pred: (m: PostedMessage) => boolean): Promise<PostedMessage> {
  for (let i = 0; i < 100; i++) {
    const hit = (await h.posted()).find(pred);
    if (hit) return hit;
    await h.page.waitForTimeout(50);
  }
  throw new Error(`no such message; posted: ${JSON.stringify(await h.posted()).slice(0, 500)}`);
}

/** Column positions by header title (the table gains columns over time; positions are looked up, not assumed). */
const COLUMNS = [
  'Model',
  'Accuracy',
  'Accuracy 95% CI',
  'Cost / query',
  'Cost 95% CI',
  'Cost from',
  'Latency',
  'Output tokens',
  'Reasoning tokens',
  'n',
  'Frontier',
];
const col = (title: string): number => COLUMNS.indexOf(title);
const tableRows = (h: ViewHarness): Promise<string[][]> =>
  h.page.$$eval(TABLE, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));

describe('Model Overview webview (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  let mmlu: LogSummary;
  let bad: LogSummary;
  let dir: string;

  before(async () => {
    server = await WebviewTestServer.start();
    mmlu = await summarizeLog({ file: realLog('mmlu-llama') }, ctx);
    dir = mkdtempSync(join(tmpdir(), 'crl-webview-'));
    const badFile = join(dir, 'bad.jsonl');
    writeFileSync(
      badFile,
      [
        '{"query_id":"q1","model":"a","correct":true,"cost_usd":0.001,"pii_leak":true,"toxicity":0.25}',
        '{"query_id":"q1","model":"b","correct":false',
        '{"query_id":"q1","model":"b","correct":false,"cost_usd":0.0001,"pii_leak":false}',
      ].join('\n'),
    );
    bad = await summarizeLog({ file: badFile }, ctx);
  });
  after(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('while the log is read the busy ring spins, and stands still when the system asks for reduced motion', async () => {
    const h = await server.open('modelOverview', { initialState: { file: mmlu.file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'loading', payload: { file: mmlu.file } });
    const arc = (): Promise<string> =>
      h.page.$eval('[data-control="progress-ring"]', (ring) => {
        const c = ring.shadowRoot?.querySelector('.indeterminate-indicator-1');
        return c ? `${getComputedStyle(c).animationName} ${getComputedStyle(c).strokeDasharray}` : 'no arc';
      });
    assert.equal(await h.page.getAttribute('#app', 'aria-busy'), 'true');
    // the harness's browser context asks for reduced motion: a still quarter arc
    assert.equal(await arc(), 'none 11px, 33px');
    await h.page.emulateMedia({ reducedMotion: 'no-preference' });
    try {
      assert.match(await arc(), /^spin-infinite /);
    } finally {
      await h.page.emulateMedia({ reducedMotion: 'reduce' });
    }
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('handshake, table of the test split, scatter drawn, no CSP violation', async () => {
    const h = await server.open('modelOverview', { initialState: { file: mmlu.file } });
    const first = await waitForPosted(h, () => true);
    assert.equal(first.type, 'ready', 'the first message is the ready handshake');
    await h.send({ type: 'notification', name: 'loading', payload: { file: mmlu.file } });
    await h.send({ type: 'notification', name: 'summary', payload: { summary: mmlu } });
    await h.page.waitForSelector(TABLE);
    const rows = await tableRows(h);
    assert.deepEqual(
      await h.page.$$eval('[data-table="models"] thead th', (ths) =>
        ths.map((th) => (th.textContent ?? '').replace(/ [▲▼]$/, '')),
      ),
      COLUMNS,
    );
    // Issue 2's MMLU Llama test accuracies, shown to three places, in log order; n = 1531 test queries.
    assert.deepEqual(
      rows.map((r) => r[col('Model')]),
      ['llama3.2-1b', '★ llama3.2-3b', '★ llama3.1-8b', '★ llama3.1-70b', '★ llama3.1-405b'],
    );
    assert.deepEqual(
      rows.map((r) => r[col('Accuracy')]),
      ['0.425', '0.572', '0.634', '0.815', '0.852'],
    );
    assert.deepEqual(
      rows.map((r) => r[col('n')]),
      ['1,531', '1,531', '1,531', '1,531', '1,531'],
    );
    assert.equal(
      rows[4][col('Cost / query')],
      '$0.000574',
      'cost per query of llama3.1-405b (costrisk summary: 5.74e-4)',
    );
    // 95% intervals: Wilson for the accuracy (1305 of 1531 right for llama3.1-405b: [0.834, 0.869]), bootstrap for the cost.
    const m405 = mmlu.splits.find((x) => x.split === 'test')!.models[4];
    assert.equal(
      rows[4][col('Accuracy 95% CI')],
      `${m405.accuracy_ci!.ci_low.toFixed(3)} – ${m405.accuracy_ci!.ci_high.toFixed(3)}`,
    );
    assert.match(rows[4][col('Accuracy 95% CI')], /^0\.83\d – 0\.86\d$/);
    assert.match(rows[4][col('Cost 95% CI')], /^\$0\.000\d+ – \$0\.000\d+$/);
    const px = await nonBackgroundPixels(h.page, CANVAS, '#1e1e1e');
    assert.ok(
      px.differing > 2000,
      `the scatter draws points, lines, labels and axes (${px.differing} of ${px.total} pixels differ from the background)`,
    );
    assert.deepEqual(
      px.corner.slice(0, 3),
      [0x1e, 0x1e, 0x1e],
      'the canvas is filled with the theme background (for PNG export)',
    );
    const controls = await pageControls(h);
    assert.deepEqual(
      Object.keys(controls.kinds).sort(),
      ['button', 'dropdown', 'link', 'option', 'text-field'],
      'buttons, the split and query-filter dropdowns, the "Show details" link of the log problems, the query table\'s least-confidence field: all built by webview/ui/toolkit.ts',
    );
    assert.deepEqual([controls.unregistered, controls.unmarked], [[], []]);
    assert.deepEqual(await h.cspViolations(), []);
    assert.deepEqual(await accessibilityProblems(h), [], 'every control named; every chart an image with a data table');
    assert.deepEqual(h.errors, []);
    assert.equal(
      await h.page.$eval('[data-table="extra-fields"]', (e) => (e as HTMLElement).offsetParent === null),
      true,
      'no other fields in this log: no table for them',
    );
    assert.deepEqual(await h.savedState(), { file: mmlu.file, split: null, where: null });
    await h.close();
  });

  test('split selector changes the table and is saved in the webview state', async () => {
    const h = await server.open('modelOverview', { initialState: { file: mmlu.file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'summary', payload: { summary: mmlu } });
    await h.page.waitForSelector(TABLE);
    const heading = () => h.page.textContent('[data-table="models"] h2');
    assert.equal(
      await heading(),
      'Models · split "test"',
      'accuracies are labelled with the split they were measured on',
    );
    await h.page.evaluate(() => {
      const dd = document.getElementById('split') as HTMLSelectElement;
      dd.value = 'train';
      dd.dispatchEvent(new Event('change'));
    });
    await h.page.waitForFunction(
      ([sel, i]) => document.querySelector(sel as string)?.querySelectorAll('td')[i as number]?.textContent === '285',
      [TABLE, col('n')] as const,
    );
    assert.deepEqual(await h.savedState(), { file: mmlu.file, split: 'train', where: null });
    assert.equal(await heading(), 'Models · split "train"');
    await h.close();

    // A reload hands the saved state back through getState(): the same split comes back.
    const again = await server.open('modelOverview', {
      initialState: { file: mmlu.file },
      savedState: { file: mmlu.file, split: 'train' },
    });
    await waitForPosted(again, (m) => m.type === 'ready');
    await again.send({ type: 'notification', name: 'summary', payload: { summary: mmlu } });
    await again.page.waitForSelector(TABLE);
    assert.equal((await tableRows(again))[0][col('n')], '285', 'MMLU train split has 285 queries per model');
    assert.equal(
      await again.page.evaluate(() => (document.getElementById('split') as HTMLSelectElement).value),
      'train',
    );
    await again.close();
  });

  test('"Analyse further" buttons ask the host to open each analysis of this log', async () => {
    const h = await server.open('modelOverview', { initialState: { file: mmlu.file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'summary', payload: { summary: mmlu } });
    await h.page.waitForSelector(TABLE);
    const views = await h.page.$$eval('[data-next] [data-control="button"]', (bs) =>
      bs.map((b) => (b as HTMLElement).dataset.view),
    );
    assert.deepEqual(views, ['cascadeFrontier', 'economicEvaluation', 'humanInTheLoop', 'riskGuarantee']);
    for (const view of views) {
      await h.page.click(`[data-next] [data-view="${view}"]`);
      const req = await waitForPosted(
        h,
        (m) => m.type === 'request' && m.method === 'openAnalysis' && (m.params as { view: string }).view === view,
      );
      await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: null } });
    }
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('export buttons post exportFile requests with a PNG and a CSV, and show the reply', async () => {
    const h = await server.open('modelOverview', { initialState: { file: mmlu.file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'summary', payload: { summary: mmlu } });
    await h.page.waitForSelector(TABLE);
    await h.page.click('[data-chart="accuracy-cost"] [data-export="png"]');
    const png = await waitForPosted(
      h,
      (m) => m.type === 'request' && m.method === 'exportFile' && (m.params as { format: string }).format === 'png',
    );
    const params = png.params as { suggestedName: string; data: string };
    assert.equal(
      params.suggestedName,
      'mmlu-llama-test-accuracy-cost.png',
      'named for the split on screen (test by default)',
    );
    assert.deepEqual(
      [...Buffer.from(params.data, 'base64').subarray(0, 8)],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      'a real PNG',
    );
    await h.send({
      type: 'reply',
      requestId: png.requestId,
      reply: { ok: true, result: { savedTo: '/tmp/out/chart.png' } },
    });
    await h.page.waitForFunction(
      () => document.querySelector('[data-chart="accuracy-cost"] .export-status')?.textContent === 'Saved chart.png',
    );

    await h.page.click('[data-table="models"] [data-export="csv"]');
    const csv = await waitForPosted(
      h,
      (m) => m.type === 'request' && (m.params as { format?: string }).format === 'csv',
    );
    const text = (csv.params as { data: string }).data;
    const lines = text.trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'model,accuracy,accuracy_ci_low,accuracy_ci_high,mean_cost_usd,mean_cost_usd_ci_low,mean_cost_usd_ci_high,cost_source,mean_latency_s,mean_output_tokens,mean_reasoning_tokens,n,on_pareto_frontier',
    );
    assert.equal(lines.length, 6);
    assert.match(lines[5], /^llama3\.1-405b,0\.85/);
    // Each interval is exported as its two ends at full precision.
    const ci = mmlu.splits.find((x) => x.split === 'test')!.models[4].accuracy_ci!;
    assert.deepEqual(lines[5].split(',').slice(2, 4).map(Number), [ci.ci_low, ci.ci_high]);
    await h.send({ type: 'reply', requestId: csv.requestId, reply: { ok: false, error: 'disk full' } });
    await h.page.waitForFunction(
      () => document.querySelector('[data-table="models"] .export-status')?.textContent === 'Export failed: disk full',
    );
    await h.close();
  });

  test('theme switches redraw the chart in the new colours (light, high contrast)', async () => {
    const h = await server.open('modelOverview', { initialState: { file: mmlu.file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'summary', payload: { summary: mmlu } });
    await h.page.waitForSelector(TABLE);
    for (const [theme, bg] of [
      ['vscode-light', '#ffffff'],
      ['vscode-high-contrast', '#000000'],
      ['vscode-high-contrast-light', '#ffffff'],
    ] as const) {
      await h.setTheme(theme);
      await h.page.waitForFunction(
        ({ sel, bg }) => {
          const c = document.querySelector(sel) as HTMLCanvasElement;
          const d = c.getContext('2d')?.getImageData(0, 0, 1, 1).data;
          return (
            d !== undefined &&
            [d[0], d[1], d[2]].join() === [1, 3, 5].map((i) => parseInt(bg.slice(i, i + 2), 16)).join()
          );
        },
        { sel: CANVAS, bg },
      );
      const px = await nonBackgroundPixels(h.page, CANVAS, bg);
      assert.ok(px.differing > 2000, `${theme}: chart drawn (${px.differing} pixels differ from ${bg})`);
    }
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('a log with skipped lines shows the count and a link that asks the host for details', async () => {
    const h = await server.open('modelOverview', { initialState: { file: bad.file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'summary', payload: { summary: bad } });
    await h.page.waitForSelector('.problems:not([hidden])');
    assert.match((await h.page.textContent('.problems')) ?? '', /^1 line skipped, 0 warnings/);
    await h.page.click('.problems [data-control="link"]');
    await waitForPosted(h, (m) => m.type === 'notification' && m.name === 'showProblems');
    // b is cheaper ($0.0001) and wrong, a dearer ($0.001) and right: both on the frontier.
    assert.deepEqual(
      (await tableRows(h)).map((r) => r[0]),
      ['★ a', '★ b'],
    );
    // the log's other fields are kept and shown (eval-log format: "anything else: kept and shown")
    const extra = await h.page.$$eval('[data-table="extra-fields"] tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    assert.deepEqual(extra, [
      ['a', 'pii_leak', 'true/false', '1.000', '1'],
      ['a', 'toxicity', 'numeric', '0.25', '1'],
      ['b', 'pii_leak', 'true/false', '0.000', '1'],
    ]);
    await h.close();
  });

  test('Where: the fields of the log; choosing one asks for the slice, shows it, drills down in it and is saved', async () => {
    const h = await server.open('modelOverview', { initialState: { file: mmlu.file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'summary', payload: { summary: mmlu } });
    await h.page.waitForSelector(TABLE);
    const options = (id: string) =>
      h.page.$$eval(`#${id} [data-control="option"]`, (os) => os.map((o) => o.textContent ?? ''));
    assert.deepEqual(await options('where-field'), ['all records', 'task', 'split', 'task_type', 'signal', 'model']);
    assert.equal(await h.page.isHidden('.slice-note'), true);
    const pick = (id: string, value: string) =>
      h.page.evaluate(
        ([i, v]) => {
          const dd = document.getElementById(i) as HTMLSelectElement;
          dd.value = v;
          dd.dispatchEvent(new Event('change'));
        },
        [id, value] as const,
      );
    const sliceRequest = async (after: number) => {
      for (let i = 0; i < 100; i++) {
        const hit = (await h.posted()).slice(after).find((m) => m.type === 'request' && m.method === 'slice');
        if (hit) return hit;
        await h.page.waitForTimeout(50);
      }
      throw new Error('no slice request');
    };
    let before = (await h.posted()).length;
    await pick('where-field', 'model');
    const first = await sliceRequest(before);
    assert.deepEqual(first.params, { where: { field: 'model', value: mmlu.splits[0].models[0].model } });
    before = (await h.posted()).length;
    await pick('where-value', 'llama3.1-70b');
    const req = await sliceRequest(before);
    const where = { field: 'model', value: 'llama3.1-70b' };
    assert.deepEqual(req.params, { where });
    const sliced = await summarizeLog({ file: mmlu.file, where }, ctx);
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: null } });
    await h.send({ type: 'notification', name: 'summary', payload: { summary: sliced } });
    await h.page.waitForFunction((sel) => document.querySelectorAll(sel).length === 1, TABLE);
    const [row] = await tableRows(h);
    const test70b = mmlu.splits.find((s) => s.split === 'test')!.models.find((m) => m.model === 'llama3.1-70b')!;
    assert.equal(row[col('Model')].replace('★ ', ''), 'llama3.1-70b');
    assert.equal(row[col('n')], test70b.n.toLocaleString('en-US'), 'the test split of the slice: that model only');
    const perModel = mmlu.splits[0].models[0].n;
    assert.equal(
      await h.page.textContent('.slice-note'),
      `Only the records where model = llama3.1-70b: ${perModel.toLocaleString('en-US')} records of ${mmlu.records.toLocaleString('en-US')}.`,
    );
    assert.equal(
      await h.page.evaluate(() => (document.getElementById('where-value') as HTMLSelectElement).value),
      'llama3.1-70b',
    );
    assert.deepEqual((await h.savedState()) as { where: unknown }, { file: mmlu.file, split: null, where });
    before = (await h.posted()).length;
    await h.page.click(TABLE);
    const drill = await waitForPosted(
      h,
      (m) => m.type === 'request' && m.method === 'queryTable' && (m.params as { where?: unknown }).where !== undefined,
    );
    assert.deepEqual(drill.params, { model: 'llama3.1-70b', split: 'test', where });
    before = (await h.posted()).length;
    await pick('where-field', '');
    assert.deepEqual((await sliceRequest(before)).params, { where: null });
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('Where: a slice saved before a reload is asked for again once', async () => {
    const where = { field: 'split', value: 'train' };
    const h = await server.open('modelOverview', {
      initialState: { file: mmlu.file },
      savedState: { file: mmlu.file, split: null, where },
    });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'summary', payload: { summary: mmlu } });
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'slice');
    assert.deepEqual(req.params, { where });
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('a failure and an unreadable log are shown, not thrown', async () => {
    const h = await server.open('modelOverview', { initialState: { file: '/nowhere.jsonl' } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({
      type: 'notification',
      name: 'failed',
      payload: { file: '/nowhere.jsonl', message: 'Reading was cancelled.' },
    });
    await h.page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Reading was cancelled.');
    const fatal = await summarizeLog({ file: join(dir, 'missing.jsonl') }, ctx);
    await h.send({ type: 'notification', name: 'summary', payload: { summary: fatal } });
    await h.page.waitForFunction(() =>
      /could not be read: file not found/.test(document.querySelector('.status')?.textContent ?? ''),
    );
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('Side by side by a field: each model per value, the figures of the worker job (costrisk summary --by)', async () => {
    const h = await server.open('modelOverview', { initialState: { file: mmlu.file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'summary', payload: { summary: mmlu } });
    await h.page.waitForSelector(TABLE);
    assert.equal(await h.page.isHidden('[data-table="by-slice"]'), true, 'no field chosen: no table');
    await h.page.evaluate(() => {
      const dd = document.getElementById('by-field') as HTMLSelectElement;
      dd.value = 'split';
      dd.dispatchEvent(new Event('change'));
    });
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'bySlice');
    assert.deepEqual(req.params, { field: 'split', split: 'test', where: null }, 'the split on screen, the whole log');
    const slices = await summarizeBy(
      { file: mmlu.file, ...(req.params as { field: string; split: string; where: null }) },
      ctx,
    );
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: slices } });
    await h.page.waitForSelector('[data-table="by-slice"] tbody tr');
    const rows = await h.page.$$eval('[data-table="by-slice"] tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    const expected = slices.flatMap((sl) =>
      sl.models.map((m) => [sl.value, m.model, String(m.n), m.accuracy.toFixed(3)]),
    );
    assert.equal(rows.length, 5, 'the test split: one value, five models');
    assert.deepEqual(
      rows.map((r) => r.slice(0, 4)),
      expected,
    );
    assert.equal(await h.page.textContent('[data-table="by-slice"] h2'), 'By split · split "test"');
    assert.deepEqual(await accessibilityProblems(h), []);
    assert.deepEqual(h.errors, []);
    await h.close();
  });
});
