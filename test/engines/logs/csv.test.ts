import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { CsvRecordReader, splitCsvRow } from '../../../src/engines/logs/csvRow';
import { FIXTURES, realLog } from '../../helpers/paths';

const CSV = join(FIXTURES, 'logs', 'csv');

test('splitCsvRow follows RFC 4180 quoting', () => {
  assert.deepEqual(splitCsvRow('a,b,c'), { cells: ['a', 'b', 'c'] });
  assert.deepEqual(splitCsvRow('"a,b","say ""hi""",'), { cells: ['a,b', 'say "hi"', ''] });
  assert.deepEqual(splitCsvRow(',,'), { cells: ['', '', ''] });
  assert.deepEqual(splitCsvRow('x,"open'), { open: true });
  assert.deepEqual(splitCsvRow('x,"two\nlines",y'), { cells: ['x', 'two\nlines', 'y'] });
  assert.deepEqual(splitCsvRow('x,"a"b'), { error: 'unexpected text after the closing quote of column 2' });
  // A quote inside an unquoted cell is literal, as Python's csv module reads it.
  assert.deepEqual(splitCsvRow('5" disk,1'), { cells: ['5" disk', '1'] });
});

test('a CSV written by Python (BOM, CRLF, quoted questions) gives the same records as the native lines it came from', async () => {
  // csv/mmlu-llama-head.csv is the first 20 lines of the real mmlu-llama log written with csv.writer.
  const csv = await readEvalLog(join(CSV, 'mmlu-llama-head.csv'));
  const native = await readEvalLog(realLog('mmlu-llama'));
  assert.equal(csv.adapter, 'csv');
  assert.deepEqual(csv.skipped, []);
  assert.equal(csv.records.length, 20);
  const strip = ({ file: _f, line: _l, ...rest }: Record<string, unknown>) => rest;
  for (let i = 0; i < 20; i++)
    assert.deepEqual(strip({ ...csv.records[i] }), strip({ ...native.records[i] }), `record ${i}`);
  assert.equal(csv.records[0].line, 2, 'line numbers count the header');
});

test('tricky CSV: empty cells are absent, quoted line breaks are kept, bad cells are named by line and column', async () => {
  const file = join(CSV, 'tricky.csv');
  const log = await readEvalLog(file);
  assert.equal(log.adapter, 'csv');
  assert.deepEqual(
    log.records.map((r) => [r.queryId, r.line]),
    [
      ['q1', 2],
      ['q2', 3],
      ['q3', 4],
      ['q4', 7],
      ['q10', 13],
    ],
  );
  const [q1, q2, q3, q4, q10] = log.records;
  assert.equal(q1.question, 'What is 2+2, in words?');
  assert.equal(q1.correct, true);
  assert.equal(q2.question, 'He said "no" twice');
  assert.equal(q2.costUsd, null);
  assert.equal(q2.latencyS, null);
  assert.equal(q2.correct, false);
  assert.equal(q3.question, 'A question\nthat spans two lines');
  assert.equal(q3.correct, true, 'TRUE is true');
  assert.equal(q3.confidence, null);
  assert.equal(q4.score, 0.75, 'a number in [0,1] is a graded score');
  assert.equal(q4.correct, true);
  assert.equal(q4.confidence, 1);
  assert.equal(q10.split, 'train');
  assert.deepEqual(
    log.skipped.map((s) => [s.file, s.line, s.reason]),
    [
      [file, 8, 'column "correct": "yes" is not true/false/1/0 or a number in [0, 1]'],
      [file, 9, 'column "cost_usd": "1.2.3" is not a number'],
      [file, 10, 'field "output_tokens" must be an integer >= 0, got number 2.5'],
      [file, 11, 'row has 8 cell(s) but the header has 10'],
      [file, 12, 'unexpected text after the closing quote of column 9'],
    ],
  );
  assert.ok(
    log.warnings.some((w) => w.line === 1 && w.reason.includes('notes')),
    'unknown columns are mentioned',
  );
});

test('every native column is read as its field: token parts, epoch, and text under a reference or answer alias', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'csv-columns-'));
  try {
    const file = join(dir, 'all.csv');
    writeFileSync(
      file,
      [
        'query_id,model,correct,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens,reasoning_tokens,cost_usd,epoch,target,output,note',
        'q1,m,true,100,60,10,20,5,0.5,1,42,true,x',
        'q1,m,false,100,60,10,20,5,0.25,2,42,true,x',
        'q2,m,true,100,60,10,20,many,0.5,1,7,no,x',
      ].join('\n'),
    );
    const log = await readEvalLog(file);
    // Only `note` is not a native column.
    assert.deepEqual(
      log.warnings.filter((w) => w.line === 1).map((w) => w.reason.split(':')[0]),
      ['other column(s) note'],
    );
    assert.deepEqual(
      log.skipped.map((s) => [s.line, s.reason]),
      [[4, 'column "reasoning_tokens": "many" is not a number']],
    );
    assert.equal(log.records.length, 1, 'the two epochs of q1 are one record');
    const [r] = log.records;
    assert.deepEqual(
      [r.score, r.costUsd, r.inputTokens, r.cacheReadTokens, r.cacheWriteTokens, r.outputTokens, r.reasoningTokens],
      [0.5, 0.375, 100, 60, 10, 20, 5],
    );
    // A number in a text column is its text, not an extra metric.
    assert.equal(r.reference, '42');
    assert.equal(r.answer, 'true');
    assert.equal(r.extra, undefined);
    assert.deepEqual({ ...r.labels }, { note: 'x' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CsvRecordReader: lines fed one at a time, a quoted cell across lines, an error naming the line it is on, and the size limit', () => {
  const r = new CsvRecordReader(40);
  assert.deepEqual(r.feed('a,"b', 1), null);
  assert.equal(r.pendingLine, 1);
  assert.deepEqual(r.feed('c""d', 2), null);
  assert.deepEqual(r.feed('e",f', 3), { line: 1, lastLine: 3, cells: ['a', 'b\nc"d\ne', 'f'] });
  assert.equal(r.pendingLine, null);
  assert.deepEqual(r.feed('"x', 4), null);
  assert.deepEqual(r.feed('y"z', 5), {
    line: 4,
    lastLine: 5,
    error: 'unexpected text after the closing quote of column 1 (on line 5)',
  });
  assert.deepEqual(r.feed('"12345678901234567890', 6), null);
  assert.deepEqual(r.feed('12345678901234567890', 7), {
    line: 6,
    lastLine: 7,
    error:
      'record is longer than the limit of 40 bytes: a quoted cell opened on this line is still open on line 7 (a missing closing quote?); lines 6-7 skipped, reading resumes on line 8',
  });
  assert.deepEqual(r.feed('ok,1', 8), { line: 8, lastLine: 8, cells: ['ok', '1'] });
});
