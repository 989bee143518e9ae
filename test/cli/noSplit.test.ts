import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliJson as json, runCli } from '../helpers/runCli';
import { stripSplit } from '../helpers/splitFreeLog';

// Logs from Inspect, lm-evaluation-harness and promptfoo have no `split` field. The bundled real
// logs with their split removed stand in for them: every analysis that fits something must still
// run and say that it drew a split (noSplitTune.test.ts: the tune lands close to the paper split's).

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nosplit-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('calibrate, econ, abstain --signal calibrated and guarantee run on a log without a split; seed and share are honoured', async () => {
  const f = stripSplit(dir, 'mmlu-llama');
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
