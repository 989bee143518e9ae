/**
 * Every decision view on a log without confidence scores (the MMLU example with `logprob` and
 * `signal` removed), fed by the real worker jobs: one plain message, shown once, and no statement
 * that is false for such a log (issue 15 item 3 and its acceptance).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_CONFIDENCE_MESSAGE } from '../../src/engines/logs/confidencePresence';
import { cascadeLogInfo } from '../../src/protocol/cascadeFrontier';
import { econData } from '../../src/worker/jobs/econData';
import { econMap } from '../../src/worker/jobs/econMap';
import { humanInTheLoop } from '../../src/worker/jobs/humanInTheLoop';
import { riskGuarantee } from '../../src/worker/jobs/riskGuarantee';
import { summarizeLog } from '../../src/worker/jobs/summarizeLog';
import { writeNoConfidenceLog } from '../helpers/noConfidenceLog';
import { accessibilityProblems } from './accessibility';
import { browserUnavailable, WebviewTestServer, type ViewHarness } from './harness';
import { answerSelectionRequest, jobCtx, waitForPosted } from './viewFixture';

const skip = browserUnavailable() ?? false;
/** Statements such views printed for this log, all false for it. */
const FALSE =
  /only 0 train|no query answered by every model|no query in common|confidence unknown|left out|AUARC —|Choose two different models/i;
const SAID = 'has no confidence scores';

/** The page's visible text (hidden elements excluded), once the message is on screen. */
async function visibleText(h: ViewHarness): Promise<string> {
  await h.page.waitForFunction((s) => document.body.innerText.includes(s), SAID, { timeout: 10000 });
  return h.page.evaluate(() => document.body.innerText);
}

/** The message appears exactly once, nothing false is said, the page stays clean and accessible. */
async function checkView(h: ViewHarness, view: string): Promise<string> {
  const text = await visibleText(h);
  assert.equal(text.split(SAID).length - 1, 1, `${view}: the message once:\n${text.slice(0, 2000)}`);
  assert.doesNotMatch(text, FALSE, view);
  assert.deepEqual(await accessibilityProblems(h), [], view);
  assert.deepEqual(await h.cspViolations(), [], view);
  assert.deepEqual(h.errors, [], view);
  return text;
}

describe('views on a log without confidence scores (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  let dir = '';
  let file = '';
  before(async () => {
    server = await WebviewTestServer.start();
    dir = mkdtempSync(join(tmpdir(), 'view-noconf-'));
    file = writeNoConfidenceLog(dir);
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('Cascade Frontier: says why nothing can be tuned, offers no Run', async () => {
    const h = await server.open('cascadeFrontier', { initialState: { file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    const info = cascadeLogInfo(await summarizeLog({ file }, jobCtx));
    assert.equal(info.noConfidence, true);
    await h.send({ type: 'notification', name: 'log', payload: { info } });
    const text = await checkView(h, 'Cascade Frontier');
    assert.match(text, /tuning a cascade/);
    assert.equal(await h.page.isVisible('#run'), false, 'no Run button for an analysis that cannot run');
    await h.close();
  });

  test('Economic Evaluation: the five models ranked, the note once', async () => {
    const h = await server.open('economicEvaluation', { initialState: { file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    const payload = await econData({ file, abstention: true, routers: true }, jobCtx);
    await h.send({ type: 'notification', name: 'data', payload });
    await h.page.waitForSelector('[data-recommended] strong');
    const text = await checkView(h, 'Economic Evaluation');
    assert.ok(text.includes(NO_CONFIDENCE_MESSAGE));
    assert.match(text, /5 systems from 5 models/);
    assert.doesNotMatch(text, /llama\S+ → llama/, 'no cascade ("a → b") is offered');
    await h.close();
  });

  test('Optimal-Model Map: models only, the note once', async () => {
    const h = await server.open('optimalModelMap', { initialState: { file } });
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'compute');
    const map = await econMap({ file, set: 'all' }, jobCtx);
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: map } });
    await h.page.waitForSelector('[data-table="map-shares"] tbody tr');
    const text = await checkView(h, 'Optimal-Model Map');
    assert.ok(text.includes(NO_CONFIDENCE_MESSAGE));
    await h.close();
  });

  test('Human in the Loop: no empty curve, no false reason for the missing system', async () => {
    const h = await server.open('humanInTheLoop', { initialState: { file } });
    await answerSelectionRequest(h, 'analyse', humanInTheLoop, file);
    const text = await checkView(h, 'Human in the Loop');
    assert.match(text, /"Fail Fast, or Ask"/);
    await h.close();
  });

  test('Risk Guarantee: the message as the result, no table and no chart', async () => {
    const h = await server.open('riskGuarantee', { initialState: { file } });
    await answerSelectionRequest(h, 'compute', riskGuarantee, file);
    const text = await checkView(h, 'Risk Guarantee');
    assert.match((await h.page.textContent('.headline')) ?? '', /^This log has no confidence scores/);
    assert.equal(await h.page.isVisible('[data-table="guarantee"]'), false);
    assert.equal(await h.page.isVisible('[data-chart="bound"]'), false);
    assert.doesNotMatch(text, /No threshold certifies/);
    await h.close();
  });
});
