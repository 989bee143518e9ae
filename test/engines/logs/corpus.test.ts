import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvalLogError, readEvalLog } from '../../../src/node/logs/readEvalLog';
import type { EvalRecord, ReadLogResult } from '../../../src/engines/logs/types';
import { FIXTURES } from '../../helpers/paths';
import { runCli } from '../../helpers/runCli';
import { summarize } from './corpusSummary';

// The malformed-input corpus (test/fixtures/malformed-logs, written by make-corpus.mjs): for each
// file, exactly which records are read and the one-line reason for every line that is not (or the
// whole-file error), from expected.json. Then cases too big to commit, generated here: a 10 MB
// line, JSON nested 100,000 deep, lines and CSV records over the size limit.

const CORPUS = join(FIXTURES, 'malformed-logs');
type Expected = { error: string } | { records: string[]; skipped: [number | null, string][] };
const expected = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as Record<string, Expected>;
const corpusFiles = readdirSync(CORPUS)
  .filter((f) => !f.endsWith('.mjs') && f !== 'expected.json')
  .sort();

let tmp = '';
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'corpus-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** What every record must satisfy whatever the input: finite numbers (a log-prob may be -Infinity: probability 0), no -0, own extra keys. */
function checkRecord(r: EvalRecord, where: string): void {
  for (const [k, v] of Object.entries(r)) {
    if (typeof v !== 'number') continue;
    assert.ok(Number.isFinite(v) || (k === 'logprob' && v === -Infinity), `${where}: ${k} = ${v}`);
    assert.ok(!Object.is(v, -0), `${where}: ${k} is -0`);
  }
  assert.ok(r.queryId !== '' && r.model !== '', where);
  if (r.extra) {
    assert.equal(Object.getPrototypeOf(r.extra), Object.prototype, `${where}: extra keeps a plain prototype`);
    for (const [k, v] of Object.entries(r.extra))
      assert.ok(
        typeof v === 'boolean' || (Number.isFinite(v) && Math.abs(v) <= 1e15 && !Object.is(v, -0)),
        `${where}: extra ${k} = ${v}`,
      );
  }
}

/** Every problem is one short line without control characters. */
function checkProblems(log: ReadLogResult, where: string): void {
  for (const p of [...log.skipped, ...log.warnings]) {
    assert.doesNotMatch(
      p.reason,
      /[\u0000-\u0008\u000a-\u001f\u007f]/,
      `${where}:${p.line}: ${JSON.stringify(p.reason)}`,
    );
    assert.ok(p.reason.length < 400, `${where}:${p.line}: ${p.reason.length} characters`);
  }
}

test('every corpus file has an expected outcome, and every expected outcome a file', () => {
  assert.deepEqual(Object.keys(expected).sort(), corpusFiles);
  assert.ok(corpusFiles.length >= 40, `${corpusFiles.length} kinds of malformed input`);
});

for (const file of corpusFiles) {
  test(`corpus: ${file}`, async () => {
    const path = join(CORPUS, file);
    const want = expected[file];
    if ('error' in want) {
      await assert.rejects(
        readEvalLog(path),
        (e: unknown) => e instanceof EvalLogError && e.file === path && e.message === `${path}: ${want.error}`,
      );
      return;
    }
    const log = await readEvalLog(path);
    assert.deepEqual(summarize(log), want);
    for (const r of log.records) checkRecord(r, `${file}:${r.line}`);
    checkProblems(log, file);
  });
}

test('corpus details: numbers, ids and keys are kept as the format says', async () => {
  const read = (f: string) => readEvalLog(join(CORPUS, f));
  // -0 is 0 everywhere; a query id written -0 stays "-0".
  const [q1] = (await read('negative-zero.jsonl')).records;
  assert.deepEqual(
    [q1.score, q1.costUsd, q1.latencyS, q1.logprob, q1.confidence, q1.extra],
    [0, 0, 0, 0, 1, { score_delta: 0 }],
  );
  // Exponent forms are numbers like any other; a huge extra metric is not kept, 1e15 is.
  const exp = (await read('exponent-forms.jsonl')).records;
  assert.deepEqual(
    [exp[0].costUsd, exp[0].inputTokens, exp[0].outputTokens, exp[1].confidence, exp[1].latencyS],
    [0.001, 150, 10, 0.5, 0.25],
  );
  assert.deepEqual((await read('huge-numbers.jsonl')).records.find((r) => r.queryId === 'q6')!.extra, { leak: 1e15 });
  // The last of two equal keys counts, as in JSON.parse and Python's json.
  assert.deepEqual(
    (await read('duplicate-keys.jsonl')).records.map((r) => [r.queryId, r.correct, r.confidence]),
    [
      ['q1', false, 0.9],
      ['q3', true, null],
    ],
  );
  // Keys and model names that are Object.prototype members are ordinary data.
  const proto = (await read('prototype-names.jsonl')).records;
  assert.deepEqual(
    proto[3].extra,
    JSON.parse('{"constructor": 1, "__proto__": 2, "hasOwnProperty": true, "valueOf": 0.5}'),
  );
  assert.equal(JSON.stringify(proto[3].extra), '{"constructor":1,"__proto__":2,"hasOwnProperty":true,"valueOf":0.5}');
  const cols = (await read('prototype-columns.csv')).records;
  assert.equal(JSON.stringify(cols[0].extra), '{"constructor":1,"__proto__":2,"hasOwnProperty":true}');
  // A NaN token nested 5,000 arrays deep is restored without recursion.
  assert.equal((await read('nested-short.jsonl')).records.length, 3);
});

