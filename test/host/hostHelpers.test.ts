import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileFromArg } from '../../src/host/commands/commandArgs';
import { safeFileName } from '../../src/host/fs/safeFileName';
import { debounce } from '../../src/host/logs/debounce';
import { formatProblems, problemHeadline } from '../../src/host/problems/formatProblems';
import type { LogSummary } from '../../src/protocol/logSummary';

test('fileFromArg: explorer Uri, multi-select, tree nodes, palette', () => {
  assert.equal(fileFromArg({ scheme: 'file', fsPath: '/w/a.jsonl' }), '/w/a.jsonl');
  assert.equal(
    fileFromArg([
      { scheme: 'file', fsPath: '/w/b.csv' },
      { scheme: 'file', fsPath: '/w/c.csv' },
    ]),
    '/w/b.csv',
  );
  assert.equal(
    fileFromArg({ kind: 'log', log: { uri: { scheme: 'file', fsPath: '/w/d.eval' }, adapter: 'inspect' } }),
    '/w/d.eval',
  );
  assert.equal(fileFromArg({ kind: 'model', file: '/w/e.jsonl', model: {} }), '/w/e.jsonl');
  assert.equal(fileFromArg({ scheme: 'untitled', fsPath: 'Untitled-1' }), undefined, 'only files on disk');
  assert.equal(fileFromArg(undefined), undefined);
  assert.equal(fileFromArg('x'), undefined);
});

test('safeFileName: no folders, no reserved characters, right extension', () => {
  assert.equal(safeFileName('mmlu-llama-test-models.csv', 'csv'), 'mmlu-llama-test-models.csv');
  assert.equal(safeFileName('../../etc/passwd', 'csv'), 'passwd.csv');
  assert.equal(safeFileName('C:\\x\\a:b*c?.png', 'png'), 'a_b_c_.png');
  assert.equal(safeFileName('...', 'png'), 'export.png');
  assert.equal(safeFileName('chart.PNG', 'png'), 'chart.png');
  assert.equal(safeFileName('x'.repeat(500), 'csv').length, 124);
});

test('debounce: one call after a burst', async () => {
  let n = 0;
  const d = debounce(() => n++, 20);
  d();
  d();
  d();
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(n, 1);
  d();
  d.cancel();
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(n, 1);
});

const base: LogSummary = {
  file: '/w/bad.jsonl',
  adapter: 'native',
  mtimeMs: 1,
  size: 10,
  records: 3,
  linesRead: 5,
  fatal: null,
  splits: [
    {
      split: '',
      label: 'all records',
      models: [],
      frontier: [],
      queries: 2,
      completeQueries: 1,
      notes: [
        'Models answered different sets of queries (a: 2, b: 1); comparisons use the 1 queries all of them answered.',
      ],
      extraFields: [],
    },
  ],
  skippedCount: 2,
  warningCount: 1,
  problems: [
    { file: '/w/bad.jsonl', line: 2, severity: 'error', reason: 'not valid JSON (line looks truncated)' },
    { file: '/w/bad.jsonl', line: 4, severity: 'error', reason: 'missing required field "model"' },
    { file: '/w/bad.jsonl', line: null, severity: 'warning', reason: '1 record(s) have no "cost_usd"' },
  ],
  problemsOmitted: 0,
  missingFields: ['confidence'],
  fields: [],
  where: null,
};

test('formatProblems: every problem on its own line as file:line: severity: reason', () => {
  const text = formatProblems(base, new Date('2026-01-01T00:00:00Z'));
  const lines = text.split('\n');
  assert.equal(
    lines[0],
    '[2026-01-01T00:00:00.000Z] /w/bad.jsonl: 3 record(s) read from 5 line(s) (native format); 2 skipped, 1 warning(s)',
  );
  assert.deepEqual(lines.slice(1, 4), [
    '  /w/bad.jsonl:2: error: not valid JSON (line looks truncated)',
    '  /w/bad.jsonl:4: error: missing required field "model"',
    '  /w/bad.jsonl: warning: 1 record(s) have no "cost_usd"',
  ]);
  assert.match(text, /note: no record has "confidence"/);
  assert.match(text, /note \(all records\): Models answered different sets/);
  assert.match(formatProblems({ ...base, problemsOmitted: 7 }), /\.\.\. and 7 more problem\(s\) not listed/);
  const fatal = formatProblems({
    ...base,
    fatal: 'file is empty (0 bytes)',
    problems: [{ file: base.file, line: null, severity: 'error', reason: 'file is empty (0 bytes)' }],
    splits: [],
    missingFields: [],
  });
  assert.equal(fatal.split('\n').length, 1, 'the fatal reason is the headline, not repeated');
});

test('problemHeadline: only when something was skipped or the file is unreadable', () => {
  assert.equal(
    problemHeadline(base, 'bad.jsonl'),
    'bad.jsonl: 2 line(s) skipped (first: line 2: not valid JSON (line looks truncated)); the 3 valid record(s) were analysed.',
  );
  assert.equal(
    problemHeadline({ ...base, skippedCount: 0 }, 'bad.jsonl'),
    null,
    'warnings alone go to the channel without a popup',
  );
  assert.equal(
    problemHeadline({ ...base, fatal: 'file not found' }, 'x.jsonl'),
    'x.jsonl could not be read: file not found',
  );
});
