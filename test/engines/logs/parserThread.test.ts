import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readNativeJsonl } from '../../../src/node/logs/readNativeJsonl';
import {
  parserThreadAvailable,
  parserThreadsStarted,
  parserThreadTasks,
} from '../../../src/node/logs/parsedLineBatches';
import type { ParserThreadOptions, ReadLogResult, ReadOptions } from '../../../src/engines/logs/types';
import { line } from '../../helpers/nativeLineArbitraries';
import { nativeLogFiles } from '../../helpers/paths';

// Issue 18: a large native log is parsed on a second thread (lineParserWorker.ts) while the reading
// thread keeps the records. Whatever the file, the result must be exactly the one of reading it on one
// thread: same records, skipped lines with the same reasons, warnings, counts, the same error for a
// file that cannot be read. Small batches make even the small files here cross many batches, and
// both ways of sharing the work are run: every batch parsed by the thread, or some given back.

let dir = '';
let n = 0;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'parser-thread-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const THREAD_WAYS: ParserThreadOptions[] = [
  { aboveBytes: 0, batchChars: 300, shareIdle: false },
  { aboveBytes: 0, batchChars: 1000, shareIdle: true },
];

/** A read's outcome: its result without the lazily built records, or the error message. */
async function outcome(file: string, opts: ReadOptions): Promise<ReadLogResult | string> {
  return readNativeJsonl(file, opts).then(
    (r) => r,
    (e: Error) => `${e.name}: ${e.message}`,
  );
}

function assertSame(a: ReadLogResult | string, b: ReadLogResult | string, what: string): void {
  if (typeof a === 'string' || typeof b === 'string') {
    assert.equal(a, b, what);
    return;
  }
  assert.equal(a.adapter, b.adapter, what);
  assert.deepEqual(a.skipped, b.skipped, what);
  assert.deepEqual(a.warnings, b.warnings, what);
  assert.deepEqual(a.missingFields, b.missingFields, what);
  assert.equal(a.linesRead, b.linesRead, what);
  assert.equal(a.table === undefined, b.table === undefined, what);
  assert.deepEqual(a.records, b.records, what);
}

/**
 * Reads `file` on one thread and with the parser thread (each way), and checks that they agree and
 * that the thread ran (for a file that exists: a missing one is not worth a thread).
 */
async function assertThreadChangesNothing(
  file: string,
  opts: ReadOptions = {},
  ways = THREAD_WAYS,
): Promise<ReadLogResult | string> {
  const alone = await outcome(file, { ...opts, parserThread: { aboveBytes: Infinity } });
  for (const way of ways) {
    const given = parserThreadTasks();
    const threaded = await outcome(file, { ...opts, parserThread: way });
    if (existsSync(file)) assert.equal(parserThreadTasks(), given + 1, `${file}: the parser thread was given the file`);
    assertSame(threaded, alone, `${file} ${JSON.stringify({ ...opts, ...way })}`);
  }
  return alone;
}

/** On a one-core machine the reader never starts the thread (nothing to gain): the tests that need it are skipped there. */
const oneCore = availableParallelism() < 2 ? 'one core: the reader parses on its own thread' : false;

test('the parser thread is there to start where there is a second core (the compiled tree has its script)', () => {
  assert.equal(parserThreadAvailable(), !oneCore);
});

test('the bundled and real logs read the same with the parser thread', { skip: oneCore }, async () => {
  const real = nativeLogFiles();
  assert.ok(real.length >= 4);
  for (const [i, f] of real.entries()) {
    const log = await assertThreadChangesNothing(f, { questions: false }, [THREAD_WAYS[i % 2]]);
    assert.ok(typeof log !== 'string' && log.table !== undefined && log.table.length > 1000, f);
  }
  // Questions kept, and another threshold (the thread sets `correct` from it).
  await assertThreadChangesNothing(real[0], { correctThreshold: 0.7 });
});

test('every malformed fixture reads the same with the parser thread', { skip: oneCore }, async () => {
  const fixtures = readdirSync('test/fixtures/malformed-logs')
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => join('test/fixtures/malformed-logs', f));
  assert.ok(fixtures.length >= 20);
  // Each fixture one way, the ways and options taking turns.
  for (const [i, f] of fixtures.entries())
    await assertThreadChangesNothing(f, i % 3 === 2 ? { maxRecordBytes: 100 } : {}, [THREAD_WAYS[i % 2]]);
});

test(
  'lines the thread cannot parse, bytes that are not UTF-8, CRLF, long lines and epochs (fast-check)',
  { skip: oneCore },
  async () => {
    const piece = fc.oneof(
      { weight: 6, arbitrary: line.map((l) => Buffer.from(l + '\n')) },
      { weight: 1, arbitrary: line.map((l) => Buffer.from(l + '\r\n')) },
      { weight: 1, arbitrary: fc.constant(Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])) },
      {
        weight: 1,
        arbitrary: fc.constant(
          Buffer.from(`{"query_id": "q1", "model": "m1", "correct": true, "question": "${'x'.repeat(300)}"}\n`),
        ),
      },
      {
        weight: 1,
        arbitrary: fc.constant(Buffer.from('{"query_id": "e", "model": "m1", "correct": true, "epoch": 2}\n')),
      },
      { weight: 1, arbitrary: fc.constant(Buffer.from('\ufeff{"query_id": "bom", "model": "m1", "correct": true}\n')) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 200 }),
        fc.boolean(),
        fc.constantFrom(...THREAD_WAYS),
        async (pieces, lastNewline, way) => {
          const f = join(dir, `r${n++}.jsonl`);
          const bytes = Buffer.concat(pieces);
          writeFileSync(f, lastNewline ? bytes : bytes.subarray(0, Math.max(0, bytes.length - 1)));
          await assertThreadChangesNothing(f, { maxRecordBytes: 200 }, [way]);
        },
      ),
      { numRuns: 40 },
    );
  },
);

