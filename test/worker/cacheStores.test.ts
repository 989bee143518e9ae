import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskStore, removeOtherBuilds } from '../../src/worker/cache/diskStore';
import { fileFingerprint, forgetFingerprints, SETTLE_MS } from '../../src/worker/cache/fileFingerprint';
import { canonicalJson, ResultCache } from '../../src/worker/cache/resultCache';
import { SharedCache } from '../../src/worker/cache/sharedCache';
import { estimateBytes, SizedLru } from '../../src/worker/cache/sizedLru';
import type { JobContext } from '../../src/worker/workerProtocol';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'crl-cache-'));
const NAME = 'a'.repeat(40);
const ctx = (): JobContext => ({ signal: new AbortController().signal, progress: () => undefined });

test('SizedLru: stays within its byte budget, least recently used out first, newest always kept', () => {
  const lru = new SizedLru<string>(100);
  lru.set('a', 'A', 40);
  lru.set('b', 'B', 40);
  assert.equal(lru.get('a'), 'A'); // a is now the most recent
  lru.set('c', 'C', 40); // 120 > 100: b (least recent) goes
  assert.equal(lru.has('b'), false);
  assert.deepEqual([lru.get('a'), lru.get('c')], ['A', 'C']);
  assert.equal(lru.bytes, 80);
  lru.set('big', 'X', 500); // larger than the budget: kept alone
  assert.equal(lru.size, 1);
  assert.equal(lru.get('big'), 'X');
  assert.equal(lru.bytes, 500);
  lru.set('d', 'D', Number.NaN); // a nonsense size counts as 0, never NaN in the total
  assert.ok(Number.isFinite(lru.bytes));
  for (let i = 0; i < 1000; i++) {
    lru.set(`k${i}`, 'v', 7);
    assert.ok(lru.bytes <= 100, `over budget after ${i}`);
  }
  assert.equal(lru.size, 14); // floor(100 / 7)
});

test('estimateBytes: typed arrays by their buffers, shared objects once, cycles end', () => {
  const arr = new Float64Array(1000);
  assert.ok(estimateBytes(arr) >= 8000 && estimateBytes(arr) < 8200);
  const shared = { x: new Float64Array(1000) };
  const twice = estimateBytes([shared, shared]);
  assert.ok(twice < 2 * estimateBytes(shared), 'a shared object is counted once');
  const cyc: { self?: unknown } = {};
  cyc.self = cyc;
  assert.ok(Number.isFinite(estimateBytes(cyc)));
});

test('estimateBytes: a long array of records is measured on a sample, within 2% of the closed form', () => {
  // Element i: { a: a string of 10 or 30 characters (i even / odd), b: a number, c: two numbers }.
  // By the rules above an element is 32 + 3 * 8 (the object) + 16 + 2 * (10 or 30) (a) + 8 (b) +
  // 32 + 2 * 8 (c): 148 or 188 bytes, 168 on average; the array adds 32 + 8 per element.
  const n = 200_000;
  const records = Array.from({ length: n }, (_, i) => ({
    a: (i % 2 ? 'x' : '').padEnd(i % 2 ? 30 : 10, 'y'),
    b: i,
    c: [i, i],
  }));
  const exact = 32 + 8 * n + 168 * n;
  const est = estimateBytes(records);
  assert.ok(Math.abs(est - exact) / exact < 0.02, `${est} vs ${exact}`);
  // Short arrays are still walked whole: 4,096 elements of one kind give the closed form exactly.
  const short = Array.from({ length: 4096 }, (_, i) => ({ a: 'yyyyyyyyyy', b: i, c: [i, i] }));
  assert.equal(estimateBytes(short), 32 + 8 * 4096 + 148 * 4096);
});

test('SharedCache: two callers of one key share one computation; a failure is not kept', async () => {
  const cache = new SharedCache<number>(1000, () => 8);
  let made = 0;
  const make = async (): Promise<number> => {
    made++;
    await new Promise((r) => setTimeout(r, 20));
    return 42;
  };
  assert.deepEqual(await Promise.all([cache.get('k', make), cache.get('k', make)]), [42, 42]);
  assert.equal(made, 1);
  await assert.rejects(
    cache.get('bad', () => Promise.reject(new Error('boom'))),
    /boom/,
  );
  assert.equal(await cache.get('bad', async () => 7), 7);
});

