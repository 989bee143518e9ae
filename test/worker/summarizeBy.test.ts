/**
 * The Model Overview's "side by side by" table (worker job summarizeBy) gives the figures of
 * `costrisk summary --by field` (issue 14 item 3), on the split and the slice the view shows (by
 * split over all records: jobsEqualCli.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeBy } from '../../src/worker/jobs/summarizeBy';
import { realLog } from '../helpers/paths';
import { runCli } from '../helpers/runCli';
import { jobCtx } from '../webview/viewFixture';

test('by task on the test split of a slice: equal to the CLI with --split and --where', async () => {
  const file = realLog('mmlu-qwen-oai');
  const where = { field: 'model', value: 'gpt-4o' };
  const job = await summarizeBy({ file, field: 'task', split: 'test', where }, jobCtx);
  const cli = JSON.parse(
    (await runCli('summary', file, '--by', 'task', '--split', 'test', '--where', 'model=gpt-4o', '--json')).out,
  ) as { slices: unknown };
  assert.equal(job.length, 1);
  assert.deepEqual(
    job[0].models.map((m) => m.model),
    ['gpt-4o'],
  );
  assert.deepEqual(JSON.parse(JSON.stringify(job)), cli.slices);
});

test('a field the log does not have is refused with the fields it has', async () => {
  await assert.rejects(
    summarizeBy({ file: realLog('mmlu-llama'), field: 'subject', split: '', where: null }, jobCtx),
    /subject/,
  );
});