test(
  'a file that is not UTF-8 text fails with the same message, and a missing one too',
  { skip: oneCore },
  async () => {
    const f = join(dir, `utf16-${n++}.jsonl`);
    writeFileSync(f, Buffer.from('\ufeff{"query_id": "a"}\n', 'utf16le'));
    const failure = await assertThreadChangesNothing(f);
    assert.match(String(failure), /UTF-16/);
    assert.match(String(await assertThreadChangesNothing(join(dir, 'missing.jsonl'))), /ENOENT/);
  },
);

test('cancelling a read stops the parser thread and rejects with the reason', { skip: oneCore }, async () => {
  const f = join(dir, `big${n++}.jsonl`);
  const rows: string[] = [];
  for (let i = 0; i < 60_000; i++)
    rows.push(`{"query_id": "q${i >> 2}", "model": "m${i & 3}", "correct": ${i % 3 === 0}, "cost_usd": 0.001}`);
  writeFileSync(f, rows.join('\n'));
  const controller = new AbortController();
  const reason = new Error('stop here');
  let progressed = 0;
  const read = readNativeJsonl(f, {
    signal: controller.signal,
    parserThread: { aboveBytes: 0, batchChars: 10_000 },
    onProgress: () => {
      if (++progressed === 2) controller.abort(reason);
    },
  });
  await assert.rejects(read, (e) => e === reason);
  assert.ok(progressed >= 2 && progressed < 20, `stopped after ${progressed} batches`);
  // The whole file, once more: the cancelled read's thread was ended, and a new one reads it all, its
  // progress rising to 1.
  const started = parserThreadsStarted();
  const fractions: number[] = [];
  const whole = await readNativeJsonl(f, {
    parserThread: { aboveBytes: 0, batchChars: 10_000 },
    onProgress: (x) => fractions.push(x),
  });
  assert.equal(whole.table?.length, 60_000);
  assert.ok(fractions.length > 10, `${fractions.length} progress reports`);
  assert.ok(
    fractions.every((x, i) => x >= 0 && x <= 1 && (i === 0 || x >= fractions[i - 1])),
    'progress never goes back',
  );
  assert.equal(fractions.at(-1), 1);
  assert.equal(parserThreadsStarted(), started + 1, 'a new thread after the cancelled one');
});

test(
  'files read one after the other share one parser thread, which does not keep the process alive',
  { skip: oneCore },
  async () => {
    const f = join(dir, `share${n++}.jsonl`);
    writeFileSync(
      f,
      '{"query_id": "q1", "model": "m1", "correct": true}\n{"query_id": "q2", "model": "m1", "correct": false}\n',
    );
    const opts: ReadOptions = { parserThread: { aboveBytes: 0 } };
    await readNativeJsonl(f, opts); // a thread that read a file to the end waits for the next
    const [started, given] = [parserThreadsStarted(), parserThreadTasks()];
    for (let i = 0; i < 3; i++) assert.equal((await readNativeJsonl(f, opts)).table?.length, 2);
    assert.deepEqual([parserThreadsStarted(), parserThreadTasks()], [started, given + 3]);
    // Two reads at once: the second gets a thread of its own, and afterwards one of the two waits.
    const both = await Promise.all([readNativeJsonl(f, opts), readNativeJsonl(f, opts)]);
    assert.deepEqual(
      both.map((r) => r.table?.length),
      [2, 2],
    );
    assert.equal(parserThreadsStarted(), started + 1);
    await readNativeJsonl(f, opts);
    assert.equal(parserThreadsStarted(), started + 1);
    // A thread waits `waitMs` for the next file, then ends; 0: it ends with its file.
    await readNativeJsonl(f, { parserThread: { aboveBytes: 0, waitMs: 30 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await readNativeJsonl(f, { parserThread: { aboveBytes: 0, waitMs: 0 } });
    assert.equal(parserThreadsStarted(), started + 2, 'the thread ended after 30 ms');
    await readNativeJsonl(f, opts);
    assert.equal(parserThreadsStarted(), started + 3, 'the thread ended with its file');

    // A process that has read a file with the thread ends at once, not when the waiting thread would.
    const code = [
      `const { readNativeJsonl } = require(${JSON.stringify(require.resolve('../../../src/node/logs/readNativeJsonl'))});`,
      `const { parserThreadTasks } = require(${JSON.stringify(require.resolve('../../../src/node/logs/parsedLineBatches'))});`,
      `readNativeJsonl(${JSON.stringify(f)}, { parserThread: { aboveBytes: 0 } }).then((r) => console.log(r.table.length, parserThreadTasks()));`,
    ].join('\n');
    const t0 = performance.now();
    const child = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 20_000 });
    const seconds = (performance.now() - t0) / 1000;
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout.trim(), '2 1');
    assert.ok(seconds < 4, `the process took ${seconds.toFixed(1)} s to end (a waiting thread waits 5 s)`);
  },
);