test('DiskStore: writes atomically (no temporary file left, a rewrite replaces the whole entry)', async () => {
  const dir = tempDir();
  try {
    const store = new DiskStore(join(dir, 'b'), 1 << 20, 1 << 20);
    await store.write(NAME, 'key-1', { rows: [1, 2, 3] });
    await store.write(NAME, 'key-1', { rows: [4] });
    assert.deepEqual(readdirSync(join(dir, 'b')), [`${NAME}.bin`]);
    assert.deepEqual(await store.read(NAME, 'key-1'), { rows: [4] });
    // Another instance (a new window) reads what the first wrote.
    assert.deepEqual(await new DiskStore(join(dir, 'b'), 1 << 20, 1 << 20).read(NAME, 'key-1'), { rows: [4] });
    // A name whose file holds another key (a hash collision, a foreign file) is a miss.
    assert.equal(await store.read(NAME, 'key-2'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('DiskStore: a corrupt or truncated entry is a miss and is removed; an unwritable folder is no error', async () => {
  const dir = tempDir();
  try {
    const store = new DiskStore(dir, 1 << 20, 1 << 20);
    await store.write(NAME, 'k', { value: 'x'.repeat(1000) });
    const path = join(dir, `${NAME}.bin`);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length >> 1));
    assert.equal(await new DiskStore(dir, 1 << 20, 1 << 20).read(NAME, 'k'), undefined);
    assert.equal(readdirSync(dir).length, 0, 'the corrupt file is gone');
    writeFileSync(path, 'not a serialised value at all');
    assert.equal(await new DiskStore(dir, 1 << 20, 1 << 20).read(NAME, 'k'), undefined);
    // A "folder" that is a file: writes fail quietly and reads miss.
    const blocked = new DiskStore(join(path, 'sub'), 1 << 20, 1 << 20);
    writeFileSync(path, 'x');
    await blocked.write(NAME, 'k', 1);
    assert.equal(await blocked.read(NAME, 'k'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('DiskStore: stays within its byte budget, the least recently read file out first', async () => {
  const dir = tempDir();
  try {
    const payload = 'y'.repeat(4000);
    const store = new DiskStore(dir, 10_000, 1 << 20);
    const names = ['1', '2', '3'].map((c) => c.repeat(40));
    await store.write(names[0], 'k0', payload);
    await new Promise((r) => setTimeout(r, 15));
    await store.write(names[1], 'k1', payload);
    await new Promise((r) => setTimeout(r, 15));
    assert.equal(await store.read(names[0], 'k0'), payload); // 0 is now newer than 1
    await new Promise((r) => setTimeout(r, 15));
    await store.write(names[2], 'k2', payload); // ~12 kB > 10 kB: 1 goes
    assert.deepEqual(readdirSync(dir).sort(), [`${names[0]}.bin`, `${names[2]}.bin`]);
    assert.ok((await store.bytes()) <= 10_000);
    // An entry larger than the per-entry cap is not written at all.
    const small = new DiskStore(join(dir, 'small'), 10_000, 100);
    await small.write(names[0], 'k', payload);
    assert.equal(await small.read(names[0], 'k'), undefined);
    await store.clear();
    assert.equal(await store.read(names[0], 'k0'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("removeOtherBuilds: removes other builds' folders only", async () => {
  const dir = tempDir();
  try {
    for (const n of ['0123456789abcdef', 'fedcba9876543210', 'keep-me']) writeFileSync(join(dir, n), '');
    await removeOtherBuilds(dir, '0123456789abcdef');
    assert.deepEqual(readdirSync(dir).sort(), ['0123456789abcdef', 'keep-me']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fileFingerprint: an edit that keeps the size and the modification time changes it; a touch does not', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, '{"model":"a","correct":1}\n');
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(file, old, old);
    forgetFingerprints();
    const first = await fileFingerprint(file);
    assert.match(first ?? '', /^[0-9a-f]{64}$/);
    assert.equal(await fileFingerprint(file), first, 'same content, same fingerprint');
    writeFileSync(file, '{"model":"b","correct":1}\n'); // same length
    utimesSync(file, old, old); // same mtime as before
    assert.equal(statSync(file).size, 26);
    const edited = await fileFingerprint(file);
    assert.notEqual(edited, first);
    const later = new Date('2021-01-01T00:00:00Z');
    utimesSync(file, later, later);
    assert.equal(await fileFingerprint(file), edited, 'touching keeps the fingerprint');
    // A results file beside the log (lm-evaluation-harness) is part of it.
    writeFileSync(join(dir, 'results_2024.json'), '{"results":{}}');
    const withResults = await fileFingerprint(file);
    assert.notEqual(withResults, edited);
    assert.equal(await fileFingerprint(join(dir, 'missing.jsonl')), null);
    assert.equal(await fileFingerprint(dir), null, 'a folder is no log');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fileFingerprint: a remembered hash (file settled) is not reused after an edit that keeps size and mtime', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'log.jsonl');
    const old = new Date('2020-01-01T00:00:00Z');
    writeFileSync(file, 'aaaa\n');
    utimesSync(file, old, old);
    // The change time cannot be set back: wait until the file has settled (SETTLE_MS) so that its hash is remembered.
    await new Promise((r) => setTimeout(r, SETTLE_MS + 300));
    forgetFingerprints();
    const first = await fileFingerprint(file);
    assert.equal(await fileFingerprint(file), first);
    writeFileSync(file, 'bbbb\n');
    utimesSync(file, old, old);
    assert.notEqual(await fileFingerprint(file), first, 'the change time is part of the identity');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('canonicalJson: key order does not matter, values do', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }),
    canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
  );
  assert.notEqual(canonicalJson({ a: 1 }), canonicalJson({ a: 2 }));
});

test('ResultCache: keyed by job, parameters and log content; hits are copies; the disk serves a new instance', async () => {
  const dir = tempDir();
  try {
    const log = join(dir, 'log.jsonl');
    writeFileSync(log, 'one\n');
    const disk = (): DiskStore => new DiskStore(join(dir, 'store'), 1 << 20, 1 << 20);
    const cache = new ResultCache({ memoryBytes: 1 << 20, buildId: 'test', disk: disk(), minDiskMs: 0 });
    let computed = 0;
    const compute = async (): Promise<{ n: number }> => ({ n: ++computed });
    const p = { file: log, seed: 1 };
    assert.deepEqual(await cache.run('job', p, ctx(), compute), { n: 1 });
    const hit = (await cache.run('job', { seed: 1, file: log }, ctx(), compute)) as { n: number };
    assert.deepEqual(hit, { n: 1 });
    hit.n = 99; // a caller changing its copy does not change the kept result
    assert.deepEqual(await cache.run('job', p, ctx(), compute), { n: 1 });
    assert.deepEqual(await cache.run('other', p, ctx(), compute), { n: 2 }, 'another job');
    assert.deepEqual(await cache.run('job', { ...p, seed: 2 }, ctx(), compute), { n: 3 }, 'other parameters');
    await new Promise((r) => setTimeout(r, 20)); // disk writes are not awaited by run()
    const fresh = new ResultCache({ memoryBytes: 1 << 20, buildId: 'test', disk: disk() });
    assert.deepEqual(await fresh.run('job', p, ctx(), compute), { n: 1 });
    assert.equal(fresh.stats.diskHits, 1);
    const otherBuild = new ResultCache({ memoryBytes: 1 << 20, buildId: 'other', disk: disk() });
    assert.deepEqual(await otherBuild.run('job', p, ctx(), compute), { n: 4 }, 'another build computes again');
    writeFileSync(log, 'two\n');
    assert.deepEqual(await cache.run('job', p, ctx(), compute), { n: 5 }, 'an edited log computes again');
    await cache.clear();
    writeFileSync(log, 'one\n');
    assert.deepEqual(await cache.run('job', p, ctx(), compute), { n: 6 }, 'cleared: memory and disk');
    // Without a readable log there is no key: every run computes.
    assert.deepEqual(await cache.run('job', { file: join(dir, 'missing') }, ctx(), compute), { n: 7 });
    assert.deepEqual(await cache.run('job', { file: join(dir, 'missing') }, ctx(), compute), { n: 8 });
    // Parameters JSON cannot hold: uncached, not an error.
    assert.deepEqual(await cache.run('job', { file: log, big: 1n }, ctx(), compute), { n: 9 });
    assert.deepEqual(await cache.run('job', { file: log, big: 1n }, ctx(), compute), { n: 10 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ResultCache: identical requests share one computation; it stops only when every waiter cancelled', async () => {
  const dir = tempDir();
  try {
    const log = join(dir, 'log.jsonl');
    writeFileSync(log, 'x\n');
    const cache = new ResultCache({ memoryBytes: 1 << 20, buildId: 'test' });
    let started = 0;
    let stopped = 0;
    let onStart = (): void => undefined;
    /** Resolves once the next computation has begun (a timer would race the key's file hash on a busy machine). */
    const begun = (): Promise<void> => new Promise((r) => (onStart = r));
    const compute = (c: JobContext): Promise<string> => {
      started++;
      onStart();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => resolve('done'), 300);
        c.signal.addEventListener('abort', () => {
          stopped++;
          clearTimeout(t);
          reject(Object.assign(new Error('Cancelled'), { name: 'AbortError' }));
        });
      });
    };
    const a = new AbortController();
    const b = new AbortController();
    const started1 = begun();
    const ra = cache.run('j', { file: log }, { signal: a.signal, progress: () => undefined }, compute);
    await started1;
    const rb = cache.run('j', { file: log }, { signal: b.signal, progress: () => undefined }, compute);
    while (cache.stats.shared === 0) await new Promise((r) => setTimeout(r, 1)); // b has joined a's run
    a.abort();
    await assert.rejects(ra, { name: 'AbortError' });
    assert.equal(await rb, 'done', 'the other waiter still gets the result');
    assert.deepEqual([started, stopped], [1, 0]);
    const c1 = new AbortController();
    const started2 = begun();
    const rc = cache.run('j', { file: log, n: 2 }, { signal: c1.signal, progress: () => undefined }, compute);
    await started2;
    c1.abort();
    await assert.rejects(rc, { name: 'AbortError' });
    assert.equal(stopped, 1, 'the last waiter out stops the computation');
    assert.equal(await cache.run('j', { file: log, n: 2 }, ctx(), compute), 'done', 'a cancelled result was not kept');
    assert.equal(started, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
