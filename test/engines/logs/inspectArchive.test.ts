// The .eval archive reader under hostile input: zip bombs (deflate and zstandard), forged sizes,
// limits, and property-based tests over random, truncated and mutated archives (the mutated ones
// start from the real logs of test/fixtures/logs/inspect/real/).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { EvalLogError, readEvalLog } from '../../../src/node/logs/readEvalLog';
import type { ReadLogResult, ReadOptions } from '../../../src/engines/logs/types';
import { FIXTURES } from '../../helpers/paths';
import { crc32, storedEntry, writeZip, zstdFrame, zstdSequenceBomb, type ZipSpec } from '../../helpers/zipFiles';

const REAL = join(FIXTURES, 'logs', 'inspect', 'real');
let dir = '';
let n = 0;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspect-zip-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (content: Uint8Array | string, ext = '.eval'): string => {
  const f = join(dir, `f${n++}${ext}`);
  writeFileSync(f, content);
  return f;
};

const HEADER = JSON.stringify({
  version: 2,
  status: 'success',
  eval: { task: 't', model: 'openai/gpt-4o-mini' },
  results: { scores: [{ name: 'match', scorer: 'match' }] },
});
const SUMMARIES = JSON.stringify([
  { id: 1, epoch: 1, scores: { match: { value: 'C' } }, model_usage: {}, total_time: 1 },
]);

/** Rejects with an EvalLogError whose message matches `re`, within `ms` milliseconds. */
async function rejectsQuickly(p: Promise<unknown>, re: RegExp, ms: number): Promise<void> {
  const t0 = performance.now();
  await assert.rejects(p, (e: unknown) => e instanceof EvalLogError && re.test(e.message));
  const took = performance.now() - t0;
  assert.ok(took < ms, `took ${took.toFixed(0)} ms (limit ${ms})`);
}

test('deflate bomb: an entry declaring 10 kB that inflates to 128 MiB stops at the declared size, quickly', async () => {
  const bomb = deflateRawSync(Buffer.alloc(128 * 1024 ** 2), { level: 9 });
  assert.ok(bomb.length < 200_000, `${bomb.length} compressed bytes`);
  const f = write(
    writeZip([
      storedEntry('header.json', HEADER),
      { name: 'summaries.json', data: bomb, method: 8, size: 10_000, crc: 0 },
    ]),
  );
  const rss = process.memoryUsage().rss;
  await rejectsQuickly(
    readEvalLog(f),
    /entry "summaries\.json" inflates to more than the 10000 bytes its directory declares \(a zip bomb, or a corrupt archive\)/,
    5000,
  );
  assert.ok(process.memoryUsage().rss - rss < 100 * 1024 ** 2, 'no 128 MiB buffer was made');
  // Declared honestly, it is over a per-entry limit: refused before any byte is inflated.
  const honest = write(
    writeZip([
      storedEntry('header.json', HEADER),
      { name: 'summaries.json', data: bomb, method: 8, size: 128 * 1024 ** 2, crc: 0 },
    ]),
  );
  await rejectsQuickly(
    readEvalLog(honest, { maxEntryBytes: 16 * 1024 ** 2 }),
    /entry "summaries\.json" declares 134217728 bytes once decompressed, more than the 16777216-byte limit per entry/,
    3000,
  );
});

