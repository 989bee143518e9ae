/**
 * The drill-down query table in headless Chromium: a frontier point clicked in the Cascade Frontier
 * and a model row clicked in the Model Overview list their queries (answered by the real worker
 * job), the count line matches the figure clicked, filters change it, a row opens its log line; and
 * 100,000 rows render, scroll, filter and sort quickly with only the visible rows in the DOM.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tuneCascade } from '../../src/worker/jobs/cascadeJobs';
import { queryTable } from '../../src/worker/jobs/queryTable';
import { summarizeLog } from '../../src/worker/jobs/summarizeLog';
import {
  cascadeLogInfo,
  type CascadeLogInfo,
  type CascadeSelection,
  type TuneCascadeResult,
} from '../../src/protocol/cascadeFrontier';
import type { LogSummary } from '../../src/protocol/logSummary';
import { formatUsd } from '../../src/protocol/format';
import { FIXTURES, realLog } from '../helpers/paths';
import { browserUnavailable, WebviewTestServer, type ViewHarness } from './harness';
import { QUERY_COUNT, waitQueryCount } from './viewFixture';

const skip = browserUnavailable() ?? false;
const ctx = { signal: new AbortController().signal, progress: () => undefined };
type Msg = { type: string; [k: string]: unknown };
const FILE = realLog('mmlu-llama');
const THREE = ['llama3.2-1b', 'llama3.1-8b', 'llama3.1-405b'];
const COUNT = QUERY_COUNT;

async function waitForPosted(h: ViewHarness, pred: (m: Msg) => boolean, after = 0): Promise<Msg & { index: number }> {
  for (let i = 0; i < 300; i++) {
    const all = await h.posted();
    const idx = all.findIndex((m, j) => j >= after && pred(m));
    if (idx >= 0) return { ...all[idx], index: idx };
    await h.page.waitForTimeout(50);
  }
  throw new Error(`no such message; posted: ${JSON.stringify(await h.posted()).slice(0, 800)}`);
}
const countText = (h: ViewHarness): Promise<string> => h.page.$eval(COUNT, (e) => e.textContent ?? '');
const waitCount = waitQueryCount;
const domRows = (h: ViewHarness): Promise<number> =>
  h.page.$$eval('[data-query-table="queries"] .vt-row', (rs) => rs.length);
const setDropdown = (h: ViewHarness, id: string, value: string): Promise<void> =>
  h.page.evaluate(
    ({ id, value }) => {
      const dd = document.getElementById(id) as HTMLSelectElement;
      dd.value = value;
      dd.dispatchEvent(new Event('change'));
    },
    { id, value },
  );
const firstCells = (h: ViewHarness): Promise<string[]> =>
  h.page.$eval('[data-query-table="queries"] .vt-row', (r) =>
    [...r.querySelectorAll('[role="cell"]')].map((c) => c.textContent ?? ''),
  );
const thousands = (n: number): string => n.toLocaleString('en-US');

/** Opens the Cascade Frontier on the three-model Llama cascade and answers Run with `tuned`. */
async function tunedView(
  server: WebviewTestServer,
  info: CascadeLogInfo,
  tuned: TuneCascadeResult,
): Promise<{ h: ViewHarness; selection: CascadeSelection }> {
  const h = await server.open('cascadeFrontier', { initialState: { file: FILE } });
  await waitForPosted(h, (m) => m.type === 'ready');
  await h.send({ type: 'notification', name: 'log', payload: { info } });
  await h.page.waitForSelector('#models li');
  for (const m of ['llama3.2-3b', 'llama3.1-70b']) await h.page.click(`[data-model="${m}"] [data-control="checkbox"]`);
  await h.page.click('#run');
  const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'tune');
  await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: tuned } });
  await h.page.waitForFunction(() => document.getElementById('status')?.getAttribute('data-state') === 'done');
  return { h, selection: (req.params as { selection: CascadeSelection }).selection };
}

