import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readNativeJsonl, readNativeJsonlRecords } from '../../../src/node/logs/readNativeJsonl';
import type { ReadLogResult, ReadOptions } from '../../../src/engines/logs/types';

// ReadOptions.questionChars: the native reader's table keeps at most that much question text, so a
// log of millions of long questions stays within memory (issue 18: 10M records in 1.5 GB). Once a
// question does not fit, no further question is stored and a warning names the line; everything
// else is read as the record reader (which keeps every question) reads it.

let dir = '';
let n = 0;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'question-budget-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Row {
  query: number;
  model: number;
  question: string;
}

function writeLog(rows: readonly Row[]): string {
  const f = join(dir, `log${n++}.jsonl`);
  const lines = rows.map((r) =>
    JSON.stringify({
      query_id: `q${r.query}`,
      model: `m${r.model}`,
      correct: true,
      cost_usd: 0.001,
      question: r.question,
    }),
  );
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

const NOTE = /the question texts of (\d+) record\(s\) from this line on are not kept/;
const budgetNote = (log: ReadLogResult) => log.warnings.find((w) => NOTE.test(w.reason));
/** The same read without the questions: what must not change. */
const withoutQuestions = (log: ReadLogResult) => ({
  records: log.records.map((r) => ({ ...r, question: '' })),
  skipped: log.skipped,
  warnings: log.warnings.filter((w) => !NOTE.test(w.reason)),
});

for (const [how, parserThread] of [
  ['on the reading thread', { aboveBytes: Infinity }],
  ['with the parser thread', { aboveBytes: 0, batchChars: 200 }],
] as const)
  test(`questions are kept until they pass questionChars, then none; a warning names the line (${how})`, async () => {
    // 40 queries of two models each, a 10-character question per query: 200 characters hold 20 queries.
    const rows: Row[] = [];
    for (let q = 0; q < 40; q++)
      for (let m = 0; m < 2; m++) rows.push({ query: q, model: m, question: `question${String(q).padStart(2, '0')}` });
    const f = writeLog(rows);
    const opts: ReadOptions = { parserThread };
    const all = await readNativeJsonlRecords(f, opts);
    const kept = await readNativeJsonl(f, { ...opts, questionChars: 200 });
    assert.ok(kept.table, 'read into a table');
    assert.deepEqual(
      kept.records.map((r) => r.question),
      rows.map((r) => (r.query < 20 ? r.question : '')),
    );
    const note = budgetNote(kept);
    assert.equal(note?.line, 41, 'query 20 starts on line 41');
    assert.equal(NOTE.exec(note?.reason ?? '')?.[1], '40');
    assert.match(note?.reason ?? '', /passed the 200 characters/);
    assert.deepEqual(withoutQuestions(kept), withoutQuestions(all));
    // The default keeps them all, as the record reader does.
    const byDefault = await readNativeJsonl(f, opts);
    assert.deepEqual(byDefault.records, all.records);
    assert.equal(budgetNote(byDefault), undefined);
  });

test('any log and any budget: kept questions are the log’s and fit the budget; from the noted line on none is stored (fast-check)', async () => {
  const row = fc.record({
    query: fc.integer({ min: 0, max: 12 }),
    model: fc.integer({ min: 0, max: 2 }),
    question: fc.string({ maxLength: 12 }),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 60 }), fc.nat(120), async (rows, budget) => {
      const f = writeLog(rows);
      const all = await readNativeJsonlRecords(f);
      const log = await readNativeJsonl(f, { questionChars: budget });
      assert.deepEqual(withoutQuestions(log), withoutQuestions(all));
      // Each stored text counts once per query: a query's records share its question while it stays the same.
      const stored = new Map<string, string>();
      let used = 0;
      const note = budgetNote(log);
      // The line from which no question is stored (none before the note, if any).
      const from = note?.line ?? Infinity;
      log.records.forEach((r, i) => {
        const want = all.records[i].question;
        assert.ok(r.question === want || r.question === '', `line ${r.line}: ${r.question} vs ${want}`);
        if (r.question !== want) assert.ok(r.line >= from, `line ${r.line} lost its question before the note`);
        if (r.question !== '' && stored.get(r.queryId) !== r.question) {
          assert.ok(r.line < from, `line ${r.line} stored a question after the note`);
          stored.set(r.queryId, r.question);
          used += r.question.length;
        }
      });
      assert.ok(used <= budget, `${used} characters kept, budget ${budget}`);
      if (note) {
        const first = all.records.find((r) => r.line === note.line);
        assert.ok(first && first.question.length > 0, 'the noted line had a question');
      }
    }),
    { numRuns: 150 },
  );
});
