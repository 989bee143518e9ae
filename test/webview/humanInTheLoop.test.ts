import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { humanInTheLoop } from '../../src/worker/jobs/humanInTheLoop';
import type { HitlSelection } from '../../src/protocol/humanInTheLoop';
import { realLog } from '../helpers/paths';
import { FAST, SLOW, syntheticHitlRows, writeRows } from '../engines/abstention/syntheticHitlLog';
import { browserUnavailable, nonBackgroundPixels, WebviewTestServer, type ViewHarness } from './harness';
import { answerSelectionRequest, tableCells, waitForPosted } from './viewFixture';
import { accessibilityProblems } from './accessibility';

const skip = browserUnavailable() ?? false;

/** Plays the host: answers the view's next `analyse` request by running the real worker job. */
const answerAnalyse = (h: ViewHarness, file: string, after = 0) =>
  answerSelectionRequest<HitlSelection | null, unknown>(h, 'analyse', humanInTheLoop, file, after);

const SUMMARY_ROWS = '[data-table="hitl-summary"] tbody tr';
const tableRows = (h: ViewHarness): Promise<string[][]> => tableCells(h, SUMMARY_ROWS);

describe('Human in the Loop webview (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  let dir: string;
  let synthetic: string;

  before(async () => {
    server = await WebviewTestServer.start();
    dir = mkdtempSync(join(tmpdir(), 'crl-hitl-view-'));
    synthetic = join(dir, 'reasoning.jsonl');
    writeRows(synthetic, syntheticHitlRows({ n: 2000, seed: 31 }));
  });
  after(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('asks for its data after ready, draws every chart and the Table 4.2-style summary, no CSP violation', async () => {
    const h = await server.open('humanInTheLoop', { initialState: { file: synthetic } });
    const first = await waitForPosted(h, () => true);
    assert.equal(first.type, 'ready');
    const { selection } = await answerAnalyse(h, synthetic);
    assert.equal(selection, null, 'first request lets the worker choose defaults');
    await h.page.waitForSelector(SUMMARY_ROWS);
    const rows = await tableRows(h);
    // Ask, then 50%, 60%, 75% (the default slider value 50% is one of them, marked ▸).
    assert.deepEqual(
      rows.map((r) => r[0]),
      [`Ask (${SLOW} → human)`, '▸ Fail Fast, or Ask at 50%', 'Fail Fast, or Ask at 60%', 'Fail Fast, or Ask at 75%'],
    );
    for (const r of rows.slice(1)) assert.match(r[5], /^−\d/, 'latency falls against Ask');
    for (const id of ['accuracy-rejection', 'tokens', 'error-rejection', 'latency-drag', 'latency-utilization']) {
      const px = await nonBackgroundPixels(h.page, `[data-chart="${id}"] canvas`, '#1e1e1e');
      assert.ok(px.differing > 1500, `${id} is drawn (${px.differing} pixels)`);
    }
    assert.match(
      (await h.page.textContent('#system-line')) ?? '',
      new RegExp(`2,000 queries answered by both \\(${FAST}: confidence, ${SLOW}: output tokens\\)`),
    );
    assert.deepEqual(await h.cspViolations(), []);
    assert.deepEqual(await accessibilityProblems(h), [], 'every control named; every chart an image with a data table');
    // The error chart's data table alternative: the rows of its CSV export, shown on demand.
    const toggle = '[data-chart="error-rejection"] [data-chart-action="table"]';
    assert.equal(await h.page.getAttribute(toggle, 'aria-expanded'), 'false');
    await h.page.click(toggle);
    assert.equal(await h.page.getAttribute(toggle, 'aria-expanded'), 'true');
    assert.deepEqual(
      await h.page.$$eval('[data-chart-table="error-rejection"] th', (ths) => ths.map((t) => t.textContent)),
      ['configuration', 'utilization', 'rejection', 'accuracy', 'error'],
    );
    const dataRows = await tableCells(h, '[data-chart-table="error-rejection"] tbody tr');
    assert.ok(dataRows.length > 10, `${dataRows.length} rows`);
    for (const r of dataRows) assert.equal(r.length, 5);
    assert.deepEqual(h.errors, []);
    const saved = (await h.savedState()) as { selection: HitlSelection; utilization: number };
    assert.equal(saved.selection.reasoning, SLOW);
    assert.equal(saved.utilization, 0.5);
    await h.close();
  });

  test('the utilisation slider re-draws without asking the host, and is saved', async () => {
    const h = await server.open('humanInTheLoop', { initialState: { file: synthetic } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await answerAnalyse(h, synthetic);
    await h.page.waitForSelector(SUMMARY_ROWS);
    const before = (await h.posted()).length;
    await h.page.evaluate(() => {
      const s = document.getElementById('utilization') as HTMLInputElement;
      s.value = '0.85';
      s.dispatchEvent(new Event('input'));
    });
    await h.page.waitForFunction(() => document.querySelectorAll('[data-table="hitl-summary"] tbody tr').length === 5);
    const rows = await tableRows(h);
    assert.equal(rows[4][0], '▸ Fail Fast, or Ask at 85%');
    assert.equal(
      (await h.posted()).filter((m) => m.type === 'request').length,
      (await h.posted()).slice(0, before).filter((m) => m.type === 'request').length,
      'no new request',
    );
    assert.equal(((await h.savedState()) as { utilization: number }).utilization, 0.85);
    await h.close();
  });

  test('changing the reasoning model asks again with the new selection; a real log without reasoning models works', async () => {
    const file = realLog('mmlu-llama');
    const h = await server.open('humanInTheLoop', { initialState: { file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    const { count } = await answerAnalyse(h, file);
    await h.page.waitForSelector(SUMMARY_ROWS);
    // Defaults on a log without reasoning models: the most accurate model behind the next best.
    assert.match(
      (await h.page.textContent('#system-line')) ?? '',
      /1,531 queries answered by both \(llama3\.1-70b: confidence, llama3\.1-405b: confidence\)/,
    );
    await h.page.evaluate(() => {
      const dd = document.getElementById('reasoning') as HTMLSelectElement;
      dd.value = 'llama3.1-8b';
      dd.dispatchEvent(new Event('change'));
    });
    const { selection } = await answerAnalyse(h, file, count);
    assert.equal(selection?.reasoning, 'llama3.1-8b');
    await h.page.waitForFunction(() =>
      /llama3\.1-8b: confidence\)/.test(document.querySelector('#system-line')?.textContent ?? ''),
    );
    assert.equal(
      await h.page.isVisible('[data-chart="tokens"] .empty'),
      true,
      'no token curve without varying output lengths',
    );
    const card = await h.page.$eval('[data-chart="tokens"]', (c) => ({
      height: c.getBoundingClientRect().height,
      box: getComputedStyle(c.querySelector('.chart-box') as HTMLElement).display,
      exports: getComputedStyle(c.querySelector('.toolbar') as HTMLElement).display,
    }));
    assert.deepEqual([card.box, card.exports], ['none', 'none'], 'no empty plot, nothing to export');
    assert.ok(card.height < 120, `the card is its title and one line (${card.height} px), not a 300 px blank`);
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('a failed request is shown in the status line', async () => {
    const h = await server.open('humanInTheLoop', { initialState: { file: '/nowhere.jsonl' } });
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'analyse');
    await h.send({
      type: 'reply',
      requestId: req.requestId,
      reply: { ok: false, error: '/nowhere.jsonl: file not found' },
    });
    await h.page.waitForFunction(
      () => document.querySelector('.status')?.textContent === '/nowhere.jsonl: file not found',
    );
    assert.deepEqual(h.errors, []);
    await h.close();
  });
});