describe('Drill-down query table (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  let info: CascadeLogInfo;
  let summary: LogSummary;
  let tuned: TuneCascadeResult;

  before(async () => {
    server = await WebviewTestServer.start();
    summary = await summarizeLog({ file: FILE }, ctx);
    info = cascadeLogInfo(summary);
    tuned = await tuneCascade(
      { file: FILE, cascade: THREE, methods: ['rt'], trainSplit: 'train', testSplit: 'test', seed: 1 },
      ctx,
    );
  });
  after(async () => {
    await server?.close();
  });

  test('clicking a frontier point lists its test queries: the wrong rows are its test error; filters; a row opens its line', async () => {
    const { h, selection } = await tunedView(server, info, tuned);
    const box = (await h.page.locator('[data-chart="frontier"] canvas').boundingBox())!;
    await h.page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'queryTable');
    const chosen = await h.page.evaluate(() => (document.getElementById('operating-point') as HTMLSelectElement).value);
    const point = tuned.methods.rt!.points[Number(chosen.split(':')[1])];
    assert.deepEqual(
      req.params,
      { selection, thresholds: point.thresholds },
      "the clicked point's thresholds, at full precision",
    );
    const view = await queryTable(
      {
        file: FILE,
        system: {
          kind: 'cascade',
          cascade: THREE,
          thresholds: point.thresholds,
          trainSplit: 'train',
          testSplit: 'test',
          lowSample: null,
          seed: 1,
        },
      },
      ctx,
    );
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: view } });
    // 1,531 MMLU test queries; the wrong count is the point's test error times n (the engine tests check that it is exactly).
    const wrong = Math.round(point.testError! * 1531);
    await waitCount(
      h,
      new RegExp(
        `^1,531 of 1,531 queries shown · ${thousands(wrong)} wrong \\(error ${point.testError!.toFixed(3)}\\)`,
      ),
    );
    assert.match(
      (await h.page.textContent('[data-query-table="queries"] .headline')) ?? '',
      new RegExp(`its test error ${point.testError!.toFixed(3)} is the share of wrong rows`),
    );
    assert.ok((await domRows(h)) < 60, 'only the rows in view are in the DOM');
    await setDropdown(h, 'queries-filter', 'wrong');
    await waitCount(
      h,
      new RegExp(`^${thousands(wrong)} of 1,531 queries shown · ${thousands(wrong)} wrong \\(error 1\\.000\\)`),
    );
    assert.ok((await firstCells(h)).includes('✗ wrong'));
    await setDropdown(h, 'queries-filter', 'disagree');
    const a = view.rows.filter((r) => r.modelCorrect[0] !== r.modelCorrect[1]).length;
    await waitCount(h, new RegExp(`^${thousands(a)} of 1,531 queries shown`));
    await setDropdown(h, 'queries-b', '2');
    const b = view.rows.filter((r) => r.modelCorrect[0] !== r.modelCorrect[2]).length;
    assert.notEqual(a, b);
    await waitCount(h, new RegExp(`^${thousands(b)} of 1,531 queries shown`));
    await setDropdown(h, 'queries-filter', 'all');
    await waitCount(h, /^1,531 of 1,531/);
    // A row click shows its details; their Open line opens the answering model's line: that line of the file is this query's record by that model.
    const cells = await firstCells(h);
    const before = (await h.posted()).length;
    await h.page.click('[data-query-table="queries"] .vt-row');
    await h.page.waitForSelector(`[data-query-detail="${cells[0]}"]`);
    const shownRow = view.rows.find((r) => r.queryId === cells[0])!;
    assert.equal(await h.page.textContent('[data-query-detail] [data-text="question"]'), shownRow.question);
    assert.equal(await h.page.textContent('[data-query-detail] [data-text="reference"]'), 'Not in the log.');
    assert.equal(
      await h.page.$$eval('[data-query-detail] [data-answer]', (els) => els.length),
      3,
      'one answer per model',
    );
    await h.page.click('[data-query-detail] [data-open-line]');
    const open = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'openSource', before);
    const line = (open.params as { line: number }).line;
    const record = JSON.parse(readFileSync(FILE, 'utf8').split('\n')[line - 1]) as { query_id: string; model: string };
    assert.deepEqual([record.query_id, record.model], [cells[0], cells[1]]);
    assert.deepEqual(h.errors, []);
    assert.deepEqual(await h.cspViolations(), []);
    await h.close();
  });

  test('clicking a model row in the Model Overview lists its queries: the right rows are its accuracy', async () => {
    const h = await server.open('modelOverview', { initialState: { file: FILE } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'summary', payload: { summary } });
    await h.page.waitForSelector('[data-table="models"] tbody tr');
    await h.page.click('[data-table="models"] tbody tr:nth-child(5)');
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'queryTable');
    assert.deepEqual(req.params, { model: 'llama3.1-405b', split: 'test', where: null });
    const view = await queryTable(
      { file: FILE, system: { kind: 'model', model: 'llama3.1-405b', split: 'test' } },
      ctx,
    );
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: view } });
    // The summary's accuracy (0.852 in issue 2) times 1,531 test queries is the count of right rows.
    const acc = summary.splits
      .find((s) => s.split === 'test')!
      .models.find((m) => m.model === 'llama3.1-405b')!.accuracy;
    const wrong = Math.round((1 - acc) * 1531);
    assert.equal((1531 - wrong) / 1531, acc);
    await waitCount(
      h,
      new RegExp(`^1,531 of 1,531 queries shown · ${wrong} wrong \\(error ${(1 - acc).toFixed(3)}\\)`),
    );
    assert.match(
      (await h.page.textContent('[data-query-table="queries"] .headline')) ?? '',
      /its accuracy 0\.852 is the share of right rows/,
    );
    await setDropdown(h, 'queries-filter', 'confidentWrong');
    const confident = view.rows.filter((r) => !r.correct && r.confidence[0] !== null && r.confidence[0] >= 0.9).length;
    await waitCount(h, new RegExp(`^${thousands(confident)} of 1,531 queries shown`));
    await h.page.evaluate(() => {
      const f = document.getElementById('queries-min') as HTMLInputElement;
      f.value = '2';
      f.dispatchEvent(new Event('input'));
    });
    await waitCount(h, /^The least confidence must be a number from 0 to 1\.$/);
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('100,000 rows: first paint, scroll to the end, filter and sort stay fast, and only the rows in view are in the DOM', async () => {
    const { h } = await tunedView(server, info, tuned);
    await setDropdown(h, 'operating-point', 'rt:0');
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'queryTable');
    const N = 100_000;
    // The rows are built in the page (carrying 100,000 objects through Playwright takes longer than
    // the view does); the clock runs from the host's postMessage (structured clone included) to the
    // count and the first rows on screen. Every third row is wrong, every other one deferred.
    const m = await h.page.evaluate(
      async ({ n, requestId, models }) => {
        const rows = [];
        for (let i = 0; i < n; i++) {
          const correct = i % 3 !== 0;
          rows.push({
            queryId: `q${String(i).padStart(6, '0')}`,
            answeredBy: i % 2 === 0 ? 0 : i % 4 === 1 ? 1 : 2,
            correct,
            score: correct ? 1 : 0,
            costUsd: 1e-6 * ((i * 7919) % 1000),
            latencyS: 0.1 + (i % 50) / 100,
            confidence: [((i * 31) % 100) / 100, ((i * 17) % 100) / 100, ((i * 13) % 100) / 100],
            modelCorrect: [correct, i % 5 !== 0, true],
            line: [3 * i + 1, 3 * i + 2, 3 * i + 3],
            question: `Question number ${i}: which of the following is true?`,
            reference: `Reference ${i}`,
            answers: [`Answer A ${i}`, `Answer B ${i}`, `Answer C ${i}`],
            abstained: false,
            reward: null,
            terms: [],
            humanShare: 0,
          });
        }
        const view = {
          models,
          confidenceKind: 'calibrated',
          split: 'test',
          thresholds: [0.5, 0.5],
          rows,
          notes: [],
          pricing: null,
          rejection: null,
          fileLines: true,
        };
        const t0 = performance.now();
        window.postMessage({ type: 'reply', requestId, reply: { ok: true, result: view } }, '*');
        const posted = performance.now() - t0;
        const painted = () =>
          /^100,000 of 100,000/.test(document.querySelector('[data-count]')?.textContent ?? '') &&
          document.querySelector('.vt-row[data-row="0"]') !== null;
        while (!painted()) await new Promise((r) => requestAnimationFrame(r));
        const wrong = rows.filter((r) => !r.correct).length;
        const cheapest = rows
          .filter((r) => r.answeredBy > 0)
          .map((r) => r.costUsd)
          .sort((x, y) => x - y)
          .slice(0, 5);
        return { shown: performance.now() - t0, posted, wrong, cheapest };
      },
      { n: N, requestId: req.requestId as number, models: THREE },
    );
    assert.match(await countText(h), new RegExp(`^100,000 of 100,000 queries shown · ${thousands(m.wrong)} wrong`));
    const shown = Math.round(m.shown);
    const inDom = await domRows(h);
    assert.ok(inDom > 10 && inDom < 60, `${inDom} rows in the DOM`);
    assert.equal(
      await h.page.getAttribute('[data-query-table="queries"] [role="grid"]', 'aria-rowcount'),
      String(N + 1),
    );

    const t1 = Date.now();
    await h.page.$eval('[data-query-table="queries"] .vt-viewport', (v) => (v.scrollTop = v.scrollHeight));
    await h.page.waitForSelector(`[data-query-table="queries"] .vt-row[data-row="${N - 1}"]`);
    const scrolled = Date.now() - t1;
    assert.ok(
      (await h.page.textContent(`[data-query-table="queries"] .vt-row[data-row="${N - 1}"]`))!.includes('q099999'),
    );

    const t2 = Date.now();
    await setDropdown(h, 'queries-filter', 'deferred');
    await waitCount(h, /^50,000 of 100,000 queries shown/);
    const filtered = Date.now() - t2;
    assert.ok((await domRows(h)) < 60);

    const t3 = Date.now();
    await h.page.click('[data-query-table="queries"] .vt-head [role="columnheader"]:nth-child(4) button');
    await h.page.waitForFunction(() =>
      /▲/.test(
        document.querySelector('[data-query-table="queries"] .vt-head [role="columnheader"]:nth-child(4)')
          ?.textContent ?? '',
      ),
    );
    const sorted = Date.now() - t3;
    const costs = await h.page.$$eval('[data-query-table="queries"] .vt-row', (rs) =>
      rs.slice(0, 5).map((r) => r.querySelectorAll('[role="cell"]')[3].textContent),
    );
    assert.deepEqual(costs, m.cheapest.map(formatUsd), 'sorted by cost, cheapest first');

    // Back to every row: the view's own work on 100,000 rows (filter, totals, first screen), no transfer.
    const t4 = Date.now();
    await setDropdown(h, 'queries-filter', 'all');
    await waitCount(h, /^100,000 of 100,000 queries shown/);
    const rerendered = Date.now() - t4;

    console.log(
      `100k rows: all rows re-filtered and shown in ${rerendered} ms; first ${shown} ms after the host's postMessage (structured clone ${Math.round(m.posted)} ms of it), scrolled to the end in ${scrolled} ms, filtered in ${filtered} ms, sorted in ${sorted} ms`,
    );
    // Bounds for a loaded machine (these ran at a load average of 20 on 2 cores): the transfer of
    // 100,000 objects dominates the first paint; the view's own passes stay well under a second unloaded.
    assert.ok(shown < 20000, `first paint ${shown} ms`);
    assert.ok(rerendered < 1500, `re-render ${rerendered} ms`);
    assert.ok(scrolled < 1000, `scroll ${scrolled} ms`);
    assert.ok(filtered < 1500, `filter ${filtered} ms`);
    assert.ok(sorted < 2000, `sort ${sorted} ms`);
    assert.deepEqual(h.errors, []);
    await h.close();
  });
  test('the texts of an Inspect log: a row shows the question, reference and answer the file holds', async () => {
    const inspect = join(FIXTURES, 'logs', 'inspect', 'real', '2025-05-12T20-28-13-04-00_popularity.json');
    const doc = JSON.parse(readFileSync(inspect, 'utf8')) as {
      samples: { id: number; input: string; target: string; output: { choices: { message: { content: string } }[] } }[];
    };
    const insSummary = await summarizeLog({ file: inspect }, ctx);
    const h = await server.open('modelOverview', { initialState: { file: inspect } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'summary', payload: { summary: insSummary } });
    await h.page.waitForSelector('[data-table="models"] tbody tr');
    await h.page.click('[data-table="models"] tbody tr');
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'queryTable');
    const p = req.params as { model: string; split: string };
    const view = await queryTable({ file: inspect, system: { kind: 'model', model: p.model, split: p.split } }, ctx);
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: view } });
    await waitCount(h, /^3 of 3 queries shown/);
    const headers = await h.page.$$eval('[data-query-table="queries"] .vt-head [role="columnheader"]', (hs) =>
      hs.map((x) => x.textContent ?? ''),
    );
    assert.ok(headers.includes('Reference') && headers.includes('Answer'), headers.join(', '));
    await h.page.click('[data-query-table="queries"] .vt-row[data-row="2"]');
    await h.page.waitForSelector('[data-query-detail="popularity/3"]');
    const s = doc.samples[2];
    assert.equal(await h.page.textContent('[data-query-detail] [data-text="question"]'), s.input);
    assert.equal(await h.page.textContent('[data-query-detail] [data-text="reference"]'), s.target);
    assert.equal(
      await h.page.textContent('[data-query-detail] [data-answer="0"] [data-text="answer"]'),
      s.output.choices[0].message.content,
    );
    assert.equal(await h.page.$('[data-query-detail] [data-open-line]'), null, 'a JSON document has no lines to open');
    assert.deepEqual(h.errors, []);
    assert.deepEqual(await h.cspViolations(), []);
    await h.close();
  });
});
