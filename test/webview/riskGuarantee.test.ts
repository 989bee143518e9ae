import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { riskGuarantee } from '../../src/worker/jobs/riskGuarantee';
import type { GuaranteeSelection } from '../../src/protocol/riskGuarantee';
import { realLog } from '../helpers/paths';
import { browserUnavailable, nonBackgroundPixels, WebviewTestServer, type ViewHarness } from './harness';
import { answerSelectionRequest, tableCells, waitForPosted } from './viewFixture';

const skip = browserUnavailable() ?? false;

/** Plays the host: answers the next `compute` request with the real worker job. */
const answerCompute = (h: ViewHarness, file: string, after = 0) => answerSelectionRequest<GuaranteeSelection | null, unknown>(h, 'compute', riskGuarantee, file, after);

const ROWS = '[data-table="guarantee"] tbody tr';
const tableRows = (h: ViewHarness): Promise<string[][]> => tableCells(h, ROWS);

describe('Risk Guarantee webview (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  const file = realLog('mmlu-qwen-oai');
  before(async () => {
    server = await WebviewTestServer.start();
  });
  after(async () => {
    await server?.close();
  });

  test('shows the certified threshold, coverage and test error next to α, and draws the bound curve', async () => {
    const h = await server.open('riskGuarantee', { initialState: { file } });
    assert.equal((await waitForPosted(h, () => true)).type, 'ready');
    await answerCompute(h, file);
    await h.page.waitForSelector(ROWS);
    const [row] = await tableRows(h);
    // Default: the last model of the log (gpt-4o), α = δ = 0.1, train → test; `costrisk guarantee` gives
    // threshold 0.98513, bound 0.0967, coverage 0.761 / 0.788, test risk 0.0821 for the same inputs.
    assert.deepEqual(row, ['gpt-4o', 'confidence ≥ 0.985128', '0.097', '76.1%', '78.8%', '0.082']);
    assert.match((await h.page.textContent('.headline')) ?? '', /test error 0\.082 ≤ α = 0\.1/);
    const px = await nonBackgroundPixels(h.page, '[data-chart="bound"] canvas', '#1e1e1e');
    assert.ok(px.differing > 2000, `bound curve drawn (${px.differing} pixels)`);
    assert.deepEqual(await h.cspViolations(), []);
    assert.deepEqual(h.errors, []);
    await h.page.close();
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
    await h.page.waitForFunction(() => /between 0 and 1/.test(document.querySelector('.field-error')?.textContent ?? ''));
    await h.page.evaluate(() => {
      const f = document.getElementById('alpha') as HTMLInputElement;
      f.value = '0.2';
      f.dispatchEvent(new Event('input'));
    });
    const { selection } = await answerCompute(h, file, count);
    assert.equal(selection?.alpha, 0.2, 'only the valid value was sent');
    await h.page.waitForFunction(() => /α = 0\.2/.test(document.querySelector('.headline')?.textContent ?? ''));
    assert.equal(((await h.savedState()) as { selection: GuaranteeSelection }).selection.alpha, 0.2);
    await h.page.close();
  });

  test('choosing a second model switches to the two-model cascade', async () => {
    const h = await server.open('riskGuarantee', { initialState: { file }, savedState: { file, selection: { model: 'qwen2.5-72b-instruct', strong: null, signal: 'auto', alpha: 0.1, delta: 0.1, calSplit: 'train', testSplit: 'test' } } });
    await waitForPosted(h, (m) => m.type === 'ready');
    const { selection, count } = await answerCompute(h, file);
    assert.equal(selection?.model, 'qwen2.5-72b-instruct', 'the saved selection is sent back');
    await h.page.waitForSelector(ROWS);
    await h.page.evaluate(() => {
      const dd = document.getElementById('strong') as HTMLSelectElement;
      dd.value = 'gpt-4o';
      dd.dispatchEvent(new Event('change'));
    });
    await answerCompute(h, file, count);
    await h.page.waitForFunction((sel) => document.querySelectorAll(sel).length === 3, ROWS);
    const rows = await tableRows(h);
    assert.deepEqual(rows.map((r) => r[0]), ['qwen2.5-72b-instruct', 'gpt-4o', 'cascade (all accepted)']);
    assert.match((await h.page.textContent('.headline')) ?? '', /else gpt-4o when confidence ≥/);
    assert.deepEqual(h.errors, []);
    await h.page.close();
  });
});
