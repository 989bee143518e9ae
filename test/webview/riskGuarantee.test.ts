import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { riskGuarantee } from '../../src/worker/jobs/riskGuarantee';
import type { GuaranteeSelection } from '../../src/protocol/riskGuarantee';
import { realLog } from '../helpers/paths';
import { rawAnswers, referenceBound, referenceThreshold } from '../engines/riskGuarantee/referenceGuarantee';
import { browserUnavailable, nonBackgroundPixels, WebviewTestServer, type ViewHarness } from './harness';
import { answerSelectionRequest, tableCells, waitForPosted } from './viewFixture';
import { accessibilityProblems } from './accessibility';

const skip = browserUnavailable() ?? false;

/** Plays the host: answers the next `compute` request with the real worker job. */
const answerCompute = (h: ViewHarness, file: string, after = 0) =>
  answerSelectionRequest<GuaranteeSelection | null, unknown>(h, 'compute', riskGuarantee, file, after);

const ROWS = '[data-table="guarantee"] tbody tr';
const tableRows = (h: ViewHarness): Promise<string[][]> => tableCells(h, ROWS);

/**
 * The table row the view must show for one model at α = δ = 0.1 (fixed-sequence on the default grid),
 * computed from the raw JSONL with jstat's Beta inverse: no engine code involved.
 */
function expectedRow(file: string, model: string): string[] {
  const raw = readFileSync(file, 'utf8');
  const cal = rawAnswers(raw, model, 'train');
  const test = rawAnswers(raw, model, 'test');
  const t = referenceThreshold(cal, 0.1, 0.1, 'fixed-sequence');
  assert.ok(t !== null, `the reference certifies a threshold for ${model}`);
  const acc = cal.filter((a) => a.certainty >= t);
  const held = test.filter((a) => a.certainty >= t);
  const pct = (x: number) => `${Number((100 * x).toFixed(1))}%`;
  const bound = referenceBound(acc.filter((a) => !a.correct).length, acc.length, 0.1);
  return [
    model,
    `confidence ≥ ${Number(t.toPrecision(6))}`,
    bound.toFixed(3),
    pct(acc.length / cal.length),
    pct(held.length / test.length),
    (held.filter((a) => !a.correct).length / held.length).toFixed(3),
  ];
}

