import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareLogs } from '../../src/worker/jobs/compareLogs';
import type { CompareSelection } from '../../src/protocol/compareLogs';
import { realLog } from '../helpers/paths';
import { runCli } from '../helpers/runCli';
import { writeSecondRun } from '../helpers/secondRun';
import { browserUnavailable, WebviewTestServer, type ViewHarness } from './harness';
import { jobCtx, tableCells, waitForPosted } from './viewFixture';

const skip = browserUnavailable() ?? false;

/** Plays the host: answers the next `compare` request (posted at index >= `after`) with the real worker job. */
async function answerCompare(
  h: ViewHarness,
  fileA: string,
  fileB: string,
  after = 0,
): Promise<{ selection: CompareSelection | null; count: number }> {
  const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'compare', after);
  const { selection } = req.params as { selection: CompareSelection | null };
  const result = await compareLogs({ file: fileA, fileB, selection }, jobCtx);
  await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result } });
  return { selection, count: (await h.posted()).length };
}

/** Clicks a table's Export CSV and parses what the page sends: header → value, row by row (numbers in full precision). */
async function exportedRows(h: ViewHarness, table: string): Promise<Map<string, string>[]> {
  const before = (await h.posted()).length;
  await h.page.click(`[data-table="${table}"] [data-export="csv"]`);
  const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'exportFile', before);
  const [head, ...rows] = (req.params as { data: string }).data.trim().split('\r\n');
  const names = head.split(',');
  return rows.map((r) => new Map(r.split(',').map((v, i) => [names[i], v])));
}

interface CliComparison {
  matched: number;
  agreement: Record<string, number>;
  accuracy: { mean_a: number; mean_b: number; difference: number; ci_low: number; ci_high: number };
  mcnemar: { p_value: number };
  cost_usd: { mean_a: number; mean_b: number; difference: number; ci_low: number; ci_high: number };
  latency_s: { difference: number; ci_low: number; ci_high: number };
}

describe('Compare Two Logs webview (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  let dir = '';
  const runA = realLog('mmlu-llama');
  let runB = '';
  before(async () => {
    server = await WebviewTestServer.start();
    dir = mkdtempSync(join(tmpdir(), 'compare-view-'));
    runB = join(dir, 'mmlu-after.jsonl');
    writeSecondRun(runA, runB);
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("every shared model's row: the exported numbers equal costrisk compare --json; a chosen pair asks again", async () => {
    const h = await server.open('compareLogs', { initialState: { file: runA, fileB: runB } });
    assert.equal((await waitForPosted(h, () => true)).type, 'ready');
    const first = await answerCompare(h, runA, runB);
    assert.equal(first.selection, null, 'no saved pair: the defaults');
    await h.page.waitForSelector('[data-table="accuracy"] tbody tr');
    const accuracy = await exportedRows(h, 'accuracy');
    const cost = await exportedRows(h, 'cost');
    assert.equal(accuracy.length, 5, 'the five Llama models are in both logs');
    for (const [k, row] of accuracy.entries()) {
      const model = row.get('model_a') ?? '';
      assert.equal(row.get('model_b'), model);
      const cli = await runCli('compare', runA, runB, '--model', model, '--json');
      assert.equal(cli.code, 0, cli.err);
      const c = JSON.parse(cli.out) as CliComparison;
      const shown = (m: Map<string, string>, key: string) => Number(m.get(key));
      assert.deepEqual(
        [
          'matched',
          'accuracy_a',
          'accuracy_b',
          'accuracy_diff',
          'accuracy_diff_ci_low',
          'accuracy_diff_ci_high',
          'mcnemar_p',
          'both_right',
          'only_a_right',
          'only_b_right',
          'both_wrong',
        ].map((key) => shown(row, key)),
        [
          c.matched,
          c.accuracy.mean_a,
          c.accuracy.mean_b,
          c.accuracy.difference,
          c.accuracy.ci_low,
          c.accuracy.ci_high,
          c.mcnemar.p_value,
          c.agreement.both_right,
          c.agreement.only_a_right,
          c.agreement.only_b_right,
          c.agreement.both_wrong,
        ],
        `${model}: accuracy, agreement and McNemar as the CLI`,
      );
      assert.deepEqual(
        ['cost_a', 'cost_b', 'cost_diff', 'cost_diff_ci_low', 'cost_diff_ci_high', 'latency_diff'].map((key) =>
          shown(cost[k], key),
        ),
        [
          c.cost_usd.mean_a,
          c.cost_usd.mean_b,
          c.cost_usd.difference,
          c.cost_usd.ci_low,
          c.cost_usd.ci_high,
          c.latency_s.difference,
        ],
        `${model}: cost and latency as the CLI`,
      );
    }
    // B costs 10% more on every query: the cost difference is negative with an interval below 0.
    const cells = await tableCells(h, '[data-table="cost"] tbody tr');
    assert.match(cells[0][5], /^−\$[\d.e-]+ \(−\$[\d.e-]+ to −\$[\d.e-]+\)$/);
    const findings = await h.page.$$eval('.findings li', (lis) => lis.map((li) => li.textContent ?? ''));
    assert.equal(findings.length, 5);
    assert.match(
      findings[0],
      /^llama3\.2-1b \(A\) against llama3\.2-1b \(B\) on \d+ shared queries: accuracy 0\.\d{3} against 0\.\d{3}, A − B [+−]0\.\d{3} \([+−]?0\.\d{3} to [+−]?0\.\d{3}\); McNemar p = [\d.<e -]+, (a|no significant) difference at the 5% level; cost per query/,
    );
    const problems = await h.page.$$eval('.problems li', (lis) => lis.map((li) => li.textContent ?? ''));
    assert.ok(
      problems.some((p) =>
        /^llama3\.2-1b against llama3\.2-1b: \d+ queries only in A and 0 only in B are left out/.test(p),
      ),
    );

    await h.page.evaluate(() => {
      const dd = document.getElementById('model-b') as HTMLSelectElement;
      dd.value = 'llama3.1-405b';
      dd.dispatchEvent(new Event('change'));
    });
    const second = await answerCompare(h, runA, runB, first.count);
    assert.deepEqual(second.selection, { modelA: 'llama3.2-1b', modelB: 'llama3.1-405b' });
    await h.page.waitForFunction(() => document.querySelectorAll('[data-table="accuracy"] tbody tr').length === 1);
    const [row] = await tableCells(h, '[data-table="accuracy"] tbody tr');
    assert.deepEqual(row.slice(0, 2), ['llama3.2-1b', 'llama3.1-405b']);
    assert.deepEqual(await h.savedState(), {
      file: runA,
      fileB: runB,
      selection: { modelA: 'llama3.2-1b', modelB: 'llama3.1-405b' },
    });
    assert.deepEqual(await h.cspViolations(), []);
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('two logs without a shared model: the view says to choose a pair', async () => {
    const other = realLog('mmlu-qwen-oai');
    const h = await server.open('compareLogs', { initialState: { file: runA, fileB: other } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await answerCompare(h, runA, other);
    await h.page.waitForSelector('.findings li');
    assert.equal(
      await h.page.textContent('.findings li'),
      'The two logs share no model name: choose a model in A and a model in B to compare.',
    );
    assert.equal(await h.page.$$eval('[data-table="accuracy"] tbody tr', (trs) => trs.length), 0);
    assert.deepEqual(h.errors, []);
    await h.close();
  });
});
