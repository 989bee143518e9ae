import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realLog } from '../helpers/paths';
import { runCli } from '../helpers/runCli';

// Logs from Inspect, lm-evaluation-harness and promptfoo have no `split` field. The bundled real
// logs with their split removed stand in for them: every analysis that fits something must still
// run, say that it drew a split, and land close to the result with the paper's own split.

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nosplit-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The real log with every record's `split` removed (Python's -Infinity token kept as written). */
function stripSplit(name: Parameters<typeof realLog>[0]): string {
  const out = join(dir, `${name}.jsonl`);
  const text = readFileSync(realLog(name), 'utf8').replace(/,\s*"split":\s*"[^"]*"/g, '');
  assert.ok(!text.includes('"split"'));
  writeFileSync(out, text);
  return out;
}

type Json = { warnings: { file: string; message: string }[] } & Record<string, unknown>;
/** `costrisk <argv> --json`, parsed; exit 0 required. */
const json = async (...argv: string[]): Promise<Json> => {
  const r = await runCli(...argv, '--json');
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as Json;
};

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
    const auc = (o: Json) => o.auc as { rt: number; grid: number };
    // --bootstrap 0: nothing here reads the intervals of the method comparison (2,000 resamples a run).
    const without = await json('tune', stripSplit(log), '--cascade', cascade, '--method', 'all', '--bootstrap', '0');
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

test('calibrate, econ, abstain --signal calibrated and guarantee run on a log without a split; seed and share are honoured', async () => {
  const f = stripSplit('mmlu-llama');
  const cal = await json('calibrate', f);
  const n = (cal.models as { n_train: number; n_test: number }[])[0];
  // 1,816 MMLU queries: 908 / 908 at 50%, 454 / 1,362 at 25%.
  assert.deepEqual([n.n_train, n.n_test], [908, 908]);
  const quarter = (await json('calibrate', f, '--train-fraction', '0.25')).models as {
    n_train: number;
    n_test: number;
  }[];
  assert.deepEqual([quarter[0].n_train, quarter[0].n_test], [454, 1362]);
  const econ = await json('econ', f, '--price-error', '1');
  assert.equal((econ.grid as unknown[]).length, 1);
  const ab = await json('abstain', f, '--model', 'llama3.1-70b', '--signal', 'calibrated');
  assert.ok((ab.auarc as number) > 0.8);
  const g = await json('guarantee', f, '--model', 'llama3.1-405b', '--alpha', '0.2', '--delta', '0.1');
  assert.ok(g.coverage_test !== null);
  // Another seed draws another split (same sizes, different queries).
  const a = await json('tune', f, '--cascade', 'llama3.2-1b,llama3.1-405b', '--bootstrap', '0');
  const b = await json('tune', f, '--cascade', 'llama3.2-1b,llama3.1-405b', '--split-seed', '7', '--bootstrap', '0');
  assert.notDeepEqual(a.rt, b.rt);
  assert.ok(b.warnings.some((w) => /seed 7/.test(w.message)));
  // Text and JSON say the same thing.
  const text = await runCli('calibrate', f);
  assert.match(text.out, /warning: .*the log has no split: queries were split at random \(seed 1/);
  const bad = await runCli('calibrate', f, '--train-fraction', '1');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--train-fraction: "1" is not a number in \(0, 1\)/);
});
