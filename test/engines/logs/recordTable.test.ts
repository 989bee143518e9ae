import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readNativeJsonl, readNativeJsonlRecords } from '../../../src/node/logs/readNativeJsonl';
import { fastNativeRecord } from '../../../src/engines/logs/nativeFastRecord';
import { RecordError, makeInterner, toEvalRecord } from '../../../src/engines/logs/toEvalRecord';
import { makePriceResolver } from '../../../src/engines/logs/priceResolver';
import { summarizeModels } from '../../../src/engines/logs/summarizeModels';
import { summarizeExtraFields } from '../../../src/engines/logs/summarizeExtraFields';
import { costSourceNote } from '../../../src/engines/logs/costSourceNote';
import { hasNoConfidence } from '../../../src/engines/logs/confidencePresence';
import { joinByQuery, queryCoverage } from '../../../src/engines/logs/joinByQuery';
import { sliceFields } from '../../../src/engines/slices/sliceFields';
import type { EvalRecord, ReadLogResult, ReadOptions } from '../../../src/engines/logs/types';
import { anyLine, goodLine, line } from '../../helpers/nativeLineArbitraries';
import { nativeLogFiles } from '../../helpers/paths';

// Issue 18: the native reader keeps records in a columnar RecordTable and validates the common line
// by a fast path instead of toEvalRecord. Whatever the line, the result must be exactly the one of the record reader
// (EvalRecord objects built from JSON.parse): same records, skipped lines, warnings and summaries.
// Exact equality (no tolerance): both paths must make the same doubles in the same order.

let dir = '';
let n = 0;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'record-table-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Everything the two readers must agree on, and the summaries computed from the table and from the records. */
async function assertSameAsRecordReader(file: string, opts: ReadOptions = {}): Promise<ReadLogResult | null> {
  const what = `${file} ${JSON.stringify(opts)}`;
  // Each reader once: its result, or its error's message.
  const settle = (read: typeof readNativeJsonl) =>
    read(file, opts).then(
      (log) => ({ log, failure: null }),
      (e: Error) => ({ log: null, failure: e.message }),
    );
  const table = await settle(readNativeJsonl);
  const records = await settle(readNativeJsonlRecords);
  assert.equal(table.failure, records.failure, what);
  if (!table.log || !records.log) return null;
  const viaTable = table.log;
  const viaRecords = records.log;
  assert.deepEqual(viaTable.skipped, viaRecords.skipped, what);
  assert.deepEqual(viaTable.warnings, viaRecords.warnings, what);
  assert.deepEqual(viaTable.missingFields, viaRecords.missingFields, what);
  assert.equal(viaTable.linesRead, viaRecords.linesRead, what);
  // Records and summaries from the table's view, before any record object is made from it.
  if (viaTable.table) {
    const t = viaTable.table;
    assert.equal(t.length, viaRecords.records.length, what);
    assert.deepEqual(
      summarizeModels(t, undefined, { replicates: 50 }),
      summarizeModels(viaRecords.records, undefined, { replicates: 50 }),
      what,
    );
    for (const split of ['test', 'train', ''])
      assert.deepEqual(
        summarizeModels(t, split, { replicates: 50 }),
        summarizeModels(viaRecords.records, split, { replicates: 50 }),
        what,
      );
    assert.deepEqual(summarizeExtraFields(t), summarizeExtraFields(viaRecords.records), what);
    assert.equal(costSourceNote(t), costSourceNote(viaRecords.records), what);
    assert.equal(hasNoConfidence(t), hasNoConfidence(viaRecords.records), what);
    // The Model Overview's summary (worker job summarizeLog) reads these from the table too.
    assert.deepEqual(sliceFields(t), sliceFields(viaRecords.records), what);
    for (const split of [undefined, 'test', 'train', '']) {
      const joined = joinByQuery(viaRecords.records, { split });
      assert.deepEqual(
        queryCoverage(t, { split }),
        { queries: joined.queryIds.length, completeQueries: joined.complete.length, notes: joined.notes },
        what,
      );
    }
    viaRecords.records.forEach((r, i) => {
      const row = [t.task(i), t.taskType(i), t.signal(i), t.labels(i)];
      assert.deepEqual(row, [r.task, r.taskType, r.signal, r.labels], `${what} row ${i}`);
    });
  }
  assert.deepEqual(viaTable.records, viaRecords.records, what);
  return viaTable;
}

