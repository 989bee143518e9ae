import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arithmeticQueries, arithmeticReply, operationEmbedding, STRONG, WEAK } from '../../helpers/arithmeticModels';
import { startMockChatServer } from '../../helpers/mockChatServer';
import { acceptSaveDialog } from '../harness/fileDialog';
import { runCommand } from '../harness/palette';
import type { Scenario } from '../harness/scenario';
import { poll } from '../harness/sleep';
import { captureThemes } from '../harness/themeShots';
import { chooseDropdown } from '../harness/toolkit';
import { typeInField } from '../harness/views';
import { setUserSettingInEditor } from '../harness/settingsEditor';
import { findWebview, readTable, waitCanvasesDrawn, waitTable, waitWebviewText } from '../harness/webview';

const QUERIES = 'arithmetic-questions.jsonl';
const BROKEN = 'broken-questions.jsonl';
const TRACE = '[data-table="cascade-trace"] table';
const SUMMARY = '[data-table="cascade-summary"] table';
const CHARTS = '[data-chart^="cascade-"] canvas';

export const scenario: Scenario = {
  name: 'Cascade Runner: run an Inter-Cascade against a mock endpoint, strategies cut the strong calls, save the eval log',
  order: 75,
  timeoutMs: 180_000,
  async run(ctx) {
    const { page, ws, log, cs } = ctx;
    // A local OpenAI-compatible server in the test process: "small" learns subtraction and
    // multiplication from "big"'s strategies, and breaks the reply format once (test/helpers/arithmeticModels.ts).
    const mock = await startMockChatServer(
      (req) => arithmeticReply(req, (q) => q.startsWith('What is 16 plus')),
      (req) => req.input.map(operationEmbedding),
    );
    const settingsDir = join(ws.dir, '.vscode');
    // The endpoint is an application setting (a workspace cannot choose where the key goes): it goes in the user settings.
    const userSettings = join(cs.userDataDir, 'User', 'settings.json');
    const editUserSettings = (edit: (s: Record<string, unknown>) => void): void => {
      const s = JSON.parse(readFileSync(userSettings, 'utf8')) as Record<string, unknown>;
      edit(s);
      writeFileSync(userSettings, JSON.stringify(s, null, 2));
    };
    try {
      writeFileSync(join(ws.dir, QUERIES), arithmeticQueries(24));
      writeFileSync(
        join(ws.dir, BROKEN),
        `${arithmeticQueries(1)}{"query_id": "b", "question": "What is\n{"query_id": "c", "answer": 3}\n`,
      );
      rmSync(settingsDir, { recursive: true, force: true });

      await runCommand(page, 'Cost-Risk Lab: Open Cascade Runner');
      const find = () => findWebview(page, { text: /Cascade Runner/ });
      let view = await find();
      await waitWebviewText(view, /No language-model endpoint is set/, 30_000);
      assert.ok(await view.locator('#open-settings').isVisible(), 'an Open Settings button next to the message');

      // the endpoint goes into the user settings, the prices (for the cost) into the workspace's; the view follows the change
      mkdirSync(settingsDir, { recursive: true });
      writeFileSync(
        join(settingsDir, 'settings.json'),
        JSON.stringify(
          { 'costRiskLab.prices': { [WEAK]: { input: 0.1, output: 0.4 }, [STRONG]: { input: 5, output: 15 } } },
          null,
          2,
        ),
      );
      await setUserSettingInEditor(page, 'costRiskLab.llm.endpoint', mock.url);
      view = await find();
      await waitWebviewText(view, `Queries go to ${mock.url}`, 30_000);

      await typeInField(view, '#queries', BROKEN);
      await typeInField(view, '#weak', WEAK);
      await typeInField(view, '#strong', STRONG);
      await typeInField(view, '#weak-threshold', '0.5');
      await view.locator('#run').click();
      const error = await poll(
        'the bad lines reported',
        async () => {
          const t = await view
            .locator('#run-error')
            .innerText()
            .catch(() => '');
          return /line 2/.test(t) ? t : undefined;
        },
        30_000,
      );
      log(error);
      assert.match(
        error,
        /broken-questions\.jsonl has 2 bad line\(s\): line 2: not valid JSON.*line 3: missing "question"/,
      );

      await typeInField(view, '#queries', QUERIES);
      // the paper's confidence: the mock returns log-probs (answer token 0.7 when "small" knows, 0.1 when not)
      await chooseDropdown(view, '#confidence', 'Answer-token probability');
      // and the paper's matching: queries embedded by the endpoint (a toy embedding with one axis per operation)
      await typeInField(view, '#embedding-model', 'emb');
      await view.locator('#run').click();
      const trace = await waitTable(view, TRACE, 24, 90_000);
      const summary = Object.fromEntries((await readTable(view, SUMMARY)).rows.map((r) => [r.Measure, r.Value]));
      log('summary:', JSON.stringify(summary));
      // 3 of 24 queries reach the strong model (q-1 times, q-2 minus: no strategy yet; q-6: malformed weak reply)
      assert.equal(summary['Strong-call rate'], '12.5%');
      assert.equal(summary['Strategy repository'], '0 → 3 strategies (3 added)');
      assert.equal(summary['Malformed model replies'], '1');
      assert.equal(summary['Overall accuracy'], '1.000');
      // 24 calls of small (the malformed reply was paid for too) × (200 × 0.1 + 10 × 0.4)/1e6 + 3 of big × (500 × 5 + 40 × 15)/1e6 = $0.009876
      assert.equal(summary['Total cost'], '$0.00988');
      assert.match(summary.Spent, /^\$0\.00988, /);
      assert.equal(summary['Failed requests (HTTP, timeout, network)'], '0');
      assert.equal(summary.Confidence, 'probability of the answer tokens (normalised)');
      assert.equal(summary['Query matching'], 'cosine similarity of emb embeddings');
      assert.ok(
        mock.embeddingRequests.length >= 20 && mock.embeddingRequests.every((e) => e.model === 'emb'),
        'queries were embedded',
      );
      assert.ok(mock.requests.length >= 27 && mock.requests.every((r) => r.logprobs), 'every call asked for log-probs');
      const strongRows = trace.rows.map((r) => r['Answered by'] === STRONG);
      const rateAfter = (n: number): number => strongRows.slice(0, n).filter(Boolean).length / n;
      log(`strong-call rate after 3, 6, 12, 24 queries: ${[3, 6, 12, 24].map(rateAfter).join(', ')}`);
      assert.ok(
        rateAfter(6) > rateAfter(12) && rateAfter(12) > rateAfter(24),
        'the cumulative strong-call rate falls as strategies accumulate',
      );
      assert.equal(trace.rows[6].Problem.length > 0, true, 'the malformed reply is named on its query');
      await waitCanvasesDrawn(view, 2, 0.005, CHARTS);

      await captureThemes(ctx, 'cascade-runner', find, {
        readme: 'dark',
        chart: '[data-chart="cascade-rates"] canvas',
        scrollTo: '#run-status',
      });

      // keep the run: an eval log in the workspace, opened in the Model Overview
      view = await find();
      await view.locator('#save-log').click();
      const saved = await acceptSaveDialog(page, 'jsonl');
      await poll(
        'the save to be confirmed',
        async () => (/Saved 26 records/.test(await view.locator('#action-status').innerText()) ? true : undefined),
        15_000,
      );
      assert.ok(saved.startsWith(ws.dir) && existsSync(saved), `the log is in the workspace: ${saved}`);
      const records = readFileSync(saved, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { model: string; split: string });
      assert.equal(records.length, 26, '24 weak and 3 strong calls, less the malformed reply');
      await view.locator('#open-log').click();
      const overview = await findWebview(
        page,
        { text: new RegExp(`Model Overview: ${saved.split('/').pop()?.replace(/\./g, '\\.')}`) },
        60_000,
      );
      const models = await waitTable(overview, '[data-table="models"] table', 2);
      log('model overview:', models.rows.map((r) => `${r.Model} ${r.Accuracy} n=${r.n}`).join('; '));
      assert.deepEqual(models.rows.map((r) => r.Model.replace(/^★\s*/, '')).sort(), [STRONG, WEAK]);
    } finally {
      rmSync(settingsDir, { recursive: true, force: true });
      editUserSettings((s) => delete s['costRiskLab.llm.endpoint']);
      await mock.close();
    }
  },
};
