/**
 * The Cascade Runner view's comparison table, grading choices and VS Code's language models
 * (headless Chromium; the host is played by the test, the run is a real worker job against the mock
 * endpoint with both controls).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interCascadeRun, type CascadeRunResult } from '../../src/worker/jobs/interCascadeRun';
import type { CascadeFormValues, ChatModelChoice } from '../../src/protocol/cascadeRunner';
import { formatShare } from '../../src/protocol/format';
import { startMockChatServer } from '../helpers/mockChatServer';
import { arithmeticQueries, arithmeticReply, STRONG, WEAK } from '../helpers/arithmeticModels';
import { browserUnavailable, WebviewTestServer, type ViewHarness } from './harness';
import { jobCtx, tableCells, waitForPosted } from './viewFixture';

const skip = browserUnavailable() ?? false;
const ENDPOINT = { endpoint: null, hasApiKey: false, timeoutSeconds: 30, defaultModel: 'gpt-4o-mini' };
const COMPARISON_ROWS = '[data-table="cascade-comparison"] tbody tr';
const MODELS: ChatModelChoice[] = [
  { id: 'copilot-mini', name: 'Mini', vendor: 'copilot', family: 'mini', maxInputTokens: 100000 },
  { id: 'copilot-big', name: 'Big', vendor: 'copilot', family: 'big', maxInputTokens: 100000 },
];

const typeInto = (h: ViewHarness, id: string, value: string) =>
  h.page.evaluate(
    ([i, v]) => {
      const f = document.getElementById(i) as HTMLInputElement;
      f.value = v;
      f.dispatchEvent(new Event('input'));
    },
    [id, value] as const,
  );
/** Picks an option of a toolkit dropdown by its label, as a user does. */
const choose = async (h: ViewHarness, id: string, label: string) => {
  await h.page.click(`#${id}`);
  await h.page.locator(`#${id} [data-control="option"]`, { hasText: label }).first().click();
};
const hidden = (h: ViewHarness, selector: string) =>
  h.page.$eval(selector, (e) => (e as HTMLElement).hidden || !!(e as HTMLElement).closest('[hidden]'));

