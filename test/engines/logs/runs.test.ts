/** Logs read as runs (engines/logs/runs.ts) and runs compared with the first (engines/compare/compareRunSet.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { asRun, runFileOfModel, runLabels, runModelName, splitRunModel } from '../../../src/engines/logs/runs';
import { compareRunSet } from '../../../src/engines/compare/compareRunSet';
import type { EvalRecord, ReadLogResult } from '../../../src/engines/logs/types';

test('run names: file names without their extension; a shared name gets its folder, then a number', () => {
  assert.deepEqual(runLabels(['/w/before.jsonl', '/w/after.eval']), ['before', 'after']);
  assert.deepEqual(runLabels(['/a/results.json', '/b/results.json', 'C:\\x\\other.csv']), [
    'a/results',
    'b/results',
    'other',
  ]);
  assert.deepEqual(runLabels(['/a/log.jsonl', '/a/log.jsonl']), ['a/log', 'a/log (2)']);
  assert.deepEqual(runLabels(['.jsonl']), ['.jsonl']);
});

test('run names are distinct, one per file, and the same for the same list', () => {
  const segment = fc.constantFrom('a', 'b', 'log', 'run.v2', 'x y');
  const path = fc
    .tuple(fc.array(segment, { minLength: 0, maxLength: 3 }), segment, fc.constantFrom('.jsonl', '.eval', '', '.csv'))
    .map(([dirs, name, ext]) => `/${[...dirs, name].join('/')}${ext}`);
  fc.assert(
    fc.property(fc.array(path, { minLength: 1, maxLength: 8 }), (files) => {
      const labels = runLabels(files);
      assert.equal(labels.length, files.length);
      assert.equal(new Set(labels).size, labels.length, labels.join(' | '));
      assert.deepEqual(runLabels([...files]), labels);
      // Every model name of every run is read back to its model and run, and to its file.
      labels.forEach((run, i) => {
        assert.deepEqual(splitRunModel(runModelName('m · 1', run), labels), { model: 'm · 1', run });
        assert.equal(runFileOfModel(runModelName('m', run), files), files[i]);
      });
    }),
    { numRuns: 300 },
  );
});

const rec = (queryId: string, model: string, correct: boolean, costUsd: number | null = null): EvalRecord =>
  ({
    queryId,
    model,
    correct,
    score: correct ? 1 : 0,
    costUsd,
    latencyS: null,
    split: '',
    labels: undefined,
  }) as EvalRecord;

test('asRun: models named "model · run", every record labelled run; a run label of the log itself is replaced with a warning', () => {
  const log: ReadLogResult = {
    file: 'f.jsonl',
    adapter: 'native',
    records: [rec('q1', 'm', true), { ...rec('q2', 'm', false), labels: { run: 'mine', subject: 's' } }],
    skipped: [],
    warnings: [],
    missingFields: [],
    linesRead: 2,
  };
  const out = asRun(log, 'after');
  assert.deepEqual(
    out.records.map((r) => [r.model, r.labels]),
    [
      ['m · after', { run: 'after' }],
      ['m · after', { run: 'after', subject: 's' }],
    ],
  );
  assert.equal(out.warnings.length, 1);
  assert.match(out.warnings[0].reason, /1 record\(s\) have a "run" field of their own/);
  assert.equal(log.records[0].model, 'm', 'the log read is not changed');
});

test('compareRunSet: agreement counted by hand; a run sharing no model name is left unpaired unless both have one model', () => {
  const truth = [true, true, false, false, true, false];
  const later = [true, false, true, false, true, true];
  const records = [
    ...truth.map((c, i) => rec(`q${i}`, 'm · base', c, 0.01)),
    ...truth.map((c, i) => rec(`q${i}`, 'other · base', c)),
    ...later.map((c, i) => rec(`q${i}`, 'm · new', c, 0.02)),
    ...later.slice(0, 3).map((c, i) => rec(`q${i}`, 'solo · third', c)),
  ];
  const pairs = compareRunSet(records, ['base', 'new', 'third'], { replicates: 0, seed: 1 });
  assert.deepEqual(
    pairs.map((p) => [p.run, p.model, p.baselineModel]),
    [['new', 'm', 'm']],
    '"third" has one model but the baseline two: no pair',
  );
  const c = pairs[0].comparison!;
  // A is the run, B the baseline: both right q0 q4; only the run q2 q5; only the baseline q1; both wrong q3.
  assert.deepEqual(c.agreement, { both_right: 2, only_a_right: 2, only_b_right: 1, both_wrong: 1 });
  assert.equal(c.accuracy.difference, 4 / 6 - 3 / 6);
  assert.ok(Math.abs(c.cost_usd!.difference - 0.01) < 1e-15);
  const two = compareRunSet(
    records.filter((r) => !r.model.startsWith('other') && !r.model.endsWith('new')),
    ['base', 'third'],
    { replicates: 0, seed: 1 },
  );
  assert.deepEqual(
    two.map((p) => [p.model, p.baselineModel, p.comparison?.matched]),
    [['solo', 'm', 3]],
  );
});
