import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realLog } from '../helpers/paths';
import { cliJson as json, type CliJson } from '../helpers/runCli';
import { stripSplit } from '../helpers/splitFreeLog';

// The bundled real logs with their split removed (as logs from Inspect, lm-evaluation-harness and
// promptfoo come): Rational Tuning must stay level with grid search on the split it draws. Nine
// tunes of up to five models: this file runs without coverage instrumentation
// (scripts/coveredElsewhere.mjs); the tune on a drawn split is also run, instrumented, by
// noSplit.test.ts.

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nosplit-tune-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('tune on a log without a split: a stratified 50/50 split is drawn and said; RT stays level with grid search, and on MMLU-Llama within 0.01 of the paper split', async () => {
  // Threshold 0.01 (the issue's). The drawn split scores on 908 (MMLU) or 650 (MedMCQA) queries mixed
  // from the paper's train and test sets; the paper's own sets differ in difficulty (llama3.1-405b
  // errs on 8.7% of MedMCQA train and 24.3% of test; gpt-4o on 21.1% of MMLU train and 16.4% of
  // test), so only MMLU-Llama, whose sets are alike, can match the paper split's AUC. Measured with
  // seeds 1-6 on MMLU gpt-4o-mini → qwen2.5-72b → gpt-4o: 0.182-0.197 against 0.206 on the paper's
  // test split. What must hold everywhere is the paper's claim: RT as good as grid search (within 0.01).
  const cases: [Parameters<typeof realLog>[0], string, boolean][] = [
    ['mmlu-llama', 'llama3.2-1b,llama3.1-8b,llama3.1-405b', true],
    ['mmlu-llama', 'llama3.2-3b,llama3.1-70b', true],
    ['mmlu-llama', 'llama3.2-1b,llama3.2-3b,llama3.1-8b,llama3.1-70b,llama3.1-405b', true],
    ['mmlu-qwen-oai', 'gpt-4o-mini,qwen2.5-72b-instruct,gpt-4o', false],
    ['medmcqa-llama', 'llama3.1-8b,llama3.1-70b,llama3.1-405b', false],
    ['medmcqa-qwen-oai', 'gpt-4o-mini,qwen2.5-32b-coder-instruct,gpt-4o', false],
  ];
  for (const [log, cascade, comparable] of cases) {
    const auc = (o: CliJson) => o.auc as { rt: number; grid: number };
    // --bootstrap 0: nothing here reads the intervals of the method comparison (2,000 resamples a run).
    const without = await json(
      'tune',
      stripSplit(dir, log),
      '--cascade',
      cascade,
      '--method',
      'all',
      '--bootstrap',
      '0',
    );
    assert.ok(
      Math.abs(auc(without).rt - auc(without).grid) <= 0.01,
      `${log} ${cascade}: RT ${auc(without).rt} vs grid ${auc(without).grid}`,
    );
    assert.ok(
      without.warnings.some((w) =>
        /the log has no split: queries were split at random \(seed 1, stratified/.test(w.message),
      ),
      'the drawn split is stated in the JSON',
    );
    if (!comparable) continue;
    const withSplit = await json('tune', realLog(log), '--cascade', cascade, '--method', 'all', '--bootstrap', '0');
    assert.ok(
      Math.abs(auc(without).rt - auc(withSplit).rt) <= 0.01,
      `${log} ${cascade}: RT AUC ${auc(without).rt} vs ${auc(withSplit).rt} on the paper split`,
    );
    assert.ok(!withSplit.warnings.some((w) => /split at random/.test(w.message)), 'a log with its own split keeps it');
  }
});
