/**
 * The Model Overview comparing runs (issue 14 item 4) in headless Chromium: a log and a second run
 * of it (every 7th answer flipped, costs 10% higher), answered by the real worker jobs. The title
 * counts the runs, the models table lists each model once per run, the runs card shows one
 * sentence and one row per model with the job's numbers, and a query row of the later run opens
 * its line in that run's log.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizeLog } from '../../src/worker/jobs/summarizeLog';
import { runPairs } from '../../src/worker/jobs/runPairs';
import { queryTable } from '../../src/worker/jobs/queryTable';
import { econData } from '../../src/worker/jobs/econData';
import { econMap } from '../../src/worker/jobs/econMap';
import type { LogSummary } from '../../src/protocol/logSummary';
import { formatInteger, formatShare } from '../../src/protocol/format';
import { realLog } from '../helpers/paths';
import { writeSecondRun } from '../helpers/secondRun';
import { browserUnavailable, WebviewTestServer, type PostedMessage, type ViewHarness } from './harness';
import { accessibilityProblems } from './accessibility';
import { jobCtx } from './viewFixture';

const skip = browserUnavailable() ?? false;
const baseline = realLog('mmlu-llama');

async function waitForPosted(h: ViewHarness, pred: (m: PostedMessage) => boolean, from = 0): Promise<PostedMessage> {
  for (let i = 0; i < 200; i++) {
    const hit = (await h.posted()).slice(from).find(pred);
    if (hit) return hit;
    await h.page.waitForTimeout(50);
  }
  throw new Error(`no such message; posted: ${JSON.stringify(await h.posted()).slice(0, 500)}`);
}

const cells = (h: ViewHarness, table: string): Promise<string[][]> =>
  h.page.$$eval(`[data-table="${table}"] tbody tr`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  );

describe('Model Overview comparing runs (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  let dir = '';
  let afterRun = '';
  let summary: LogSummary;

  before(async () => {
    server = await WebviewTestServer.start();
    dir = mkdtempSync(join(tmpdir(), 'crl-runs-'));
    afterRun = join(dir, 'after.jsonl');
    writeSecondRun(baseline, afterRun);
    summary = await summarizeLog({ file: baseline, runs: [afterRun] }, jobCtx);
  });
  after(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('each model once per run, the runs card with the numbers of the runPairs job, a row opens its own run', async () => {
    const h = await server.open('modelOverview', { initialState: { file: baseline, runs: [afterRun] } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'summary', payload: { summary } });
    await h.page.waitForSelector('[data-table="models"] tbody tr');
    assert.equal(await h.page.textContent('h1'), 'Model Overview: mmlu-llama.jsonl + 1 run');
    assert.match((await h.page.textContent('.subtitle')) ?? '', /in 2 runs, matched by query id: mmlu-llama, after/);
    const models = (await cells(h, 'models')).map((r) => r[0].replace('★ ', ''));
    assert.equal(models.length, 10);
    assert.ok(models.includes('llama3.1-405b · after') && models.includes('llama3.1-405b · mmlu-llama'));

    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'runPairs');
    assert.deepEqual(req.params, { split: 'test', where: null }, 'the split on screen');
    const pairs = await runPairs({ file: baseline, runs: [afterRun], split: 'test', where: null }, jobCtx);
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: pairs } });
    await h.page.waitForSelector('[data-table="run-accuracy"] tbody tr');
    const rows = await cells(h, 'run-accuracy');
    assert.deepEqual(
      rows.map((r) => r.slice(0, 6)),
      pairs.pairs.map((p) => [
        'after',
        p.model,
        p.baselineModel,
        formatInteger(p.comparison!.matched),
        formatShare(p.comparison!.accuracy.mean_a),
        formatShare(p.comparison!.accuracy.mean_b),
      ]),
    );
    assert.equal(await h.page.$$eval('[data-run-finding]', (els) => els.length), 5);
    assert.match(
      (await h.page.textContent('[data-run-finding]')) ?? '',
      /^llama3\.2-1b in "after" against llama3\.2-1b in "mmlu-llama" on \d+ shared queries/,
    );
    assert.equal((await cells(h, 'run-cost')).length, 5);
    assert.match((await h.page.textContent('[data-card="runs"] h2')) ?? '', /baseline "mmlu-llama" · split "test"/);

    // A model of the later run: its queries, and Open line opens that run's log at its record.
    await h.page.click('[data-table="models"] tbody tr:nth-child(10)');
    const drill = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'queryTable');
    const model = (drill.params as { model: string }).model;
    assert.match(model, / · after$/);
    const view = await queryTable(
      { file: baseline, runs: [afterRun], system: { kind: 'model', model, split: 'test' } },
      jobCtx,
    );
    await h.send({ type: 'reply', requestId: drill.requestId, reply: { ok: true, result: view } });
    await h.page.waitForSelector('[data-query-table="queries"] .vt-row');
    const posted = (await h.posted()).length;
    await h.page.click('[data-query-table="queries"] .vt-row');
    await h.page.click('[data-query-detail] [data-open-line]');
    const open = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'openSource', posted);
    const { line, model: openModel } = open.params as { line: number; model: string };
    assert.equal(openModel, model, 'the host opens the log of the row model');
    const record = JSON.parse(readFileSync(afterRun, 'utf8').split('\n')[line - 1]) as { model: string };
    assert.equal(`${record.model} · after`, model, "the line is the model's record in the later run's log");

    assert.deepEqual(await accessibilityProblems(h), []);
    assert.deepEqual(h.errors, []);
    assert.deepEqual(await h.cspViolations(), []);
    await h.close();
  });

  test('Economic Evaluation and its map of runs: single models of each run, the note once, no kind choice', async () => {
    const source = { file: baseline, runs: [afterRun] };
    const h = await server.open('economicEvaluation', { initialState: source });
    await waitForPosted(h, (m) => m.type === 'ready');
    const payload = await econData({ ...source, abstention: true, routers: true }, jobCtx);
    await h.send({ type: 'notification', name: 'data', payload });
    await h.page.waitForSelector('[data-recommended] strong');
    const text = (await h.page.textContent('body')) ?? '';
    assert.equal(await h.page.textContent('h1'), 'Economic Evaluation: mmlu-llama.jsonl + 1 run');
    assert.match(text, /10 systems from 10 models/);
    assert.equal(text.split('Comparing 2 runs ("mmlu-llama", "after")').length, 2, 'the note once');
    assert.match((await h.page.textContent('[data-recommended] strong')) ?? '', / · (mmlu-llama|after)$/);
    assert.notEqual(await h.page.$('#kinds'), null);
    assert.equal(await h.page.isVisible('#kinds'), false, 'no kind to choose');
    assert.deepEqual(h.errors, []);
    await h.close();

    const m = await server.open('optimalModelMap', { initialState: { ...source, priceAbstain: 0 } });
    const req = await waitForPosted(m, (x) => x.type === 'request' && x.method === 'compute');
    const map = await econMap({ ...source, set: 'all' }, jobCtx);
    await m.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: map } });
    await m.page.waitForSelector('[data-table="map-shares"] tbody tr');
    assert.equal(await m.page.textContent('h1'), 'Optimal-Model Map: mmlu-llama.jsonl + 1 run');
    assert.ok(map.candidates.every((c) => c.kind === 'model') && map.candidates.length === 10);
    assert.deepEqual(m.errors, []);
    await m.close();
  });
});
