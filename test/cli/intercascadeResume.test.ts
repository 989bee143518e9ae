/**
 * Kill and resume with the real CLI: `node dist/cli.js intercascade` is killed (SIGKILL) while it
 * runs, then run again with the same output; the mock endpoint's log of answered calls shows that
 * no (query, model) call was answered twice and that all the runs together made exactly the calls of
 * one uninterrupted run, and the eval logs agree.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockChatServer, lastQuestion, type MockChatRequest } from '../helpers/mockChatServer';
import { arithmeticQueries, arithmeticReply } from '../helpers/arithmeticModels';
import { builtCli } from '../helpers/builtCli';

let dir = '';
let mock: Awaited<ReturnType<typeof startMockChatServer>>;
/** When set: the child to kill as the request after `at` answered calls arrives (that request is never answered). */
let killer: { child: ChildProcess; at: number } | null = null;
let CLI = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-resume-'));
  CLI = builtCli();
  mock = await startMockChatServer((req) => {
    if (killer && mock.served.length >= killer.at) {
      killer.child.kill('SIGKILL');
      killer = null;
      return { hang: true };
    }
    return arithmeticReply(req);
  });
});
after(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

const callId = (r: MockChatRequest): string =>
  `${r.model} | ${lastQuestion(r).question} | notes: ${lastQuestion(r).notes.join(' / ')}`;

/** Runs the built CLI; with `killAfter`, the mock kills it when that many calls have been answered. */
function cli(
  args: string[],
  killAfter?: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (killAfter !== undefined) killer = { child, at: mock.served.length + killAfter };
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
}

/** The eval log's records without their wall-clock latency. */
const logRecords = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => ({ ...(JSON.parse(l) as Record<string, unknown>), latency_s: 0 }));

test('killed twice (during calibration, then online) and run again: every call answered once, the same calls and log as an uninterrupted run', async () => {
  const q = join(dir, 'q.jsonl');
  writeFileSync(q, arithmeticQueries(18));
  const prices = join(dir, 'prices.json');
  writeFileSync(prices, JSON.stringify({ small: { input: 0.1, output: 0.4 }, big: { input: 5, output: 15 } }));
  const args = (out: string) => [
    'intercascade',
    '--queries',
    q,
    '--weak',
    'small',
    '--strong',
    'big',
    '--endpoint',
    mock.url,
    '--alpha',
    '0.3',
    '--delta',
    '0.2',
    '--calibration',
    '6',
    '--prices',
    prices,
    '--out',
    out,
    '--json',
  ];

  let from = mock.served.length;
  const reference = await cli(args(join(dir, 'reference.jsonl')));
  assert.equal(reference.code, 0, reference.err);
  const uninterrupted = mock.served.slice(from).map(callId);
  assert.equal(
    uninterrupted.length,
    (JSON.parse(reference.out) as { spent: { chat_calls: number } }).spent.chat_calls,
    'every call answered once',
  );
  assert.ok(uninterrupted.length > 12 + 12, 'calibration (12 calls) and the online run');

  from = mock.served.length;
  const out = join(dir, 'run.jsonl');
  const first = await cli(args(out), 5);
  assert.equal(first.signal, 'SIGKILL', 'killed during calibration');
  assert.ok(existsSync(join(dir, 'run.journal.jsonl')));
  const second = await cli(args(out), 12 - 5 + 6);
  assert.equal(second.signal, 'SIGKILL', 'killed again, in the online run');
  const third = await cli(args(out));
  assert.equal(third.code, 0, third.err);
  const calls = mock.served.slice(from).map(callId);
  assert.equal(new Set(calls).size, calls.length, 'no (query, model) call answered twice');
  assert.deepEqual(calls, uninterrupted, 'together, exactly the calls of the uninterrupted run');
  const o = JSON.parse(third.out) as {
    n: number;
    resumed: { online_queries: number; calibration_calls: number };
    spent: { usd: number; chat_calls: number };
    stopped: unknown;
  };
  const ref = JSON.parse(reference.out) as typeof o & Record<string, unknown>;
  assert.equal(o.n, 12);
  assert.equal(o.stopped, null);
  assert.equal(o.resumed.calibration_calls, 12);
  assert.ok(o.resumed.online_queries >= 1, 'the online run had begun before the second kill');
  assert.equal(o.spent.chat_calls, ref.spent.chat_calls, 'what was paid is counted once, across the three runs');
  assert.equal(Math.abs(o.spent.usd - ref.spent.usd) < 1e-12, true);
  assert.deepEqual(logRecords(out), logRecords(join(dir, 'reference.jsonl')));

  // Run once more: the journal holds the whole run, so nothing is asked again.
  const before = mock.requests.length;
  const again = await cli(args(out));
  assert.equal(again.code, 0, again.err);
  assert.equal(mock.requests.length, before, 'a finished journal makes no call');
});
