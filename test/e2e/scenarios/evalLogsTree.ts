import assert from 'node:assert/strict';
import { join } from 'node:path';
import { splitFigures } from '../harness/expected';
import type { Scenario } from '../harness/scenario';
import { poll } from '../harness/sleep';
import { childRows, collapseRow, expandRow, showContainer, treeRows, viewPane, waitTreeRow } from '../harness/tree';

/** The test-split accuracies the issue pins for the Llama chain on MMLU (issue 2, item 7), by model. */
const MMLU_LLAMA_TEST: Record<string, string> = {
  'llama3.2-1b': '0.425',
  'llama3.2-3b': '0.572',
  'llama3.1-8b': '0.634',
  'llama3.1-70b': '0.815',
  'llama3.1-405b': '0.852',
};

export const scenario: Scenario = {
  name: 'Eval Logs sidebar lists the logs and their models',
  order: 10,
  async run({ page, ws, log, shot }) {
    await showContainer(page);
    const pane = viewPane(page, 'Eval Logs');
    const expected = [...ws.logs, ws.malformed.file, ...ws.thirdParty.map((t) => t.file)].sort();
    const labels = await poll('every log listed', async () => {
      const l = (await treeRows(pane))
        .filter((r) => r.level === 1)
        .map((r) => r.label)
        .sort();
      return expected.every((f) => l.includes(f)) ? l : undefined;
    });
    assert.deepEqual(
      labels,
      expected,
      'exactly the eval logs are listed (not the unrelated JSON, not the lm-eval results file)',
    );
    assert.ok(!labels.includes(ws.unrelated));
    for (const f of ws.notLogs) assert.ok(!labels.includes(f), `${f} is not listed`);

    // Logs that Inspect AI (zstandard .eval), lm-evaluation-harness and promptfoo wrote themselves open
    // and show each model with the tool's own headline accuracy.
    for (const t of ws.thirdParty) {
      const row = await waitTreeRow(pane, t.file);
      await expandRow(row);
      const kids = await poll(`the models of ${t.file}`, async () => {
        const k = await childRows(pane, row);
        return Object.keys(t.accuracy).every((m) => k.some((r) => r.label === m && r.description)) ? k : undefined;
      });
      for (const [model, acc] of Object.entries(t.accuracy)) {
        const shown = kids.find((k) => k.label === model)!.description;
        assert.equal(/^(\d\.\d{3})\b/.exec(shown)?.[1], acc, `${t.file}: ${model} shown as "${shown}"`);
      }
      log(`${t.file}: ${kids.map((k) => `${k.label} ${k.description}`).join('; ')}`);
      await collapseRow(row);
    }

    const logRow = await waitTreeRow(pane, 'mmlu-llama.jsonl');
    await expandRow(logRow);
    const models = await poll('the five models of mmlu-llama.jsonl', async () => {
      const kids = await childRows(pane, logRow);
      return kids.length >= 5 && kids.every((k) => k.description) ? kids : undefined;
    });
    log(models.map((m) => `${m.label}: ${m.description}`).join('; '));
    const recomputed = splitFigures(join(ws.dir, 'mmlu-llama.jsonl'), 'test');
    assert.deepEqual(models.map((m) => m.label).sort(), Object.keys(MMLU_LLAMA_TEST).sort());
    for (const m of models) {
      const shown = /^(\d\.\d{3})\b/.exec(m.description)?.[1];
      assert.equal(shown, MMLU_LLAMA_TEST[m.label], `${m.label} test accuracy shown as "${m.description}"`);
      // and the same figure recomputed from the copied log, to three places
      assert.equal(shown, recomputed.get(m.label)?.accuracy.toFixed(3));
      assert.match(m.description, /\$\d/, `${m.label} shows its cost per query`);
    }
    // the log's own row now says how many models it holds
    await poll(
      'log row description',
      async () => ((await waitTreeRow(pane, 'mmlu-llama.jsonl')).description.includes('5 models') ? true : undefined),
      10_000,
    );
    await shot('eval-logs-tree', { readme: true });
  },
};
