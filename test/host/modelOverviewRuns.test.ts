/**
 * Runs in the host (fake `vscode`): several logs selected together open one view comparing them,
 * the Model Overview reads every run and routes a row's "Open line" to its run's log, and
 * "Compare Runs…" opens a new overview on the ticked logs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ask, fakeHost } from './fakes/fakeHost';
import { fake } from './fakes/fakeVscode';

const h = fakeHost();
/* eslint-disable @typescript-eslint/no-require-imports */
const { modelOverviewView } =
  require('../../src/host/panels/modelOverviewPanel') as typeof import('../../src/host/panels/modelOverviewPanel');
const { runsFromArgs } =
  require('../../src/host/commands/commandArgs') as typeof import('../../src/host/commands/commandArgs');
const { Uri } = require('vscode') as typeof import('vscode');
/* eslint-enable @typescript-eslint/no-require-imports */

const other = join(h.ws, 'b.jsonl');
writeFileSync(other, '{"query_id":"q1","model":"m","correct":false}\n');

test('runs from a multi-selection or a view; one log or none is not a comparison', () => {
  const a = Uri.file(h.log);
  const b = Uri.file(other);
  assert.deepEqual(runsFromArgs([a, [a, b]]), { file: h.log, runs: [other] });
  assert.deepEqual(runsFromArgs([a, [a, a]]), undefined, 'the same file twice is one log');
  assert.equal(runsFromArgs([a, [a]]), undefined);
  assert.equal(runsFromArgs([a]), undefined);
  assert.deepEqual(runsFromArgs([{ kind: 'runs', file: h.log, runs: [other] }]), { file: h.log, runs: [other] });
  assert.equal(runsFromArgs([{ kind: 'runs', file: h.log, runs: [''] }]), undefined, 'a malformed state');
  const many = Array.from({ length: 12 }, (_, i) => Uri.file(join(h.ws, `r${i}.jsonl`)));
  assert.equal(runsFromArgs([many[0], many])?.runs?.length, 7, 'at most eight logs in all');
});

test('the view of runs: its title counts them, one panel per set of runs, its state restored only when well formed', () => {
  assert.equal(modelOverviewView.title({ file: h.log, runs: [other] }), 'Model Overview: a.jsonl + 1 run');
  assert.equal(modelOverviewView.title({ file: h.log }), 'Model Overview: a.jsonl');
  assert.notEqual(modelOverviewView.key({ file: h.log, runs: [other] }), modelOverviewView.key({ file: h.log }));
  assert.deepEqual(modelOverviewView.files?.({ file: h.log, runs: [other] }), [h.log, other]);
  assert.deepEqual(modelOverviewView.parseState({ file: h.log, runs: [other], split: 'x' }), {
    file: h.log,
    runs: [other],
  });
  assert.equal(modelOverviewView.parseState({ file: h.log, runs: 'b.jsonl' }), undefined);
});

test('Model Overview of runs: every job reads the runs; Open line opens the log of the row model; Compare Runs… opens the ticked logs', async () => {
  const panel = h.newPanel('costRiskLab.modelOverview');
  modelOverviewView.create(panel as never, { file: h.log, runs: [other] }, h.services);
  panel.fromWebview({ type: 'ready' });
  await new Promise((r) => setImmediate(r));
  const jobs = h.rec.jobs.length;
  const load = h.rec.jobs[jobs - 1];
  assert.equal(load.job, 'summarizeLog', 'runs are read by the worker, not from the shared one-log summaries');
  assert.deepEqual([load.params.file, load.params.runs], [h.log, [other]]);
  panel.fromWebview({ type: 'request', requestId: 1, method: 'runPairs', params: { split: '', where: null } });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(
    [h.rec.jobs[jobs].job, h.rec.jobs[jobs].params.runs, h.rec.jobs[jobs].params.split],
    ['runPairs', [other], ''],
  );

  const opened = h.rec.commands.length;
  await ask(panel, 2, 'openSource', { line: 1, model: 'm · b' });
  await ask(panel, 3, 'openSource', { line: 1, model: 'm · a' });
  const files = h.rec.commands.slice(opened).map((c) => (c[1] as { fsPath: string }).fsPath);
  assert.deepEqual(files, [other, h.log]);

  fake.quickPickAnswer = ((items: { label: string }[]) => items) as never;
  (h.services.logs as unknown as { findLogs: () => Promise<unknown[]>; peek: () => undefined }).findLogs = async () => [
    { uri: Uri.file(h.log), adapter: 'native' },
    { uri: Uri.file(other), adapter: 'native' },
  ];
  (h.services.logs as unknown as { peek: () => undefined }).peek = () => undefined;
  const before = h.rec.commands.length;
  const reply = await ask(panel, 4, 'chooseRuns', {});
  assert.equal(reply.ok, true, reply.error);
  const pick = fake.quickPicks.at(-1)!;
  assert.deepEqual(
    pick.items.map((i) => [i.label, (i as { picked?: boolean }).picked]),
    [['b.jsonl', true]],
    'the log itself is not offered; the run compared now is ticked',
  );
  assert.deepEqual(h.rec.commands.slice(before), [
    ['costRiskLab.analyzeEvalLog', { kind: 'runs', file: h.log, runs: [other] }],
  ]);
});