describe('Risk Guarantee webview (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  const file = realLog('mmlu-qwen-oai');
  before(async () => {
    server = await WebviewTestServer.start();
  });
  after(async () => {
    await server?.close();
  });

  test('MMLU defaults (llama3.1-405b, α = δ = 0.1): the certified threshold matches an independent computation, and the chart says where the scan stopped', async () => {
    const mmlu = realLog('mmlu-llama');
    const h = await server.open('riskGuarantee', { initialState: { file: mmlu } });
    assert.equal((await waitForPosted(h, () => true)).type, 'ready');
    await answerCompute(h, mmlu);
    await h.page.waitForSelector(ROWS);
    const [row] = await tableRows(h);
    assert.deepEqual(row, expectedRow(mmlu, 'llama3.1-405b'));
    assert.match(
      (await h.page.textContent('.headline')) ?? '',
      /^Accept llama3\.1-405b's answer when confidence ≥ [\d.]+: .* test error 0\.0\d\d ≤ α = 0\.1\.$/,
    );
    // The text alternative: visible under the chart and as the canvas's label.
    const notes = await h.page.$$eval('.scan-notes li', (lis) => lis.map((li) => li.textContent ?? ''));
    assert.match(
      notes[0],
      /^The fixed-sequence scan over \d+ grid points .* stopped at point \d+: \d+ error\(s\) among the \d+ most certain calibration answers \(coverage [\d.]+%\) give an upper bound of 0\.1\d\d > α = 0\.1\./,
    );
    assert.match(notes[1], /^Exchangeability: calibration "train" and test "test" look exchangeable/);
    assert.ok(((await h.page.getAttribute('[data-chart="bound"] canvas', 'aria-label')) ?? '').includes(notes[0]));
    const px = await nonBackgroundPixels(h.page, '[data-chart="bound"] canvas', '#1e1e1e');
    assert.ok(px.differing > 2000, `bound curve drawn (${px.differing} pixels)`);
    assert.deepEqual(await h.cspViolations(), []);
    assert.deepEqual(await accessibilityProblems(h), [], 'every control named; every chart an image with a data table');
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('the table matches the independent computation on a second log (gpt-4o, mmlu-qwen-oai); Bonferroni can be chosen', async () => {
    const h = await server.open('riskGuarantee', { initialState: { file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    const { count } = await answerCompute(h, file);
    await h.page.waitForSelector(ROWS);
    assert.deepEqual((await tableRows(h))[0], expectedRow(file, 'gpt-4o'));
    await h.page.evaluate(() => {
      const dd = document.getElementById('method') as HTMLSelectElement;
      dd.value = 'bonferroni';
      dd.dispatchEvent(new Event('change'));
    });
    const { selection } = await answerCompute(h, file, count);
    assert.equal(selection?.method, 'bonferroni');
    await h.page.waitForFunction(() =>
      /^Bonferroni over \d+ grid points/.test(document.querySelector('.scan-notes li')?.textContent ?? ''),
    );
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('typing α recomputes after a pause; an invalid α is refused with a message', async () => {
    const h = await server.open('riskGuarantee', { initialState: { file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    const { count } = await answerCompute(h, file);
    await h.page.waitForSelector(ROWS);
    await h.page.evaluate(() => {
      const f = document.getElementById('alpha') as HTMLInputElement;
      f.value = '1.5';
      f.dispatchEvent(new Event('input'));
    });
    await h.page.waitForFunction(() =>
      /between 0 and 1/.test(document.querySelector('.field-error')?.textContent ?? ''),
    );
    await h.page.evaluate(() => {
      const f = document.getElementById('alpha') as HTMLInputElement;
      f.value = '0.2';
      f.dispatchEvent(new Event('input'));
    });
    const { selection } = await answerCompute(h, file, count);
    assert.equal(selection?.alpha, 0.2, 'only the valid value was sent');
    await h.page.waitForFunction(() => /α = 0\.2/.test(document.querySelector('.headline')?.textContent ?? ''));
    assert.equal(((await h.savedState()) as { selection: GuaranteeSelection }).selection.alpha, 0.2);
    await h.close();
  });

  test('choosing a second model switches to the two-model cascade, with one scan note per stage', async () => {
    const mmlu = realLog('mmlu-llama');
    // A selection saved before `method` existed: the host answers with the default method.
    const h = await server.open('riskGuarantee', {
      initialState: { file: mmlu },
      savedState: {
        file: mmlu,
        selection: {
          model: 'llama3.1-70b',
          strong: null,
          signal: 'auto',
          alpha: 0.1,
          delta: 0.1,
          calSplit: 'train',
          testSplit: 'test',
        },
      },
    });
    await waitForPosted(h, (m) => m.type === 'ready');
    const { selection, count } = await answerCompute(h, mmlu);
    assert.equal(selection?.model, 'llama3.1-70b', 'the saved selection is sent back');
    await h.page.waitForSelector(ROWS);
    assert.equal(await h.page.$eval('#method', (el) => (el as HTMLSelectElement).value), 'fixed-sequence');
    await h.page.evaluate(() => {
      const dd = document.getElementById('strong') as HTMLSelectElement;
      dd.value = 'llama3.1-405b';
      dd.dispatchEvent(new Event('change'));
    });
    await answerCompute(h, mmlu, count);
    await h.page.waitForFunction((sel) => document.querySelectorAll(sel).length === 3, ROWS);
    const rows = await tableRows(h);
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['llama3.1-70b', 'llama3.1-405b', 'cascade (all accepted)'],
    );
    assert.match(
      (await h.page.textContent('.headline')) ?? '',
      /^llama3\.1-70b answers when confidence ≥ [\d.]+; else llama3\.1-405b answers when confidence ≥ [\d.]+; else abstain/,
    );
    const notes = await h.page.$$eval('.scan-notes li', (lis) => lis.map((li) => li.textContent ?? ''));
    assert.deepEqual(
      notes.slice(0, 2).map((n) => n.split(':')[0]),
      ['llama3.1-70b', 'llama3.1-405b'],
      'one scan note per stage',
    );
    assert.deepEqual(h.errors, []);
    await h.close();
  });
});
