import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interCascadeRun, type CascadeRunResult, type CascadeRunUpdate } from '../../src/worker/jobs/interCascadeRun';
import type { CascadeFormValues, CascadeRunnerWebviewState, CascadeRunStatus } from '../../src/protocol/cascadeRunner';
import { DEFAULT_FORM } from '../../src/protocol/cascadeRunner';
import { startMockChatServer } from '../helpers/mockChatServer';
import { arithmeticQueries, arithmeticReply, STRONG, WEAK, arithmeticRunForm } from '../helpers/arithmeticModels';
import { browserUnavailable, nonBackgroundPixels, WebviewTestServer, type ViewHarness } from './harness';
import { tableCells, waitForPosted } from './viewFixture';
import { accessibilityProblems } from './accessibility';

const skip = browserUnavailable() ?? false;
const ENDPOINT = {
  endpoint: 'http://127.0.0.1:5000/v1',
  hasApiKey: false,
  timeoutSeconds: 30,
  defaultModel: 'gpt-4o-mini',
};
const SUMMARY_ROWS = '[data-table="cascade-summary"] tbody tr';
const TRACE_ROWS = '[data-table="cascade-trace"] tbody tr';

/** Types into a toolkit text field as the page sees it (value, then an `input` event). */
const typeInto = (h: ViewHarness, id: string, value: string) =>
  h.page.evaluate(
    ([i, v]) => {
      const f = document.getElementById(i) as HTMLInputElement;
      f.value = v;
      f.dispatchEvent(new Event('input'));
    },
    [id, value] as const,
  );
const runStatus = (h: ViewHarness, run: CascadeRunStatus) =>
  h.send({ type: 'notification', name: 'run', payload: run });
const summaryValue = async (h: ViewHarness, measure: string): Promise<string | undefined> =>
  (await tableCells(h, SUMMARY_ROWS)).find((r) => r[0] === measure)?.[1];