test('generated: a 10 MB line is one record; 10 MB of garbage without a line end is one short reason', async () => {
  const big = 'y'.repeat(10 * 2 ** 20);
  const ok = join(tmp, 'ten-mb.jsonl');
  writeFileSync(
    ok,
    `{"query_id": "q1", "model": "m1", "correct": true}\n{"query_id": "q2", "model": "m1", "correct": true, "question": "${big}"}\n{"query_id": "q3", "model": "m1", "correct": false}\n`,
  );
  const log = await readEvalLog(ok);
  assert.deepEqual(summarize(log), { records: ['q1|m1|1@1', 'q2|m1|1@2', 'q3|m1|0@3'], skipped: [] });
  assert.equal(log.records[1].question.length, big.length);
  const bad = join(tmp, 'ten-mb-garbage.jsonl');
  writeFileSync(bad, `{"query_id": "q1", "model": "m1", "correct": true}\n{"query_id": [${'1,'.repeat(5 * 2 ** 20)}`);
  const garbage = await readEvalLog(bad);
  assert.deepEqual(summarize(garbage), {
    records: ['q1|m1|1@1'],
    skipped: [[2, 'not valid JSON (line looks truncated: Unexpected end of JSON input)']],
  });
});

test('generated: JSON nested 100,000 deep is refused before parsing; 20,000 deep (a shorter line) with a NaN token parses without recursion', async () => {
  const deep = join(tmp, 'deep.jsonl');
  writeFileSync(
    deep,
    `{"query_id": "q1", "model": "m1", "correct": true, "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n{"query_id": "q2", "model": "m1", "correct": true, "x": ${'['.repeat(20_000)}NaN${']'.repeat(20_000)}}\n`,
  );
  const log = await readEvalLog(deep);
  assert.deepEqual(summarize(log), {
    records: ['q2|m1|1@2'],
    skipped: [[1, 'JSON nested deeper than 1000 levels: not a record']],
  });
});

test('generated: a line or a CSV record over maxRecordBytes is reported and skipped, and reading goes on', async () => {
  const jsonl = join(tmp, 'over.jsonl');
  writeFileSync(
    jsonl,
    `{"query_id": "q1", "model": "m1", "correct": true}\n{"query_id": "q2", "model": "m1", "correct": true, "question": "${'z'.repeat(3 * 2 ** 20)}"}\n{"query_id": "q3", "model": "m1", "correct": true}\n`,
  );
  assert.deepEqual(summarize(await readEvalLog(jsonl, { maxRecordBytes: 2 ** 20 })), {
    records: ['q1|m1|1@1', 'q3|m1|1@3'],
    skipped: [[2, 'line is 3.0 MiB long, over the limit of 1.0 MiB for one line: skipped without reading it']],
  });
  const csv = join(tmp, 'over.csv');
  const swallowed = Array.from({ length: 30_000 }, (_, i) => `q${i + 3},m1,true,line ${i} of the open cell`);
  writeFileSync(
    csv,
    ['query_id,model,correct,question', 'q1,m1,true,fine', 'q2,m1,true,"opened and never closed', ...swallowed].join(
      '\n',
    ) + '\n',
  );
  const r = await readEvalLog(csv, { maxRecordBytes: 2 ** 20 });
  assert.equal(r.skipped.length, 1);
  const m =
    /^record is longer than the limit of 1\.0 MiB: a quoted cell opened on this line is still open on line (\d+) \(a missing closing quote\?\); lines 3-\1 skipped, reading resumes on line (\d+)$/.exec(
      r.skipped[0].reason,
    );
  assert.ok(m && Number(m[2]) === Number(m[1]) + 1 && r.skipped[0].line === 3, r.skipped[0].reason);
  assert.equal(
    r.records.length,
    1 + swallowed.length - (Number(m![1]) - 3),
    'every row after the skipped record is read',
  );
});

test('input files are never modified: bytes and modification times are the same after reading the whole corpus (reader and CLI)', async () => {
  const fingerprint = (f: string) => {
    const st = statSync(f);
    return `${createHash('sha256').update(readFileSync(f)).digest('hex')} ${st.size} ${st.mtimeMs}`;
  };
  const files = corpusFiles.map((f) => join(CORPUS, f));
  const before = files.map(fingerprint);
  for (const f of files) await readEvalLog(f).catch((e: unknown) => assert.ok(e instanceof EvalLogError));
  for (const f of files) {
    const r = await runCli('summary', f, '--json');
    assert.notEqual(r.code, 1, `${f}: ${r.err}`);
  }
  assert.deepEqual(files.map(fingerprint), before);
});