describe('Cascade Runner webview: comparison, grading, VS Code language models (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  let dir = '';
  let result: CascadeRunResult;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runner-compare-'));
    const mock = await startMockChatServer((req) => arithmeticReply(req));
    try {
      const queriesFile = join(dir, 'q.jsonl');
      writeFileSync(queriesFile, arithmeticQueries(24));
      const form = {
        provider: 'openai' as const,
        queriesFile,
        weakModel: WEAK,
        strongModel: STRONG,
        k: 2,
        confidence: 'stated' as const,
        thresholds: { mode: 'manual' as const, weak: 0.5, strong: 0 },
        repositoryFile: null,
        embeddingModel: null,
        budgetUsd: null,
        match: { mode: 'exact' as const },
        compare: ['plain' as const, 'random' as const],
      };
      result = await interCascadeRun(
        {
          form,
          endpoint: mock.url,
          apiKey: null,
          timeoutS: 10,
          prices: { small: { input: 0.1, output: 0.4 }, big: { input: 5, output: 15 } },
        },
        jobCtx,
      );
    } finally {
      await mock.close();
    }
    server = await WebviewTestServer.start();
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("VS Code models chosen from the editor's list, stated confidence only, no endpoint needed; grading and comparison choices reach the host", async () => {
    const h = await server.open('cascadeRunner', { initialState: { queriesFile: '/w/q.jsonl' } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'endpoint', payload: ENDPOINT });
    assert.equal(
      await h.page.$eval('#run', (e) => e.hasAttribute('disabled')),
      true,
      'no endpoint, no models: Run is disabled',
    );
    let n = (await h.posted()).length;
    await choose(h, 'provider', 'VS Code language models');
    const list = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'chatModels', n);
    await h.send({ type: 'reply', requestId: list.requestId, reply: { ok: true, result: MODELS } });
    await h.page.waitForFunction(() => document.querySelectorAll('#weak-lm [data-control="option"]').length === 3);
    assert.equal(await hidden(h, '#endpoint'), true, 'the endpoint box is not shown');
    assert.equal(await hidden(h, '#embedding-model'), true, 'no embeddings there');
    assert.equal(await hidden(h, '#lm-note'), false);
    assert.match(await h.page.$eval('#lm-note', (e) => e.textContent ?? ''), /no token log-probabilities/);
    assert.deepEqual(await h.page.$$eval('#confidence [data-control="option"]', (o) => o.map((x) => x.textContent)), [
      'Stated by the model (no log-probs here)',
    ]);
    await choose(h, 'weak-lm', 'Mini · copilot');
    await choose(h, 'strong-lm', 'Big · copilot');
    await choose(h, 'match', 'Numeric');
    assert.equal(await hidden(h, '#tolerance'), false, 'the tolerance shows for numeric matching');
    await typeInto(h, 'tolerance', '0.01');
    await choose(h, 'compare', 'Plain cascade and random strategies');
    await h.page.waitForFunction(() => !document.getElementById('run')?.hasAttribute('disabled'));
    n = (await h.posted()).length;
    await h.page.click('#run');
    const start = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'start', n);
    const sent = start.params as CascadeFormValues;
    assert.deepEqual(
      [
        sent.provider,
        sent.weakModel,
        sent.strongModel,
        sent.confidence,
        sent.embeddingModel,
        sent.match,
        sent.tolerance,
        sent.compare,
      ],
      ['vscode', 'copilot-mini', 'copilot-big', 'stated', '', 'numeric', '0.01', 'plain,random'],
    );
    // judge matching with VS Code's models: the judge is chosen from the list too, and required
    await choose(h, 'match', 'A judge model');
    assert.equal(await hidden(h, '#judge-lm'), false);
    assert.equal(await hidden(h, '#judge-model'), true);
    await h.page.waitForFunction(() =>
      /Choose the judge model/.test(document.querySelector('.field-error')?.textContent ?? ''),
    );
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test("the comparison table: one row per pipeline with the paper's figures", async () => {
    const h = await server.open('cascadeRunner', { initialState: { queriesFile: null } });
    await waitForPosted(h, (m) => m.type === 'ready');
    assert.equal(await hidden(h, '[data-table="cascade-comparison"]'), true, 'no comparison before a run');
    await h.send({
      type: 'notification',
      name: 'run',
      payload: { phase: 'done', summary: result.summary, points: result.points, trace: result.trace },
    });
    await h.page.waitForSelector(COMPARISON_ROWS);
    const rows = await tableCells(h, COMPARISON_ROWS);
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['Inter-Cascade (retrieved strategies)', 'Plain cascade (no strategies)', 'Random strategies'],
    );
    const c = result.summary.comparison ?? [];
    assert.deepEqual(
      rows.map((r) => r[2]),
      c.map((a) => formatShare(a.pipelineAccuracy)),
    );
    assert.deepEqual(
      rows.map((r) => r[5]).slice(0, 2),
      ['8.3%', '66.7%'],
      'strong-call rates: 2 of 24 with retrieval, every "times" and "minus" query without strategies',
    );
    assert.equal(rows[2][5], `${(100 * c[2].strongCallRate).toFixed(1)}%`);
    assert.match(rows[0][9], /^\d+(\.\d)?%$/, 'a token reduction against the plain cascade');
    assert.equal(rows[1][9], '—', 'none for the plain cascade itself');
    const summary = await tableCells(h, '[data-table="cascade-summary"] tbody tr');
    assert.match(
      summary.find((r) => r[0] === 'Comparison calls')?.[1] ?? '',
      /^\d+ extra paid calls for the controls; \d+ calls answered by an identical call already paid$/,
    );
    assert.equal(
      summary.find((r) => r[0] === 'Answers graded by')?.[1],
      'exact match (normalised; numbers in any format)',
    );
    assert.deepEqual(h.errors, []);
    await h.close();
  });
});