test('zstandard bomb: 32 KB of run-length blocks worth 1 GiB, declared small or honestly, ends with a precise message, quickly and without the memory', async () => {
  const frame = zstdFrame(new Uint8Array(0), { byte: 0x20, blocks: 8192 });
  assert.ok(frame.length < 40_000);
  const rss = process.memoryUsage().rss;
  // Declared small, it is refused as soon as the first block would pass the declared size; a CRC
  // forged to match the first 4096 bytes changes nothing, as the decoder never writes past them.
  for (const crc of [0x1234, crc32(Buffer.alloc(4096, 0x20))]) {
    const small = write(
      writeZip([
        storedEntry('header.json', HEADER),
        { name: 'summaries.json', data: frame, method: 93, size: 4096, crc },
      ]),
    );
    await rejectsQuickly(
      readEvalLog(small),
      /entry "summaries\.json": the zstandard data is corrupt, or does not decompress to the 4096 bytes its directory declares/,
      5000,
    );
  }
  const honest = write(
    writeZip([
      storedEntry('header.json', HEADER),
      { name: 'summaries.json', data: frame, method: 93, size: 1024 ** 3, crc: 0 },
    ]),
  );
  await rejectsQuickly(
    readEvalLog(honest),
    /entry "summaries\.json" declares 1073741824 bytes once decompressed, more than the 536870912-byte limit per entry/,
    3000,
  );
  // With the per-entry limit raised, an entry too large for the decoder's memory is still refused unread.
  const huge = write(
    writeZip([
      storedEntry('header.json', HEADER),
      { name: 'summaries.json', data: frame, method: 93, size: 1600 * 1024 ** 2, crc: 0 },
    ]),
  );
  await rejectsQuickly(
    readEvalLog(huge, { maxEntryBytes: 2 * 1024 ** 3 }),
    /entry "summaries\.json" is too large for the zstandard decoder \(\d+ compressed and 1677721600 decompressed bytes; at most 1610612736 together\)/,
    3000,
  );
  assert.ok(process.memoryUsage().rss - rss < 100 * 1024 ** 2, 'no 1 GiB buffer was made');
});

test('zstandard sequence bomb: a 30-byte frame whose sequences would copy 6.4 billion bytes is refused at once', async () => {
  const frame = zstdSequenceBomb();
  assert.equal(frame.length, 30);
  const f = write(
    writeZip([
      storedEntry('header.json', HEADER),
      { name: 'summaries.json', data: frame, method: 93, size: 1000, crc: 0 },
    ]),
  );
  // Five times in a row, as a decoder's state or its compiled code could change between calls.
  for (let i = 0; i < 5; i++)
    await rejectsQuickly(
      readEvalLog(f),
      /entry "summaries\.json": the zstandard data is corrupt, or does not decompress to the 1000 bytes its directory declares/,
      2000,
    );
});

test('limits on the total decompressed and on the number of entries; unsupported and encrypted entries', async () => {
  const entries: ZipSpec[] = [storedEntry('header.json', HEADER), storedEntry('summaries.json', SUMMARIES)];
  const f = write(writeZip(entries));
  assert.equal((await readEvalLog(f)).records.length, 1);
  await rejectsQuickly(
    readEvalLog(f, { maxDecompressedBytes: HEADER.length + 10 }),
    /entry "summaries\.json" would take the bytes decompressed past the \d+-byte limit for the whole archive/,
    3000,
  );
  await rejectsQuickly(
    readEvalLog(f, { maxArchiveEntries: 1 }),
    /the archive lists 2 entries, more than the limit of 1/,
    3000,
  );
  const bzip = write(
    writeZip([storedEntry('header.json', HEADER), { ...storedEntry('summaries.json', SUMMARIES), method: 12 }]),
  );
  await rejectsQuickly(
    readEvalLog(bzip),
    /entry "summaries\.json" uses zip compression method 12; this reader reads stored \(0\), deflate \(8\) and zstandard \(93\) entries/,
    3000,
  );
  const badCrc = write(
    writeZip([storedEntry('header.json', HEADER), { ...storedEntry('summaries.json', SUMMARIES), crc: 1 }]),
  );
  await rejectsQuickly(
    readEvalLog(badCrc),
    /entry "summaries\.json" does not match its CRC-32 checksum \(the archive is corrupt\)/,
    3000,
  );
  const bytes = writeZip(entries);
  bytes.writeUInt16LE(1, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), 0) + 8);
  await rejectsQuickly(readEvalLog(write(bytes)), /entry "header\.json" is encrypted/, 3000);
});

/** No NaN and no infinity in a result (a log-prob of -Infinity, probability 0, is the one legal infinity). */
function assertFinite(log: ReadLogResult): void {
  for (const r of log.records) {
    for (const [k, v] of Object.entries(r))
      if (typeof v === 'number' && !(k === 'logprob' && v === -Infinity)) assert.ok(Number.isFinite(v), `${k} = ${v}`);
    for (const v of Object.values(r.extra ?? {})) if (typeof v === 'number') assert.ok(Number.isFinite(v));
  }
}

