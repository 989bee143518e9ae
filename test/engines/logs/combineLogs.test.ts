import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineLogs } from '../../../src/engines/logs/combineLogs';
import type { ReadLogResult } from '../../../src/engines/logs/types';
import { rec } from '../economics/records';

const result = (file: string, ids: string[], model = 'm'): ReadLogResult => ({
  file,
  adapter: 'native',
  records: ids.map((q, i) => ({ ...rec(model, q, '', true, 0.9, 0.001, 1), file, line: i + 1 })),
  skipped: [],
  warnings: [],
  missingFields: [],
  linesRead: ids.length,
});

test('one log passes through; two logs are concatenated', () => {
  const a = result('a.jsonl', ['1', '2']);
  assert.equal(combineLogs([a]).records, a.records);
  const both = combineLogs([a, result('b.jsonl', ['1', '2'], 'other')]);
  assert.equal(both.records.length, 4);
  assert.deepEqual(both.warnings, []);
});

test("a (query, model) pair read from two files keeps the first file's record and is a warning naming both files", () => {
  const c = combineLogs([result('a.jsonl', ['1', '2', '3']), result('b.jsonl', ['3', '4', '1'])]);
  assert.deepEqual(
    c.records.map((r) => `${r.file}:${r.queryId}`),
    ['a.jsonl:1', 'a.jsonl:2', 'a.jsonl:3', 'b.jsonl:4'],
  );
  assert.equal(c.warnings.length, 1);
  assert.equal(c.warnings[0].file, 'b.jsonl');
  assert.equal(c.warnings[0].line, 1);
  assert.match(
    c.warnings[0].reason,
    /^2 record\(s\) repeat a \(query, model\) pair already read from a\.jsonl \(first: query "3", model "m"\)/,
  );
});