describe('Cascade Runner webview (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  let dir = '';
  // One real run of the worker job against the mock endpoint: its live updates and its result are what the fake host sends.
  const updates: CascadeRunUpdate[] = [];
  let result: CascadeRunResult;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runner-view-'));
    const mock = await startMockChatServer((req) => arithmeticReply(req, (q) => q.startsWith('What is 16 plus')));
    try {
      const queriesFile = join(dir, 'q.jsonl');
      writeFileSync(queriesFile, arithmeticQueries(24));
      const ctx = {
        signal: new AbortController().signal,
        progress: () => undefined,
        update: (u: unknown) => updates.push(structuredClone(u) as CascadeRunUpdate),
      };
      result = await interCascadeRun(
        {
          form: arithmeticRunForm(queriesFile),
          endpoint: mock.url,
          apiKey: null,
          timeoutS: 10,
          prices: { small: { input: 0.1, output: 0.4 }, big: { input: 5, output: 15 } },
        },
        ctx,
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

  test('no endpoint: says so with Open Settings; filled form starts a run; live charts; summary, trace and save buttons at the end', async () => {
    const h = await server.open('cascadeRunner', { initialState: { queriesFile: '/w/q.jsonl' } });
    assert.equal((await waitForPosted(h, () => true)).type, 'ready');
    await h.send({ type: 'notification', name: 'endpoint', payload: { ...ENDPOINT, endpoint: null } });
    await h.page.waitForFunction(() =>
      /No language-model endpoint is set/.test(document.getElementById('endpoint')?.textContent ?? ''),
    );
    assert.equal(await h.page.$eval('#endpoint', (e) => e.classList.contains('problems')), true, 'shown as a warning');
    let n = (await h.posted()).length;
    await h.page.click('#open-settings');
    await waitForPosted(h, (m) => m.type === 'notification' && m.name === 'openSettings', n);
    assert.equal(
      await h.page.$eval('#queries', (e) => (e as HTMLInputElement).value),
      '/w/q.jsonl',
      'the queries file from the explorer',
    );
    assert.equal(await h.page.$eval('.field-error', (e) => e.textContent), '', 'no errors before anything is typed');
    // leaving the weak model's field empty names it (and only it)
    await h.page.focus('#weak');
    await h.page.focus('#strong');
    await h.page.waitForFunction(() =>
      /Name the weak model/.test(document.querySelector('.field-error')?.textContent ?? ''),
    );
    assert.doesNotMatch((await h.page.textContent('.field-error')) ?? '', /strong/);
    await typeInto(h, 'weak', WEAK);
    await typeInto(h, 'strong', STRONG);
    assert.equal(await h.page.$eval('#run', (e) => e.hasAttribute('disabled')), true, 'no endpoint: Run is disabled');

    await h.send({ type: 'notification', name: 'endpoint', payload: ENDPOINT });
    await h.page.waitForFunction(() => !document.getElementById('run')?.hasAttribute('disabled'));
    assert.match(
      await h.page.$eval('#endpoint', (e) => e.textContent ?? ''),
      /Queries go to http:\/\/127\.0\.0\.1:5000\/v1 \(API key not set/,
    );
    await typeInto(h, 'k', 'two');
    await h.page.waitForFunction(() =>
      /k must be an integer from 0 to 50, got "two"/.test(document.querySelector('.field-error')?.textContent ?? ''),
    );
    n = (await h.posted()).length;
    await h.page.click('#run');
    await h.page.waitForTimeout(200);
    assert.equal(
      (await h.posted()).slice(n).some((m) => m.type === 'request'),
      false,
      'Run with a bad k starts nothing',
    );
    await typeInto(h, 'k', '2');
    await typeInto(h, 'embedding-model', 'text-embedding-3-small');
    await typeInto(h, 'budget', '-1');
    await h.page.waitForFunction(() =>
      /Budget must be a positive number of dollars/.test(document.querySelector('.field-error')?.textContent ?? ''),
    );
    await typeInto(h, 'budget', '0.5');
    await h.page.click('#confidence');
    await h.page.locator('#confidence [data-control="option"]', { hasText: 'Answer-token probability' }).click();
    n = (await h.posted()).length;
    await h.page.click('#run');
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'start', n);
    const sent = req.params as CascadeFormValues;
    assert.deepEqual(
      [
        sent.queriesFile,
        sent.weakModel,
        sent.strongModel,
        sent.k,
        sent.mode,
        sent.weakThreshold,
        sent.confidence,
        sent.embeddingModel,
        sent.budgetUsd,
      ],
      ['/w/q.jsonl', WEAK, STRONG, '2', 'manual', '0.7', 'tokens', 'text-embedding-3-small', '0.5'],
    );
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: null } });

    // live: halfway through, the status, the notes on failed calls and both charts
    const mid = updates[12];
    await runStatus(h, { phase: 'running', ...mid });
    await h.page.waitForFunction(() =>
      /Query 12 of 24 · strong-call rate 25% · 3 strategies/.test(
        document.getElementById('run-status')?.textContent ?? '',
      ),
    );
    assert.match(
      await h.page.$eval('#run-notes', (e) => e.textContent ?? ''),
      /1 malformed model reply and 0 transport errors so far.*not a JSON object/,
    );
    assert.match(
      await h.page.$eval('#run-notes', (e) => e.textContent ?? ''),
      /\$0\.0\d+ spent \(estimate for the whole run: 24 to 48 calls, .* tokens, \$0\.0\d+ to \$0\.\d+;/,
      'what was spent, and the estimate',
    );
    assert.equal(await h.page.$eval('#cancel', (e) => e.hasAttribute('disabled')), false, 'Cancel while running');
    for (const chart of ['cascade-rates', 'cascade-repository']) {
      const px = await nonBackgroundPixels(h.page, `[data-chart="${chart}"] canvas`, '#1e1e1e');
      assert.ok(px.differing > 1500, `${chart} drawn while running (${px.differing} pixels)`);
    }

    await runStatus(h, { phase: 'done', summary: result.summary, points: result.points, trace: result.trace });
    await h.page.waitForSelector(TRACE_ROWS);
    assert.equal(await summaryValue(h, 'Strong-call rate'), '12.5%');
    assert.equal(await summaryValue(h, 'Overall accuracy'), '1.000');
    assert.equal(await summaryValue(h, 'Malformed model replies'), '1');
    assert.equal(await summaryValue(h, 'Strategy repository'), '0 → 3 strategies (3 added)');
    assert.equal(await summaryValue(h, 'Query matching'), 'shared words (TF-IDF cosine similarity)');
    const trace = await tableCells(h, TRACE_ROWS);
    assert.equal(trace.length, 24);
    assert.deepEqual(trace[1].slice(0, 4), ['q-1', 'What is 11 times 3?', '33', '0']);
    assert.deepEqual(
      [trace[1][8], trace[1][10]],
      [STRONG, 'added'],
      'q-1 went to the strong model, which left a strategy',
    );
    assert.deepEqual(
      [trace[4][3], trace[4][8]],
      ['2', WEAK],
      'q-4 (times again) saw two notes and the weak model kept it',
    );
    assert.equal(
      await h.page.$$eval(`${TRACE_ROWS}.flagged`, (rows) => rows.length),
      1,
      'the malformed reply is flagged',
    );
    assert.match(
      await h.page.$eval('#run-headline', (e) => e.textContent ?? ''),
      /small → big on 24 queries: strong-call rate 12\.5% \(3 sent to big\)/,
    );
    const saved = (await h.savedState()) as CascadeRunnerWebviewState;
    assert.equal(saved.form.weakModel, WEAK);
    assert.equal(saved.last?.summary.n, 24);

    assert.equal(await h.page.$eval('#open-log', (e) => e.hasAttribute('disabled')), true, 'nothing saved yet');
    n = (await h.posted()).length;
    await h.page.click('#save-log');
    const save = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'saveLog', n);
    await h.send({
      type: 'reply',
      requestId: save.requestId,
      reply: { ok: true, result: { file: '/w/q-cascade-run.jsonl', records: 44 } },
    });
    await h.page.waitForFunction(() =>
      /Saved 44 records to q-cascade-run\.jsonl/.test(document.getElementById('action-status')?.textContent ?? ''),
    );
    n = (await h.posted()).length;
    await h.page.click('#open-log');
    const open = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'openLog', n);
    assert.deepEqual(open.params, { file: '/w/q-cascade-run.jsonl' });
    assert.deepEqual(await h.cspViolations(), []);
    assert.deepEqual(await accessibilityProblems(h), [], 'every control named; every chart an image with a data table');
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('a reload shows the saved form and the last summary; a failed run says why', async () => {
    const form: CascadeFormValues = {
      ...DEFAULT_FORM,
      queriesFile: 'q.jsonl',
      weakModel: WEAK,
      strongModel: STRONG,
      mode: 'guarantee',
      alpha: '0.05',
    };
    const h = await server.open('cascadeRunner', {
      initialState: { queriesFile: null },
      savedState: { queriesFile: 'q.jsonl', form, last: { summary: result.summary, points: result.points } },
    });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'endpoint', payload: ENDPOINT });
    await runStatus(h, { phase: 'idle' });
    await h.page.waitForSelector(SUMMARY_ROWS);
    assert.equal(await h.page.$eval('#alpha', (e) => (e as HTMLInputElement).value), '0.05');
    assert.equal(
      await h.page.$eval('#manual-fields', (e) => (e as HTMLElement).hidden),
      true,
      'risk-guarantee fields shown instead of the thresholds',
    );
    assert.equal(await summaryValue(h, 'Strong-call rate'), '12.5%');
    const px = await nonBackgroundPixels(h.page, '[data-chart="cascade-rates"] canvas', '#1e1e1e');
    assert.ok(px.differing > 1500, `the last run's chart is drawn again (${px.differing} pixels)`);
    assert.equal(
      await h.page.$eval('#save-log', (e) => e.hasAttribute('disabled')),
      true,
      'its log is gone with the reload',
    );

    await runStatus(h, {
      phase: 'failed',
      message: 'The queries file q.jsonl has 1 bad line(s): line 3: missing "question"',
      points: [],
    });
    await h.page.waitForFunction(() =>
      /The run failed: .*line 3: missing "question"/.test(document.getElementById('run-error')?.textContent ?? ''),
    );
    // stopped by the budget: the reason, the finished queries' summary, and the save buttons for them
    const stopped = {
      ...result.summary,
      n: 10,
      stopped: {
        reason: 'budget' as const,
        message:
          'budget of $0.01 reached: $0.0098 spent, and the next call (big on query "q-10") would cost about $0.0031 more',
      },
    };
    await runStatus(h, {
      phase: 'stopped',
      summary: stopped,
      points: result.points.slice(0, 10),
      trace: result.trace.slice(0, 10),
    });
    await h.page.waitForFunction(() =>
      /The run stopped: budget of \$0\.01 reached/.test(document.getElementById('run-error')?.textContent ?? ''),
    );
    assert.match(
      await h.page.$eval('#run-status', (e) => e.textContent ?? ''),
      /Stopped after 10 of 24 queries \(budget\)/,
    );
    assert.match((await summaryValue(h, 'Stopped')) ?? '', /^budget of \$0\.01 reached/);
    assert.equal(
      await h.page.$eval('#save-log', (e) => e.hasAttribute('disabled')),
      false,
      'the finished queries can be saved',
    );
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('a summary saved by an older version (no estimate, spending or failure causes) is not shown, and breaks nothing', async () => {
    const { estimate: _e, spent: _s, ...old } = result.summary;
    const h = await server.open('cascadeRunner', {
      initialState: { queriesFile: null },
      savedState: {
        queriesFile: 'q.jsonl',
        form: { ...DEFAULT_FORM, queriesFile: 'q.jsonl' },
        last: { summary: old, points: result.points },
      },
    });
    await waitForPosted(h, (m) => m.type === 'ready');
    await runStatus(h, { phase: 'idle' });
    assert.equal(await h.page.$eval('#results', (e) => (e as HTMLElement).hidden), true);
    assert.equal(await h.page.$eval('#queries', (e) => (e as HTMLInputElement).value), 'q.jsonl', 'the form is kept');
    assert.deepEqual(h.errors, []);
    await h.close();
  });
});
