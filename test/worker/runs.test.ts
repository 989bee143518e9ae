/**
 * Runs compared in the Model Overview and the Economic Evaluation (issue 14 item 4): two or more
 * logs read as runs give the figures of `costrisk summary --runs`, `costrisk econ --runs` and, pair
 * by pair, `costrisk compare` on the two logs themselves (an independent path: the CLI reads each
 * log on its own and matches the two by query id). The summary of two runs and the pairs of every
 * model are checked against the CLI in jobsEqualCli.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPairs } from '../../src/worker/jobs/runPairs';
import { summarizeLog } from '../../src/worker/jobs/summarizeLog';
import { econData } from '../../src/worker/jobs/econData';
import { queryTable } from '../../src/worker/jobs/queryTable';
import { runCli } from '../helpers/runCli';
import { readEvalLog } from '../../src/node/logs/readEvalLog';
import { readLogOrRuns } from '../../src/node/logs/readRuns';
import { FIXTURES, realLog } from '../helpers/paths';
import { secondRunFolder } from '../helpers/secondRun';
import { jobCtx } from '../webview/viewFixture';
import { priceWeights } from '../../src/engines/economics/priceWeights';
import { rewardAt } from '../../src/engines/economics/evaluatePriceGrid';
import { candidateFromData } from '../../src/engines/economics/candidateData';

const baseline = realLog('medmcqa-llama');
const run2 = secondRunFolder(baseline, 'runs-job-');

test('runPairs on a split and a slice: equal to comparing the two logs pre-filtered by hand', async () => {
  const where = { field: 'task', value: 'medmcqa' };
  const v = await runPairs({ file: baseline, runs: [run2.after], split: 'test', where }, jobCtx);
  const model = v.pairs[0].model;
  const cli = await runCli(
    'compare',
    run2.after,
    baseline,
    '--model',
    model,
    '--where',
    'split=test',
    '--where',
    'task=medmcqa',
    '--json',
  );
  assert.equal(cli.code, 0, cli.err);
  const { a: _a, b: _b, warnings: _w, skipped: _s, ...numbers } = JSON.parse(cli.out) as Record<string, unknown>;
  assert.deepEqual(v.pairs[0].comparison, numbers);
});

test('readLogOrRuns: two logs read as runs, each model once per run, every record labelled with its run', async () => {
  const [a, b] = await Promise.all([readEvalLog(baseline), readEvalLog(run2.after)]);
  const both = await readLogOrRuns([baseline, run2.after]);
  assert.equal(both.records.length, a.records.length + b.records.length);
  assert.equal(both.linesRead, a.linesRead + b.linesRead);
  assert.deepEqual(
    both.records.slice(0, 2).map((r) => [r.model, r.labels?.run]),
    a.records.slice(0, 2).map((r) => [`${r.model} · medmcqa-llama`, 'medmcqa-llama']),
  );
  assert.deepEqual(
    both.records.slice(-1).map((r) => [r.model, r.labels?.run, r.score]),
    b.records.slice(-1).map((r) => [`${r.model} · after`, 'after', r.score]),
  );
  assert.equal((await readLogOrRuns([baseline])).records.length, a.records.length, 'one file is read as itself');
});

test('three real Inspect runs of one task by three models: each run has one model, so they are paired', async () => {
  const inspect = (id: string) =>
    join(FIXTURES, 'logs', 'inspect', 'real', `2025-09-15T15-04-34-04-00_popularity_${id}.eval`);
  const [gpt5, gemini, claude] = [
    inspect('CuCFPdqnwXupUkxp69nJ2a'),
    inspect('J5EskSJVsBD9iRd47twk8x'),
    inspect('jKN69eAYYpZFAZhRgMAztp'),
  ];
  const v = await runPairs({ file: gpt5, runs: [gemini, claude], split: '', where: null }, jobCtx);
  assert.deepEqual(
    v.pairs.map((p) => [p.run, p.model, p.baselineModel]),
    [
      [v.runs[1], 'google/gemini-2.5-pro', 'openai/gpt-5'],
      [v.runs[2], 'anthropic/claude-sonnet-4-20250514', 'openai/gpt-5'],
    ],
  );
  for (const [k, file] of [gemini, claude].entries()) {
    const {
      a: _a,
      b: _b,
      warnings: _w,
      skipped: _s,
      ...numbers
    } = JSON.parse((await runCli('compare', file, gpt5, '--json')).out) as Record<string, unknown>;
    assert.deepEqual(v.pairs[k].comparison, numbers);
    assert.equal(v.pairs[k].comparison!.matched, 10, 'the ten samples of the task');
  }
  // A row of a compared run opens in that run's log: an .eval archive has no lines to open.
  const rows = await queryTable(
    { file: baseline, runs: [run2.after], system: { kind: 'model', model: 'llama3.1-8b · after', split: '' } },
    jobCtx,
  );
  assert.equal(rows.fileLines, true);
  const archived = await queryTable(
    { file: gpt5, runs: [gemini], system: { kind: 'model', model: `google/gemini-2.5-pro · ${v.runs[1]}`, split: '' } },
    jobCtx,
  );
  assert.equal(archived.fileLines, false);
});

test('economics of runs: single models of each run only, said once; the same systems and test errors as costrisk econ --runs', async () => {
  const data = await econData(
    { file: baseline, runs: [run2.after], set: 'all', abstention: true, routers: true },
    jobCtx,
  );
  assert.deepEqual(data.runs, ['medmcqa-llama', 'after']);
  assert.ok(data.data.candidates.every((c) => c.kind === 'model'));
  assert.equal(data.data.candidates.length, 10);
  assert.equal(data.data.warnings.filter((w) => w.startsWith('Comparing 2 runs')).length, 1);
  const cli = JSON.parse(
    (await runCli('econ', baseline, run2.after, '--runs', '--price-error', '0.01', '--bootstrap', '0', '--json')).out,
  ) as { grid: { rewards: Record<string, number> }[]; warnings: { message: string }[] };
  const { rewards } = cli.grid[0];
  assert.deepEqual(Object.keys(rewards).sort(), data.data.candidates.map((c) => c.name).sort());
  assert.equal(cli.warnings.filter((w) => w.message.startsWith('Comparing 2 runs')).length, 1);
  const w = priceWeights({ error: 0.01, latency: 0, abstain: 0 });
  for (const c of data.data.candidates)
    assert.ok(Math.abs(rewardAt(candidateFromData(c), w).reward - rewards[c.name]) < 1e-15, c.name);
});

test('--runs with one log is refused in one line', async () => {
  const cli = await runCli('summary', baseline, '--runs');
  assert.equal(cli.code, 2);
  assert.match(cli.err, /--runs compares two or more logs/);
});

test('a run that cannot be read: the summary says which, and nothing of the others is shown as if it were all', async () => {
  const missing = join(run2.dir, 'missing.jsonl');
  const s = await summarizeLog({ file: baseline, runs: [missing] }, jobCtx);
  assert.equal(s.splits.length, 0);
  assert.equal(s.fatal, `${missing}: file not found`);
  assert.deepEqual([s.problems[0].file, s.problems[0].severity], [missing, 'error']);
  // A run of garbage is read like any log: its lines are skipped with their reasons, the other run is summarised.
  const garbage = join(run2.dir, 'garbage.jsonl');
  writeFileSync(garbage, 'not json\n{"query_id": 1}\n');
  const g = await summarizeLog({ file: baseline, runs: [garbage] }, jobCtx);
  assert.equal(g.fatal, null);
  assert.equal(g.skippedCount, 2);
  assert.ok(g.problems.slice(0, 2).every((p) => p.file === garbage && p.line !== null));
  assert.ok(g.splits[0].models.every((m) => m.model.endsWith(' · medmcqa-llama')));
});
