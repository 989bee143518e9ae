import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chooseLogInPicker, runCommand } from '../harness/palette';
import { ROOT } from '../harness/paths';
import type { Scenario } from '../harness/scenario';
import { poll } from '../harness/sleep';
import { chooseDropdown } from '../harness/toolkit';
import { findWebview, readTable, waitWebviewText } from '../harness/webview';

const A = 'mmlu-llama.jsonl';
const B = 'mmlu-qwen-oai.jsonl';
const PAIR = { a: 'llama3.1-405b', b: 'gpt-4o' };
const TABLE = '[data-table="accuracy"] table';

/** A count as shown ("1,234"), as a number. */
const count = (s: string | undefined): number => Number((s ?? '').replace(/,/g, ''));

export const scenario: Scenario = {
  name: 'Compare Two Logs: the agreement counts of a chosen pair equal costrisk compare --json',
  order: 59,
  timeoutMs: 240_000,
  async run({ page, ws, log }) {
    await runCommand(page, 'Cost-Risk Lab: Compare Two Logs');
    await chooseLogInPicker(page, A);
    await chooseLogInPicker(page, B);
    const view = await findWebview(page, { text: /Compare: mmlu-llama\.jsonl \(A\) with mmlu-qwen-oai\.jsonl \(B\)/ });
    // The two logs share no model name: the view says so and offers the pickers.
    await waitWebviewText(view, /share no model name/, 120_000);
    await chooseDropdown(view, '#model-a', new RegExp(`^\\s*${PAIR.a}\\s*$`));
    await chooseDropdown(view, '#model-b', /^\s*gpt-4o\s*$/);
    const row = await poll(
      `the comparison of ${PAIR.a} with ${PAIR.b}`,
      async () => {
        const t = await readTable(view, TABLE);
        return t.rows.find((r) => r['Model in A'] === PAIR.a && r['Model in B'] === PAIR.b);
      },
      120_000,
    );
    log('shown:', row);
    const out = execFileSync(
      process.execPath,
      [
        join(ROOT, 'dist', 'cli.js'),
        'compare',
        join(ws.dir, A),
        join(ws.dir, B),
        '--model-a',
        PAIR.a,
        '--model-b',
        PAIR.b,
        '--json',
      ],
      { encoding: 'utf8' },
    );
    const cli = JSON.parse(out) as {
      matched: number;
      agreement: { both_right: number; only_a_right: number; only_b_right: number; both_wrong: number };
    };
    log('costrisk compare --json:', cli.matched, cli.agreement);
    const g = cli.agreement;
    assert.equal(g.both_right + g.only_a_right + g.only_b_right + g.both_wrong, cli.matched);
    assert.ok(g.only_a_right > 0 && g.only_b_right > 0, 'discordant queries both ways: a real comparison');
    assert.deepEqual([row['Both right'], row['Only A right'], row['Only B right'], row['Both wrong']].map(count), [
      g.both_right,
      g.only_a_right,
      g.only_b_right,
      g.both_wrong,
    ]);
  },
};
