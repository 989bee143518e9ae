/**
 * Worker jobs against the CLI on the same real logs: each view's figures equal what `costrisk`
 * prints (an independent path: the CLI reads each log on its own and matches logs by query id).
 * These tests run whole real-log analyses twice, and the lines they run are run by the jobs' own
 * tests (runs.test.ts, compareLogs.test.ts, summarizeBy.test.ts) and the CLI's: this file runs
 * without coverage instrumentation (scripts/coveredElsewhere.mjs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareLogs } from '../../src/worker/jobs/compareLogs';
import { runPairs } from '../../src/worker/jobs/runPairs';
import { summarizeBy } from '../../src/worker/jobs/summarizeBy';
import { summarizeLog } from '../../src/worker/jobs/summarizeLog';
import { runCli } from '../helpers/runCli';
import { realLog } from '../helpers/paths';
import { secondRunFolder } from '../helpers/secondRun';
import { jobCtx } from '../webview/viewFixture';

/** A real log, and a second run of it (helpers/secondRun.ts: lines dropped, answers flipped, costs raised). */
const baseline = realLog('medmcqa-llama');
const run2 = secondRunFolder(baseline, 'jobs-cli-');

test('summary of two runs: every model once per run, equal to costrisk summary --runs --json', async () => {
  const job = await summarizeLog({ file: baseline, runs: [run2.after] }, jobCtx);
  const cli = JSON.parse((await runCli('summary', baseline, run2.after, '--runs', '--json')).out) as {
    models: { model: string }[];
  };
  const all = job.splits[0];
  assert.equal(all.models.length, 10, 'five models in each of two runs');
  assert.deepEqual(all.models.map((m) => m.model).slice(0, 2), [
    'llama3.2-1b · medmcqa-llama',
    'llama3.2-3b · medmcqa-llama',
  ]);
  assert.ok(all.models.some((m) => m.model === 'llama3.1-405b · after'));
  assert.deepEqual(JSON.parse(JSON.stringify(all.models)), cli.models);
  // Every record is labelled with its run: a field to slice by.
  assert.deepEqual(
    job.fields.find((f) => f.field === 'run')?.values.map((v) => v.value),
    ['medmcqa-llama', 'after'],
  );
});

test('runPairs: each model of the later run against itself in the baseline, equal to costrisk compare after baseline', async () => {
  const v = await runPairs({ file: baseline, runs: [run2.after], split: '', where: null }, jobCtx);
  assert.deepEqual(v.runs, ['medmcqa-llama', 'after']);
  assert.deepEqual(v.files, [baseline, run2.after]);
  assert.equal(v.pairs.length, 5);
  for (const pair of v.pairs.slice(0, 2)) {
    assert.equal(pair.model, pair.baselineModel);
    const cli = await runCli('compare', run2.after, baseline, '--model', pair.model, '--json');
    assert.equal(cli.code, 0, cli.err);
    const { a, b, warnings: _w, skipped: _s, ...numbers } = JSON.parse(cli.out) as Record<string, unknown>;
    assert.deepEqual(
      [a, b],
      [
        { file: run2.after, model: pair.model },
        { file: baseline, model: pair.model },
      ],
    );
    assert.deepEqual(pair.comparison, numbers, `${pair.model}: the numbers of costrisk compare`);
    // Every 7th line flipped: the run differs from the baseline on some queries both ways.
    assert.ok(pair.comparison!.agreement.only_a_right > 0 && pair.comparison!.agreement.only_b_right > 0);
  }
});

test('compareLogs job: every shared model, each pair equal to costrisk compare --json on the same two logs', async () => {
  const { selection, data } = await compareLogs({ file: baseline, fileB: run2.after, selection: null }, jobCtx);
  assert.deepEqual(selection, { modelA: '', modelB: '' });
  assert.deepEqual([...data.modelsA].sort(), [...data.modelsB].sort(), 'B lost lines, not models');
  assert.deepEqual(
    data.pairs.map((p) => [p.modelA, p.modelB]),
    data.modelsA.map((m) => [m, m]),
  );
  assert.ok(data.pairs.length >= 2);
  for (const pair of data.pairs.slice(0, 2)) {
    const cli = await runCli('compare', baseline, run2.after, '--model', pair.modelA, '--json');
    assert.equal(cli.code, 0, cli.err);
    const { a, b, warnings, skipped, ...numbers } = JSON.parse(cli.out) as Record<string, unknown>;
    assert.deepEqual(
      [a, b, skipped],
      [{ file: baseline, model: pair.modelA }, { file: run2.after, model: pair.modelB }, []],
    );
    assert.deepEqual(pair.comparison, numbers, `${pair.modelA}: the same numbers as the CLI`);
    const leftOut = pair.comparison!.only_in_a + pair.comparison!.only_in_b > 0;
    assert.equal((warnings as unknown[]).length, leftOut ? 1 : 0, 'the CLI notes the queries left out');
    assert.equal(
      data.warnings.some((w) => w.startsWith(`${pair.modelA} against ${pair.modelB}: `)),
      leftOut,
      'and so does the view',
    );
    assert.ok(pair.comparison!.agreement.only_a_right > 0 && pair.comparison!.agreement.only_b_right > 0);
  }
  // Every 50th line dropped is always the first model's (five models per query, in order).
  assert.deepEqual(
    data.pairs.map((p) => p.comparison!.only_in_a > 0),
    data.pairs.map((p) => p.modelA === data.modelsA[0]),
  );
});

test('by split, all records: equal to costrisk summary --by split --json', async () => {
  const file = realLog('mmlu-llama');
  const job = await summarizeBy({ file, field: 'split', split: '', where: null }, jobCtx);
  const cli = JSON.parse((await runCli('summary', file, '--by', 'split', '--json')).out) as { slices: unknown };
  assert.deepEqual(
    job.map((s) => s.value),
    ['train', 'test'],
  );
  assert.deepEqual(JSON.parse(JSON.stringify(job)), cli.slices);
});
