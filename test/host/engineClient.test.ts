/**
 * EngineClient on the fake `vscode`: where a job's progress shows (status bar at once, a
 * cancellable notification only for a job still running after NOTIFY_AFTER_MS, a view, nowhere),
 * what it reports, and the three ways a job is cancelled (the notification's Cancel, an outside
 * token, the client disposed), each reaching the worker as a `cancel` message. The worker is a
 * stand-in script at the extension's dist/worker.js: job "quick" answers at once, job "slow"
 * reports half-way and then waits; every message it receives is appended to a file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource, fake, Uri } from './fakes/fakeVscode';
import { fakeHost } from './fakes/fakeHost';

const host = fakeHost();
/* eslint-disable @typescript-eslint/no-require-imports -- host modules load after the fake vscode is installed */
const { EngineClient, NOTIFY_AFTER_MS } =
  require('../../src/host/engine/engineClient') as typeof import('../../src/host/engine/engineClient');
/* eslint-enable @typescript-eslint/no-require-imports */

const ext = join(host.ws, '..', 'engine-ext');
const received = join(ext, 'received.jsonl');
mkdirSync(join(ext, 'dist'), { recursive: true });
writeFileSync(
  join(ext, 'dist', 'worker.js'),
  `const { parentPort } = require('node:worker_threads');
const { appendFileSync } = require('node:fs');
parentPort.on('message', (m) => {
  appendFileSync(${JSON.stringify(received)}, JSON.stringify(m) + '\\n');
  if (m.type !== 'run') return;
  if (m.job === 'quick') parentPort.postMessage({ type: 'result', id: m.id, result: { echo: m.params } });
  else parentPort.postMessage({ type: 'progress', id: m.id, fraction: 0.5, message: 'half-way\\u202e done' });
});
`,
);

/** What the worker received so far (each message once it was appended). */
const messages = (): { type: string; id?: number; job?: string }[] =>
  existsSync(received)
    ? readFileSync(received, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string })
    : [];
const waitFor = async (what: string, cond: () => boolean, ms = 10_000) => {
  for (let t = 0; t < ms; t += 20) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
};
const lines: string[] = [];
const engine = new EngineClient(Uri.file(ext) as never, (l) => void lines.push(l), join(ext, 'cache'));
// The job names of the stand-in worker are not the real worker's: run them untyped.
const run = (job: string, params: unknown, opts: Parameters<typeof engine.run>[2]) =>
  engine.run(job as 'summarizeLog', params as never, opts);
const abortError = (e: Error) => e.name === 'AbortError';

test('the worker is configured with the cache folder before the first job; a quick job shows in the status bar only', async () => {
  fake.progress.length = 0;
  assert.deepEqual(await run('quick', { n: 1 }, { title: 'Reading a.jsonl' }), { echo: { n: 1 } });
  const [first, second] = messages();
  assert.deepEqual(first, { type: 'configure', cache: { dir: join(ext, 'cache') } });
  assert.equal(second.type, 'run');
  await new Promise((r) => setTimeout(r, NOTIFY_AFTER_MS + 300));
  assert.deepEqual(
    fake.progress.map((p) => [p.location, p.title, p.cancellable]),
    [[host.vs.ProgressLocation.Window, 'Reading a.jsonl', false]],
    'no notification for a job shorter than NOTIFY_AFTER_MS',
  );
});

test('a long job adds a cancellable notification; its progress is reported (text made safe); Cancel stops the job in the worker', async () => {
  fake.progress.length = 0;
  const job = run('slow', {}, { title: 'Fitting\nthe copula' });
  const settled = job.then(
    () => 'resolved',
    (e: Error) => e,
  );
  await waitFor('the notification', () => fake.progress.length === 2, NOTIFY_AFTER_MS + 5000);
  const [bar, note] = fake.progress;
  assert.deepEqual([bar.location, bar.cancellable], [host.vs.ProgressLocation.Window, false]);
  assert.deepEqual([note.location, note.cancellable], [host.vs.ProgressLocation.Notification, true]);
  assert.equal(note.title, 'Fitting the copula', 'one line');
  await waitFor('the half-way report', () => bar.reports.some((r) => r.increment === 50));
  assert.deepEqual(
    note.reports.at(-1),
    { increment: 50, message: 'half-way done' },
    'a report made before the notification showed is replayed; no bidi override reaches the UI',
  );
  note.cancel.cancel();
  const err = await settled;
  assert.ok(err instanceof Error && abortError(err), String(err));
  const id = messages().find((m) => m.type === 'run' && m.job === 'slow')?.id;
  await waitFor('the cancel message', () => messages().some((m) => m.type === 'cancel' && m.id === id));
  await Promise.all(fake.progress.map((p) => p.done));
});

test('an outside token cancels; progress on a view or nowhere as asked', async () => {
  fake.progress.length = 0;
  const outside = new CancellationTokenSource();
  const job = run(
    'slow',
    {},
    { title: 'On the view', progress: { viewId: 'costRiskLab.evalLogs' }, token: outside.token as never },
  );
  await waitFor('the job to reach the worker', () => messages().filter((m) => m.job === 'slow').length === 2);
  outside.cancel();
  await assert.rejects(job, abortError);
  const hidden = run('quick', {}, { title: 'Hidden', progress: 'none' });
  await hidden;
  assert.deepEqual(
    fake.progress.map((p) => p.location),
    [{ viewId: 'costRiskLab.evalLogs' }],
  );
  const cancelled = messages().filter((m) => m.type === 'cancel');
  assert.equal(cancelled.length, 2);
});

test('a token cancelled before the job started still cancels it; disposing the client fails the jobs in flight', async () => {
  const outside = new CancellationTokenSource();
  outside.cancel();
  await assert.rejects(run('slow', {}, { title: 'x', progress: 'none', token: outside.token as never }), abortError);
  const before = messages().length;
  const job = run('slow', {}, { title: 'y', progress: 'none' });
  await waitFor('the job to reach the worker', () => messages().length > before);
  engine.dispose();
  await assert.rejects(job, /the engine worker was stopped/);
  assert.deepEqual(lines, [], 'nothing went wrong with the worker itself');
});
