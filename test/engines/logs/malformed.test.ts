import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvalLogError, readEvalLog } from '../../../src/node/logs/readEvalLog';
import { joinByQuery } from '../../../src/engines/logs/joinByQuery';
import type { ReadLogResult } from '../../../src/engines/logs/types';

// The malformed-input corpus of issue 2: every case is written to a temp dir by this test. Each
// case checks the exact reason (with file and line) and that the valid records around it are read.

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'malformed-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const rec = (q: string, extra: Record<string, unknown> = {}, model = 'm1') =>
  JSON.stringify({ query_id: q, model, correct: true, logprob: -0.1, ...extra });
function write(name: string, content: string | Buffer): string {
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
}
const reasons = (log: ReadLogResult) => log.skipped.map((s) => [s.file, s.line, s.reason]);
const ids = (log: ReadLogResult) => log.records.map((r) => r.queryId);

test('truncated line (the writer was killed mid-line): reported as truncated, the rest read', async () => {
  const f = write(
    'truncated.jsonl',
    [
      rec('q1'),
      '{"query_id": "q2", "model": "m1", "corr',
      rec('q3'),
      '{"query_id": "q4", "model": "m1", "correct": tr',
    ].join('\n'),
  );
  const log = await readEvalLog(f);
  assert.deepEqual(ids(log), ['q1', 'q3']);
  assert.deepEqual(
    log.skipped.map((s) => [s.file, s.line]),
    [
      [f, 2],
      [f, 4],
    ],
  );
  for (const s of log.skipped) assert.match(s.reason, /^not valid JSON \(line looks truncated: /);
  assert.equal(log.linesRead, 4);
});

test('wrong types: each names the field, what it must be and what it got', async () => {
  const lines = [
    rec('q1'),
    rec('q2', { correct: 'yes' }),
    rec('q3', { logprob: 'high' }),
    rec('q4', { logprob: 0.3 }),
    rec('q5', { cost_usd: -1 }),
    rec('q6', { input_tokens: 1.5 }),
    rec('q7', { model: 5 }),
    JSON.stringify({ query_id: { id: 8 }, model: 'm1', correct: true }),
    rec('q9', { confidence: 1.2 }),
    rec('q10', { task_type: 'essay' }),
    rec('q11', { reasoning: 'no' }),
    '[1, 2, 3]',
    '"just a string"',
    'null',
    rec('q15'),
  ];
  const f = write('types.jsonl', lines.join('\n') + '\n');
  const log = await readEvalLog(f);
  assert.deepEqual(ids(log), ['q1', 'q15']);
  assert.deepEqual(reasons(log), [
    [f, 2, 'field "correct" must be a boolean or a number in [0, 1], got string "yes"'],
    [f, 3, 'field "logprob" must be a number in [-Infinity, 0], got string "high"'],
    [f, 4, 'field "logprob" must be a number in [-Infinity, 0], got number 0.3'],
    [f, 5, 'field "cost_usd" must be a number >= 0 and finite, got number -1'],
    [f, 6, 'field "input_tokens" must be an integer >= 0, got number 1.5'],
    [f, 7, 'field "model" must be a string, got number 5'],
    [f, 8, 'field "query_id" must be a non-empty string or a number, got an object'],
    [f, 9, 'field "confidence" must be a number in [0, 1], got number 1.2'],
    [f, 10, 'field "task_type" must be "multiple_choice" or "generation", got string "essay"'],
    [f, 11, 'field "reasoning" must be a boolean, got string "no"'],
    [f, 12, 'expected a JSON object, got an array'],
    [f, 13, 'expected a JSON object, got string "just a string"'],
    [f, 14, 'expected a JSON object, got null'],
  ]);
});

test('missing required fields', async () => {
  const f = write(
    'missing.jsonl',
    [
      JSON.stringify({ model: 'm1', correct: true }),
      JSON.stringify({ query_id: 'q2', correct: true }),
      JSON.stringify({ query_id: 'q3', model: 'm1' }),
      JSON.stringify({ query_id: '', model: 'm1', correct: 1 }),
      rec('q5'),
      JSON.stringify({ query_id: 'q6', model: 'm1', correct: false }),
    ].join('\n'),
  );
  const log = await readEvalLog(f);
  assert.deepEqual(ids(log), ['q5', 'q6']);
  assert.deepEqual(reasons(log), [
    [f, 1, 'missing required field "query_id"'],
    [f, 2, 'missing required field "model"'],
    [f, 3, 'missing required field "correct"'],
    [f, 4, 'field "query_id" must be a non-empty string or a number, got string ""'],
  ]);
  // q6 has no confidence signal: kept (it still counts for accuracy), with a warning naming its line.
  assert.ok(log.warnings.some((w) => w.line === 6 && /neither "logprob" nor "confidence"/.test(w.reason)));
});

test('UTF-8 BOM, CRLF line ends and blank lines: all records read, line numbers count every physical line', async () => {
  const body = ['', rec('q1', { question: 'Ça va? 日本語 ✓' }), '   ', rec('q2'), '', '\t', rec('q3'), ''].join('\r\n');
  const f = write('bom-crlf.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]));
  const log = await readEvalLog(f);
  assert.equal(log.adapter, 'native');
  assert.deepEqual(log.skipped, []);
  assert.deepEqual(
    log.records.map((r) => [r.queryId, r.line]),
    [
      ['q1', 2],
      ['q2', 4],
      ['q3', 7],
    ],
  );
  assert.equal(log.records[0].question, 'Ça va? 日本語 ✓');
  assert.equal(log.linesRead, 3, 'blank lines are not counted as read lines');
  // A BOM right before the first record (no blank line) is stripped too.
  const g = write('bom-first.jsonl', '\ufeff' + rec('q1') + '\n');
  assert.deepEqual(ids(await readEvalLog(g)), ['q1']);
});

test("Python's NaN, Infinity and -Infinity tokens", async () => {
  const f = write(
    'nan.jsonl',
    [
      '{"query_id": "q1", "model": "m1", "correct": true, "logprob": -Infinity}',
      '{"query_id": "q2", "model": "m1", "correct": true, "logprob": NaN}',
      '{"query_id": "q3", "model": "m1", "correct": true, "logprob": -0.5, "cost_usd": Infinity}',
      '{"query_id": "q4", "model": "m1", "correct": true, "logprob": 0, "latency_s": NaN}',
      '{"query_id": "q5", "model": "m1", "correct": NaN, "logprob": -1}',
      '{"query_id": "q6", "model": "m1", "correct": false, "logprob": -2, "question": "Is NaN equal to -Infinity?", "latency_s": 0.2}',
      '{"query_id": "q7", "model": "m1", "correct": false, "logprob": -Infinity, "cost_usd": 0.001}',
    ].join('\n'),
  );
  const log = await readEvalLog(f);
  assert.deepEqual(ids(log), ['q1', 'q6', 'q7']);
  assert.equal(log.records[0].logprob, -Infinity);
  assert.equal(log.records[0].confidence, 0, '-Infinity means probability 0');
  assert.equal(log.records[1].question, 'Is NaN equal to -Infinity?', 'tokens inside strings stay text');
  assert.deepEqual(reasons(log), [
    [f, 2, 'field "logprob" must be a number in [-Infinity, 0], got number NaN'],
    [f, 3, 'field "cost_usd" must be a number >= 0 and finite, got number Infinity'],
    [f, 4, 'field "latency_s" must be a number >= 0 and finite, got number NaN'],
    [f, 5, 'field "correct" must be a boolean or a number in [0, 1], got number NaN'],
  ]);
});

test('empty files: 0 bytes is a whole-file error; blank-only and BOM-only files read as zero records', async () => {
  const empty = write('empty.jsonl', '');
  await assert.rejects(
    readEvalLog(empty),
    (e: unknown) => e instanceof EvalLogError && e.file === empty && e.message === `${empty}: file is empty (0 bytes)`,
  );
  await assert.rejects(
    readEvalLog(join(dir, 'nope.jsonl')),
    (e: unknown) => e instanceof EvalLogError && e.message.endsWith('file not found'),
  );
  await assert.rejects(readEvalLog(dir), (e: unknown) => e instanceof EvalLogError && e.message.endsWith('not a file'));
  for (const [name, text] of [
    ['blank.jsonl', '\n\n  \r\n'],
    ['bom-only.jsonl', '\ufeff'],
  ]) {
    const log = await readEvalLog(write(name, text));
    assert.equal(log.records.length, 0);
    assert.equal(log.skipped.length, 0);
    assert.equal(log.linesRead, 0);
  }
});

test('a 50 MB single line is one record; a 50 MB broken line gets a short reason', async () => {
  const big = 'x'.repeat(50 * 2 ** 20);
  const f = write('huge.jsonl', [rec('q1'), rec('q2', { question: big }), rec('q3')].join('\n') + '\n');
  const log = await readEvalLog(f);
  assert.deepEqual(ids(log), ['q1', 'q2', 'q3']);
  assert.equal(log.records[1].question.length, big.length);
  assert.equal(log.records[2].line, 3);
  const g = write(
    'huge-broken.jsonl',
    [rec('q1'), `{"query_id": "q2", "model": "m1", "question": "${big}`, rec('q3')].join('\n'),
  );
  const bad = await readEvalLog(g);
  assert.deepEqual(ids(bad), ['q1', 'q3']);
  assert.equal(bad.skipped.length, 1);
  assert.equal(bad.skipped[0].line, 2);
  assert.ok(bad.skipped[0].reason.length < 200, `reason is short (${bad.skipped[0].reason.length} chars)`);
  assert.match(bad.skipped[0].reason, /truncated/);
});

test('invalid UTF-8: that line is reported with the byte offset, its neighbours are read', async () => {
  const good = (q: string) => Buffer.from(rec(q) + '\n');
  // 67 ASCII bytes, then 0xC3 (a two-byte lead) followed by "(" instead of a continuation byte: byte 68 starts the bad sequence.
  const broken = Buffer.concat([
    Buffer.from('{"query_id": "q2", "model": "m1", "correct": true, "question": "caf'),
    Buffer.from([0xc3, 0x28]),
    Buffer.from('"}\n'),
  ]);
  const lastBroken = Buffer.from([0x7b, 0xff, 0xfe]);
  const f = write('utf8.jsonl', Buffer.concat([good('q1'), broken, good('q3'), lastBroken]));
  const log = await readEvalLog(f);
  assert.deepEqual(ids(log), ['q1', 'q3']);
  assert.deepEqual(reasons(log), [
    [f, 2, 'invalid UTF-8 at byte 68 of the line'],
    [f, 4, 'invalid UTF-8 at byte 2 of the line'],
  ]);
});

test('duplicate (query_id, model) pairs: the first is kept, the rest named with the first line', async () => {
  const f = write(
    'dupes.jsonl',
    [
      rec('q1'),
      rec('q1', {}, 'm2'),
      rec('q2'),
      rec('q1', { correct: false }),
      rec('q1', {}, 'm2'),
      JSON.stringify({ query_id: 1, model: 'm1', correct: true }),
      JSON.stringify({ query_id: '1', model: 'm1', correct: true }),
    ].join('\n'),
  );
  const log = await readEvalLog(f);
  assert.deepEqual(
    log.records.map((r) => [r.queryId, r.model, r.line]),
    [
      ['q1', 'm1', 1],
      ['q1', 'm2', 2],
      ['q2', 'm1', 3],
      ['1', 'm1', 6],
    ],
  );
  assert.equal(log.records[0].correct, true, 'the first record wins');
  assert.deepEqual(reasons(log), [
    [f, 4, 'duplicate of query_id "q1" for model "m1" (first seen on line 1; the first is kept)'],
    [f, 5, 'duplicate of query_id "q1" for model "m2" (first seen on line 2; the first is kept)'],
    [f, 7, 'duplicate of query_id "1" for model "m1" (first seen on line 6; the first is kept)'],
  ]);
});

test('models that answered different query sets: the join uses the shared queries and says so', async () => {
  const f = write(
    'sets.jsonl',
    [
      rec('q1', {}, 'a'),
      rec('q1', {}, 'b'),
      rec('q2', {}, 'a'),
      rec('q3', {}, 'b'),
      rec('q4', {}, 'a'),
      rec('q4', {}, 'b'),
    ].join('\n'),
  );
  const log = await readEvalLog(f);
  assert.equal(log.records.length, 6);
  const t = joinByQuery(log.records);
  assert.deepEqual(
    t.complete.map((q) => t.queryIds[q]),
    ['q1', 'q4'],
  );
  assert.deepEqual(t.notes, [
    'Models answered different sets of queries (a: 3, b: 3); comparisons use the 2 queries all of them answered.',
  ]);
  const onlyA = joinByQuery(log.records, { models: ['a', 'c'] });
  assert.ok(onlyA.notes.includes('Model c has no records.'));
});

test('a file where every line is bad still returns, with every line reported', async () => {
  const f = write('allbad.jsonl', 'hello\nworld\n{"query_id": 1}\n');
  const log = await readEvalLog(f);
  assert.equal(log.records.length, 0);
  assert.deepEqual(
    log.skipped.map((s) => s.line),
    [1, 2, 3],
  );
  assert.match(log.skipped[0].reason, /^not valid JSON \(/);
});
