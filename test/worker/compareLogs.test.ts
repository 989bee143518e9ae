// The Compare Logs job (every shared model against the CLI: jobsEqualCli.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareLogs } from '../../src/worker/jobs/compareLogs';
import { runCli } from '../helpers/runCli';
import { realLog } from '../helpers/paths';
import { secondRunFolder } from '../helpers/secondRun';
import { jobCtx } from '../webview/viewFixture';

const runA = realLog('medmcqa-llama');
const run2 = secondRunFolder(runA, 'compare-job-');

test('compareLogs job: a chosen pair; a pair of no shared query is a problem, not a failure; one model each pairs them', async () => {
  const first = await compareLogs({ file: runA, fileB: run2.after, selection: null }, jobCtx);
  const [m1, m2] = first.data.modelsA;
  const chosen = await compareLogs({ file: runA, fileB: run2.after, selection: { modelA: m1, modelB: m2 } }, jobCtx);
  assert.deepEqual(chosen.selection, { modelA: m1, modelB: m2 });
  assert.equal(chosen.data.pairs.length, 1);
  const cli = JSON.parse(
    (await runCli('compare', runA, run2.after, '--model-a', m1, '--model-b', m2, '--json')).out,
  ) as Record<string, unknown>;
  assert.equal(chosen.data.pairs[0].comparison?.mcnemar.p_value, (cli.mcnemar as { p_value: number }).p_value);
  // A model that is not in the log (a selection saved before the log changed): the defaults.
  const stale = await compareLogs({ file: runA, fileB: run2.after, selection: { modelA: 'gone', modelB: m1 } }, jobCtx);
  assert.deepEqual(stale.selection, { modelA: '', modelB: '' });

  const x = join(run2.dir, 'x.jsonl');
  const y = join(run2.dir, 'y.jsonl');
  const rows = (model: string, prefix: string) =>
    Array.from({ length: 20 }, (_, q) =>
      JSON.stringify({ query_id: `${prefix}${q}`, model, correct: q % 2 === 0 }),
    ).join('\n');
  writeFileSync(x, rows('old', 'q'));
  writeFileSync(y, rows('new', 'other-'));
  const disjoint = await compareLogs({ file: x, fileB: y, selection: null }, jobCtx);
  assert.deepEqual(
    disjoint.data.pairs.map((p) => [p.modelA, p.modelB, p.comparison, p.problem]),
    [['old', 'new', null, 'the two runs answered no query in common (queries are matched by query_id)']],
  );
});