const REAL_LOGS = nativeLogFiles();
const FIXTURES = readdirSync('test/fixtures/malformed-logs')
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => join('test/fixtures/malformed-logs', f));

test('the bundled logs read into a table exactly as into records, through the fast path', async () => {
  assert.ok(REAL_LOGS.length >= 4);
  for (const f of REAL_LOGS) {
    const log = await assertSameAsRecordReader(f);
    assert.ok(log?.table !== undefined && log.table.length > 1000, `${f} read into a table`);
    await assertSameAsRecordReader(f, { correctThreshold: 0.7, priceDatabase: false });
  }
});

test('every malformed fixture reads into a table (or falls back) exactly as into records', async () => {
  assert.ok(FIXTURES.length >= 20);
  let tables = 0;
  for (const f of FIXTURES) {
    if ((await assertSameAsRecordReader(f))?.table) tables++;
    await assertSameAsRecordReader(f, { keepEpochs: true });
  }
  assert.ok(tables >= 10, `${tables} fixtures read into a table`);
});

test('a log with epochs falls back to records (repeats merged), keep-epochs too', async () => {
  const f = join(dir, `epochs${n++}.jsonl`);
  writeFileSync(
    f,
    [
      '{"query_id": "a", "model": "m", "correct": true, "epoch": 1, "cost_usd": 0.5}',
      '{"query_id": "a", "model": "m", "correct": false, "epoch": 2, "cost_usd": 0.25}',
    ].join('\n'),
  );
  const log = await assertSameAsRecordReader(f);
  assert.equal(log?.table, undefined);
  assert.equal(log?.records.length, 1);
  assert.equal(log?.records[0].score, 0.5);
  assert.equal((await assertSameAsRecordReader(f, { keepEpochs: true }))?.records.length, 2);
});

test('past 65,536 distinct names the name columns widen, and nothing changes', async () => {
  const f = join(dir, `names${n++}.jsonl`);
  const lines: string[] = [];
  for (let i = 0; i < 70_000; i++)
    lines.push(
      `{"query_id": "q${i >> 1}", "model": "m${i & 1}", "correct": ${i % 3 === 0}, "task": "task-${i}", "split": "${i % 7 === 0 ? 'train' : 'test'}", "cost_usd": ${i / 1e6}}`,
    );
  writeFileSync(f, lines.join('\n'));
  const log = await assertSameAsRecordReader(f);
  assert.equal(log?.table?.length, 70_000);
  assert.equal(log?.records[69_999].task, 'task-69999');
  assert.equal(log?.records[3].task, 'task-3');
});

test('the first chunk grows from 1,024 rows: columns made late (a confidence of its own, reasoning and cache tokens) keep their unset rows', async () => {
  const f = join(dir, `grow${n++}.jsonl`);
  const lines: string[] = [];
  for (let i = 0; i < 5000; i++) {
    // rows 0, 700 and 3000 carry the late columns (before the first doubling, and after two)
    const late = i === 0 || i === 700 || i === 3000;
    const extra = late
      ? `, "logprob": -0.5, "confidence": 0.9, "reasoning_tokens": ${i + 1}, "cache_read_tokens": 7, "cache_write_tokens": 8`
      : `, "logprob": ${-i / 1e4}`;
    lines.push(
      `{"query_id": "q${i >> 1}", "model": "m${i & 1}", "correct": ${i % 3 === 0}, "cost_usd": ${i / 1e6}${extra}}`,
    );
  }
  writeFileSync(f, lines.join('\n'));
  const log = await assertSameAsRecordReader(f);
  assert.equal(log?.table?.length, 5000);
  const r = log!.records;
  assert.equal(r[3000].reasoningTokens, 3001);
  assert.equal(r[3000].confidence, 0.9);
  assert.equal(r[2999].reasoningTokens, null);
  assert.equal(r[4999].cacheWriteTokens, null);
  assert.equal(r[4999].confidence, Math.exp(-0.4999));
});