/** Reads a file and returns how it ended: a result (checked for non-finite numbers) or an EvalLogError; anything else fails the test. */
async function readHostile(f: string, opts: ReadOptions = {}, ms = 5000): Promise<'read' | 'refused'> {
  const t0 = performance.now();
  try {
    assertFinite(await readEvalLog(f, opts));
    return 'read';
  } catch (err) {
    if (!(err instanceof EvalLogError)) throw err;
    return 'refused';
  } finally {
    const took = performance.now() - t0;
    assert.ok(took < ms, `took ${took.toFixed(0)} ms`);
  }
}

const ARCHIVES = [
  'ais-decoder.eval',
  'log_streaming-chunked.eval',
  '2025-09-15T15-04-34-04-00_popularity_jKN69eAYYpZFAZhRgMAztp.eval',
  'log_streaming.eval',
  'retry-2-then-success.eval',
].map((f) => readFileSync(join(REAL, f)));

test('property: random bytes named .eval (with and without a zip signature) are refused with an EvalLogError', async () => {
  const magic = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 4096 }), fc.boolean(), async (bytes, zipLike) => {
      const f = write(zipLike ? Buffer.concat([magic, bytes]) : bytes);
      assert.equal(await readHostile(f), 'refused');
    }),
    { numRuns: 150 },
  );
});

test('property: a real archive cut anywhere is refused with an EvalLogError', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.nat(ARCHIVES.length - 1),
      fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      async (which, at) => {
        const bytes = ARCHIVES[which];
        const f = write(bytes.subarray(0, Math.floor(at * bytes.length)));
        assert.equal(await readHostile(f), 'refused');
      },
    ),
    { numRuns: 80 },
  );
});

test('property: real archives (deflate and zstandard) with bytes changed anywhere are read or refused, never anything else, and stay finite and quick', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.nat(ARCHIVES.length - 1),
      fc.array(
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 255 })),
        { minLength: 1, maxLength: 8 },
      ),
      async (which, changes) => {
        const bytes = Buffer.from(ARCHIVES[which]);
        for (const [at, b] of changes) bytes[Math.floor(at * bytes.length)] = b;
        await readHostile(write(bytes), { keepEpochs: true });
      },
    ),
    { numRuns: 200 },
  );
  // A change in an entry the reader does not need (the journal's start record) leaves the log readable.
  const bytes = Buffer.from(ARCHIVES[2]);
  bytes[bytes.indexOf(Buffer.from('_journal/start.json')) + 40] ^= 0xff;
  assert.equal(await readHostile(write(bytes)), 'read');
});

test('property: a real zstandard entry with its compressed bytes changed is refused or read, never anything else', async () => {
  const zip = ARCHIVES[0];
  // The sample entry's data (the archive's largest entry) starts after its local header.
  const name = Buffer.from('samples/1_epoch_1.json');
  const local = zip.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04])]), zip.indexOf(name) - 30);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const size = zip.readUInt32LE(local + 18);
  assert.ok(size > 10_000);
  const h = JSON.stringify({
    version: 2,
    status: 'success',
    eval: { task: 't', model: 'm', model_generate_config: { logprobs: true } },
  });
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat(size - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
      async (changes) => {
        const data = Buffer.from(zip.subarray(start, start + size));
        for (const [at, b] of changes) data[at] = b;
        // The log asks for log-probs, so the mutated sample entry is decompressed.
        const f = write(
          writeZip([
            storedEntry('header.json', h),
            storedEntry('summaries.json', '[{"id": 1, "epoch": 1, "scores": {"s": {"value": "C"}}}]'),
            { name: 'samples/1_epoch_1.json', data, method: 93, size: 360374, crc: crc32(Buffer.alloc(0)) },
          ]),
        );
        assert.equal(await readHostile(f), 'refused');
      },
    ),
    { numRuns: 300 },
  );
});

test('property: a real whole-log JSON with bytes changed is read or refused, never anything else', async () => {
  const text = readFileSync(join(REAL, '2025-05-12T20-28-26-04-00_security-guide.json'));
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.tuple(
          fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
          fc.constantFrom(...Buffer.from('{}[]",:0123456789eE-.nNaItf \n\\')),
        ),
        { minLength: 1, maxLength: 6 },
      ),
      async (changes) => {
        const bytes = Buffer.from(text);
        for (const [at, b] of changes) bytes[Math.floor(at * bytes.length)] = b;
        await readHostile(write(bytes, '.json'));
      },
    ),
    { numRuns: 150 },
  );
});
