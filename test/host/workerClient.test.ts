import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WorkerClient, JobError, isAbortError } from '../../src/host/engine/workerClient';
import { startEngineWorker } from '../helpers/sourceEntry';
import { realLog } from '../helpers/paths';
import { assertClose } from '../helpers/assertClose';

const newClient = (): WorkerClient => new WorkerClient(startEngineWorker);

test('workerClient: summarizeLog on the real MMLU Llama log, in the worker', async () => {
  const client = newClient();
  try {
    const progress: number[] = [];
    const s = await client.run(
      'summarizeLog',
      { file: realLog('mmlu-llama') },
      { onProgress: (f) => progress.push(f) },
    );
    assert.equal(s.fatal, null);
    assert.deepEqual(
      s.splits.map((x) => x.split),
      ['', 'train', 'test'],
    );
    const testSplit = s.splits.find((x) => x.split === 'test');
    assert.ok(testSplit);
    // Issue 2: MMLU Llama test accuracies 0.425, 0.572, 0.634, 0.815, 0.852 "to three places",
    // so each must be within half a unit of the third decimal.
    const expected = [0.425, 0.572, 0.634, 0.815, 0.852];
    testSplit.models.forEach((m, i) =>
      assertClose(m.accuracy, expected[i], { abs: 0.0005 }, `${m.model} test accuracy`),
    );
    assert.equal(testSplit.queries, 1531);
    // llama3.2-1b and -3b are priced alike (same mean cost per query, `costrisk summary`), so the
    // less accurate 1b is dominated; every bigger model costs more and is more accurate.
    assert.deepEqual(testSplit.frontier, ['llama3.2-3b', 'llama3.1-8b', 'llama3.1-70b', 'llama3.1-405b']);
    assert.ok(progress.length >= 1 && progress.every((f) => f >= 0 && f <= 1));
  } finally {
    client.dispose();
  }
});

test('workerClient: an unreadable file is a summary with `fatal`, not a crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crl-'));
  const client = newClient();
  try {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const s = await client.run('summarizeLog', { file: empty });
    assert.match(s.fatal ?? '', /empty/);
    assert.equal(s.problems[0].file, empty);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(
      bad,
      '{"query_id": "q1", "model": "m", "correct": true}\n{"query_id": "q2", "model": "m"\nnot json\n',
    );
    const b = await client.run('summarizeLog', { file: bad, prices: { m: 'cheap' } });
    assert.equal(b.records, 1);
    assert.equal(b.skippedCount, 2);
    assert.deepEqual(
      b.problems.filter((p) => p.severity === 'error').map((p) => p.line),
      [2, 3],
    );
    assert.ok(
      b.problems.some((p) => p.file === 'settings' && /costRiskLab\.prices/.test(p.reason)),
      'a bad price setting is reported, not fatal',
    );
  } finally {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('workerClient: unknown job and cancellation', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crl-'));
  const client = newClient();
  try {
    await assert.rejects(
      client.run('nope' as 'summarizeLog', { file: 'x' }),
      (e) => e instanceof JobError && /unknown job "nope"/.test(e.message),
    );
    // VS Code hands settings out as proxies, which cannot be cloned: a clear rejection, nothing left pending.
    const proxy = new Proxy({}, {});
    await assert.rejects(
      client.run('summarizeLog', { file: 'x', prices: { f: () => proxy } }),
      (e) => e instanceof JobError && /cannot send the parameters/.test(e.message),
    );
    assert.equal(client.busy, 0);
    // A log big enough that reading it takes several progress steps.
    const big = join(dir, 'big.jsonl');
    const line = (i: number): string =>
      JSON.stringify({ query_id: `q${i}`, model: 'm', correct: i % 2 === 0, cost_usd: 1e-5 });
    writeFileSync(big, Array.from({ length: 300_000 }, (_, i) => line(i)).join('\n'));
    const controller = new AbortController();
    const started = client.run(
      'summarizeLog',
      { file: big },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    await assert.rejects(started, (e) => isAbortError(e));
    assert.equal(client.busy, 0);
    // The worker is still usable after a cancel.
    const again = await client.run('summarizeLog', { file: realLog('mmlu-llama') });
    assert.equal(again.fatal, null);
  } finally {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('workerClient: a crashed worker fails its jobs with the reason, and the next job starts a new worker', async () => {
  let starts = 0;
  const client = new WorkerClient(() => {
    starts++;
    // The first worker dies as soon as it gets a message; later ones are the real engine worker.
    return starts === 1
      ? new Worker("require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });", {
          eval: true,
        })
      : startEngineWorker();
  });
  try {
    await assert.rejects(
      client.run('summarizeLog', { file: realLog('mmlu-llama') }),
      /the engine worker crashed: boom/,
    );
    assert.equal(client.busy, 0);
    const s = await client.run('summarizeLog', { file: realLog('mmlu-llama') });
    assert.equal(s.records, 9080, 'mmlu-llama.jsonl has 9,080 records (issue 2 reader tests)');
    assert.equal(starts, 2);
  } finally {
    client.dispose();
  }
});
