import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerClient } from '../../src/host/engine/workerClient';
import { startEngineWorker } from '../helpers/sourceEntry';
import { realLog } from '../helpers/paths';

// The engine worker, with a disk cache in `dir`.
const newClient = (dir: string): WorkerClient => new WorkerClient(startEngineWorker, () => undefined, { dir });

/** Acceptance of issues 15 and 18: a view reopened on the same log and parameters shows its result in under 300 ms. */
const REOPEN_MS = 300;

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}

/** Runs `f` five times: its last value, the first and the median time, and every time as text. */
async function repeat<T>(f: () => Promise<T>): Promise<{ value: T; first: number; median: number; list: string }> {
  const times: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < 5; i++) {
    const r = await timed(f);
    value = r.value;
    times.push(r.ms);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { value: value as T, first: times[0], median: sorted[2], list: times.map((t) => t.toFixed(0)).join(', ') };
}

const LLAMA = ['llama3.2-1b', 'llama3.2-3b', 'llama3.1-8b', 'llama3.1-70b', 'llama3.1-405b'];

test('worker cache: the 5-model MMLU tune is served from memory, then from disk by a new worker, in < 300 ms', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crl-results-'));
  const params = {
    file: realLog('mmlu-llama'),
    cascade: LLAMA,
    methods: ['rt' as const, 'grid' as const, 'bo' as const],
    trainSplit: 'train',
    testSplit: 'test',
    seed: 1,
    intervalReplicates: 200,
  };
  let client = newClient(dir);
  try {
    client.warm();
    const first = await timed(() => client.run('tuneCascade', params));
    // The median of five repeats: one request on a busy machine can wait for a GC or the CPU.
    const repeats = await repeat(() => client.run('tuneCascade', { ...params }));
    assert.deepEqual(repeats.value, first.value);
    assert.ok(repeats.median < REOPEN_MS, `repeated requests took ${repeats.list} ms`);
    client.dispose();
    // The first worker does not await its disk write: wait for it (a fixed 300 ms was once too short
    // on a loaded machine), up to 10 s.
    for (let t0 = performance.now(); performance.now() - t0 < 10_000;) {
      const stored = readdirSync(dir).flatMap((b) => readdirSync(join(dir, b)));
      if (stored.length === 1 && !stored[0].includes('.tmp')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const builds = readdirSync(dir);
    assert.equal(builds.length, 1, 'one build folder');
    assert.equal(readdirSync(join(dir, builds[0])).length, 1, 'one stored result');
    client = newClient(dir);
    await client.run('summarizeLog', { file: join(dir, 'no-such-log.jsonl') }); // the worker is up (a restored panel asks once it is)
    const reloaded = await repeat(() => client.run('tuneCascade', params));
    assert.deepEqual(reloaded.value, first.value);
    assert.ok(
      reloaded.first < REOPEN_MS && reloaded.median < REOPEN_MS,
      `requests after a reload (the first from disk) took ${reloaded.list} ms`,
    );
    console.log(
      `tuneCascade, MMLU Llama, 5 models, RT+grid+BO: first ${first.ms.toFixed(0)} ms; repeated ${repeats.list} ms; new worker (first from disk) ${reloaded.list} ms`,
    );
    await client.clearCache();
    assert.deepEqual(
      readdirSync(dir).flatMap((b) => readdirSync(join(dir, b))),
      [],
      'no stored result left',
    );
  } finally {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker cache: a log edited with its size and modification time unchanged is tuned again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crl-results-'));
  const log = join(dir, 'mmlu.jsonl');
  copyFileSync(realLog('mmlu-llama'), log);
  const when = new Date('2024-05-01T12:00:00Z');
  utimesSync(log, when, when);
  const client = newClient(join(dir, 'cache'));
  try {
    const params = {
      file: log,
      cascade: ['llama3.2-1b', 'llama3.1-405b'],
      methods: ['rt' as const],
      trainSplit: 'train',
      testSplit: 'test',
      seed: 1,
    };
    const before = await client.run('tuneCascade', params);
    assert.deepEqual(await client.run('tuneCascade', params), before);
    // Mark every wrong test answer of the 1B model right: same byte count ("true " for "false").
    const text = readFileSync(log, 'utf8');
    const size = statSync(log).size;
    const edited = text
      .split('\n')
      .map((l) =>
        l.includes('"split": "test"') && l.includes('"model": "llama3.2-1b"')
          ? l.replace('"correct": false,', '"correct": true ,')
          : l,
      )
      .join('\n');
    assert.notEqual(edited, text);
    writeFileSync(log, edited);
    utimesSync(log, when, when);
    assert.equal(statSync(log).size, size);
    assert.equal(statSync(log).mtimeMs, when.getTime());
    const after = await client.run('tuneCascade', params);
    assert.notDeepEqual(after, before, 'the edited log was not served the old result');
  } finally {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
