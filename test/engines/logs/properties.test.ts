import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { anyText } from '../../helpers/anyText';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { readLineBatches } from '../../../src/node/logs/lineStream';

let dir = '';
let n = 0;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'props-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (content: string | Buffer) => {
  const f = join(dir, `f${n++}.jsonl`);
  writeFileSync(f, content);
  return f;
};

/** A valid native record (its query_id is made unique by the caller), written as Python would. */
const validRecord = fc.record(
  {
    model: fc.constantFrom('llama3.2-1b', 'gpt-4o', 'qwen2.5-72b-instruct'),
    correct: fc.oneof(fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })),
    logprob: fc.oneof(fc.double({ min: -50, max: 0, noNaN: true }), fc.constant(-Infinity)),
    cost_usd: fc.double({ min: 0, max: 1, noNaN: true }),
    input_tokens: fc.nat(100000),
    latency_s: fc.double({ min: 0, max: 100, noNaN: true }),
    split: fc.constantFrom('train', 'test'),
    question: anyText({ maxLength: 40 }),
  },
  { requiredKeys: ['model', 'correct'] },
);
const pythonDumps = (o: Record<string, unknown>) =>
  JSON.stringify(o, (_k, v: unknown) => (v === -Infinity ? '\u0000-Inf' : v)).replace(/"\\u0000-Inf"/g, '-Infinity');

/** Lines that are not valid records: cut-off records, wrong types, random text. None is blank. */
const garbage = fc.oneof(
  validRecord.chain((r) => {
    const text = pythonDumps({ query_id: 'cut', ...r });
    return fc.nat(text.length - 2).map((k) => text.slice(0, k + 1));
  }),
  validRecord.map((r) => pythonDumps({ query_id: 'typed', ...r, correct: 'yes' })),
  validRecord.map((r) => pythonDumps({ ...r })),
  anyText({ minLength: 1, maxLength: 60 }).filter(
    (s) => s.trim() !== '' && !/[\n\r]/.test(s) && !s.startsWith('\ufeff'),
  ),
);

type Line =
  { kind: 'valid'; rec: Record<string, unknown> } | { kind: 'garbage'; text: string } | { kind: 'blank'; text: string };
const line: fc.Arbitrary<Line> = fc.oneof(
  { weight: 3, arbitrary: validRecord.map((rec) => ({ kind: 'valid' as const, rec })) },
  { weight: 2, arbitrary: garbage.map((text) => ({ kind: 'garbage' as const, text })) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t').map((text) => ({ kind: 'blank' as const, text })) },
);

test('for any mix of valid and garbage lines, every valid line is kept and every garbage line is reported with its line number', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(line, { maxLength: 40 }),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
      fc.boolean(),
      async (lines, eol, bom, finalEol) => {
        const texts = lines.map((l, i) => (l.kind === 'valid' ? pythonDumps({ query_id: `q${i}`, ...l.rec }) : l.text));
        const content = (bom ? '\ufeff' : '') + texts.join(eol) + (finalEol ? eol : '');
        if (content.trim() === '' || content === '\ufeff') return; // a 0-byte or blank file is its own case (malformed.test.ts)
        const log = await readEvalLog(file(content));
        const validLines = lines.flatMap((l, i) => (l.kind === 'valid' ? [i + 1] : []));
        const garbageLines = lines.flatMap((l, i) => (l.kind === 'garbage' ? [i + 1] : []));
        assert.deepEqual(
          log.records.map((r) => r.line),
          validLines,
        );
        assert.deepEqual(
          log.skipped.map((s) => s.line),
          garbageLines,
        );
        for (const s of log.skipped) assert.ok(s.reason.length > 0 && s.reason.length < 300);
        for (const r of log.records) {
          const src = (lines[r.line - 1] as { rec: Record<string, unknown> }).rec;
          assert.equal(r.queryId, `q${r.line - 1}`);
          assert.equal(r.model, src.model);
          // JSON has no -0: it reads back as 0.
          const asWritten = (v: unknown) => (v === undefined ? null : Object.is(v, -0) ? 0 : v);
          assert.equal(r.score, typeof src.correct === 'boolean' ? Number(src.correct) : asWritten(src.correct));
          assert.equal(r.logprob, asWritten(src.logprob));
          assert.equal(r.question, src.question ?? '');
        }
        assert.equal(log.linesRead, validLines.length + garbageLines.length);
      },
    ),
    { numRuns: 150 },
  );
});

test('line splitting does not depend on where the file is cut into chunks (multi-byte characters, CRLF, BOM)', async () => {
  const textLine = anyText({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ''));
  await fc.assert(
    fc.asyncProperty(
      fc.array(textLine, { minLength: 1, maxLength: 20 }),
      fc.integer({ min: 1, max: 64 }),
      fc.boolean(),
      async (lines, chunkSize, crlf) => {
        const f = file('\ufeff' + lines.join(crlf ? '\r\n' : '\n') + '\n');
        const got: string[] = [];
        let expectNext = 1;
        for await (const b of readLineBatches(f, { chunkSize })) {
          assert.equal(b.firstLine, expectNext);
          assert.equal(b.invalid, null);
          got.push(...b.lines);
          expectNext += b.lines.length;
        }
        assert.deepEqual(got, lines);
      },
    ),
    { numRuns: 150 },
  );
});