test('random logs: the table reader equals the record reader (fast-check)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(line, { maxLength: 40 }), fc.constantFrom(undefined, 0.3), async (lines, threshold) => {
      const f = join(dir, `r${n++}.jsonl`);
      writeFileSync(f, lines.join('\n'));
      await assertSameAsRecordReader(f, {
        correctThreshold: threshold,
        prices: new Map([['m1', { inputPerMillion: 1, outputPerMillion: 2 }]]),
      });
    }),
    { numRuns: 300 },
  );
});

const context = () => ({
  file: 'f',
  line: 1,
  priceOf: makePriceResolver(undefined, false),
  correctThreshold: 0.5,
  intern: makeInterner(),
});

/** The line parsed as the reader parses it, or undefined when JSON.parse refuses it. */
function parsed(l: string): unknown {
  try {
    return JSON.parse(l) as unknown;
  } catch {
    return undefined;
  }
}

test('a line the fast path accepts is the record toEvalRecord builds (fast-check)', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.oneof(goodLine, anyLine), fc.constantFrom(0.5, 0.2), (l, threshold) => {
      const raw = parsed(l);
      if (raw === undefined) return;
      const out = { file: 'f', line: 1 } as EvalRecord;
      if (!fastNativeRecord(raw, out, threshold)) return;
      accepted++;
      let expected: EvalRecord;
      try {
        expected = toEvalRecord(raw, { ...context(), correctThreshold: threshold });
      } catch (e) {
        assert.ok(!(e instanceof RecordError), `fast path accepted ${l}: ${String(e)}`);
        throw e;
      }
      assert.deepEqual({ ...out }, expected, l);
    }),
    { numRuns: 2000 },
  );
  assert.ok(accepted > 300, `the fast path took ${accepted} lines`);
});

test('the fast path leaves unusual lines to toEvalRecord', () => {
  const base = '"query_id": "q", "model": "m", "correct": true';
  for (const l of [
    `{${base}, "epoch": 1}`,
    `{${base}, "subject": "anatomy"}`,
    `{${base}, "toxicity": 0.5}`,
    `{${base}, "subject": null}`,
    `{${base}, "1": 2}`,
    `{${base}, "__proto__": 2}`,
    `{${base}, "input_tokens": 5}`,
    `{${base}, "input_tokens": 1.5, "cost_usd": 1}`,
    `{${base}, "cost_usd": 2000000}`,
    `{${base}, "logprob": 0.5}`,
    `{${base}, "split": 3}`,
    `{${base}, "task_type": "essay"}`,
    `{${base}, "reasoning": "yes"}`,
    `{${base}, "reasoning_tokens": 3, "output_tokens": 2, "cost_usd": 0}`,
    '{"query_id": 5, "model": "m", "correct": true}',
    '{"query_id": "q", "model": "", "correct": true}',
    '{"query_id": "q", "model": "m", "correct": null}',
    '[1]',
    '"text"',
  ])
    assert.equal(fastNativeRecord(JSON.parse(l), {} as EvalRecord, 0.5), false, l);
  const out = {} as EvalRecord;
  assert.ok(
    fastNativeRecord(
      JSON.parse(`{${base}, "question": "say \\"hi\\"", "logprob": -0.0, "cost_usd": 1.5e-3, "split": null}`),
      out,
      0.5,
    ),
  );
  assert.equal(out.question, 'say "hi"');
  assert.ok(Object.is(out.logprob, 0));
  assert.equal(out.confidence, 1);
  assert.equal(out.costUsd, 0.0015);
  assert.equal(out.split, '');
});
