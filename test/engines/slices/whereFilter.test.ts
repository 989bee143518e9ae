import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { filterRecords, parseWhere, SliceError, describeWhere } from '../../../src/engines/slices/whereFilter';
import { sliceFields } from '../../../src/engines/slices/sliceFields';
import { groupBySlice } from '../../../src/engines/slices/groupBySlice';

function rec(queryId: string, model: string, task: string, labels?: Record<string, string>): EvalRecord {
  return {
    queryId,
    model,
    score: 1,
    correct: true,
    logprob: null,
    confidence: null,
    costUsd: null,
    inputTokens: null,
    outputTokens: null,
    reasoningTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    costSource: 'none',
    epochs: 1,
    latencyS: null,
    split: '',
    task,
    taskType: 'multiple_choice',
    signal: '',
    reasoning: null,
    question: '',
    file: 'f',
    line: 1,
    ...(labels ? { labels } : {}),
  };
}

const records = [
  rec('1', 'a', 'math', { subject: 'algebra' }),
  rec('2', 'a', 'math', { subject: 'geometry' }),
  rec('3', 'a', 'bio'),
  rec('1', 'b', 'math', { subject: 'algebra' }),
];

test('parseWhere: same field twice is a set of values, the value may hold "="', () => {
  const w = parseWhere(['subject=algebra', ' subject =geometry', 'note=a=b']);
  assert.deepEqual(
    [...w].map(([f, v]) => [f, [...v]]),
    [
      ['subject', ['algebra', 'geometry']],
      ['note', ['a=b']],
    ],
  );
  assert.equal(describeWhere(w), 'subject=algebra|geometry, note=a=b');
  for (const bad of ['subject', '=x', 'subject=']) assert.throws(() => parseWhere([bad]), SliceError);
});

test('filterRecords: OR within a field, AND across fields, order kept', () => {
  const ids = (rs: EvalRecord[]) => rs.map((r) => `${r.model}${r.queryId}`);
  assert.deepEqual(ids(filterRecords(records, parseWhere(['subject=algebra', 'subject=geometry']))), [
    'a1',
    'a2',
    'b1',
  ]);
  assert.deepEqual(ids(filterRecords(records, parseWhere(['subject=algebra', 'model=a']))), ['a1']);
  assert.deepEqual(ids(filterRecords(records, parseWhere(['task=bio']))), ['a3']);
  assert.deepEqual(ids(filterRecords(records, new Map())), ['a1', 'a2', 'a3', 'b1']);
  assert.throws(
    () => filterRecords(records, parseWhere(['topic=x'])),
    /no field "topic"; its fields: task \(2 values\), task_type \(1 value\), model \(2 values\), subject \(2 values\)/,
  );
  assert.throws(
    () => filterRecords(records, parseWhere(['subject=x'])),
    /field "subject" has no value "x"; its values: "algebra", "geometry"/,
  );
});

test('sliceFields counts records per value; empty fields (split, signal) are left out; groupBySlice skips records without the field', () => {
  assert.deepEqual(sliceFields(records), [
    {
      field: 'task',
      values: [
        { value: 'math', records: 3 },
        { value: 'bio', records: 1 },
      ],
    },
    { field: 'task_type', values: [{ value: 'multiple_choice', records: 4 }] },
    {
      field: 'model',
      values: [
        { value: 'a', records: 3 },
        { value: 'b', records: 1 },
      ],
    },
    {
      field: 'subject',
      values: [
        { value: 'algebra', records: 2 },
        { value: 'geometry', records: 1 },
      ],
    },
  ]);
  assert.deepEqual(
    groupBySlice(records, 'subject').map((g) => [g.value, g.records.length]),
    [
      ['algebra', 2],
      ['geometry', 1],
    ],
  );
  assert.throws(() => groupBySlice(records, 'split'), SliceError);
});
