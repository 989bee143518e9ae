/**
 * A Cascade Runner run on VS Code's language models (fake `vscode.lm`): the run stays in the real
 * worker thread and asks the host for each chat request (workerClient's host calls, the host's
 * languageModelChat.ts). Checks the results, the prompts the models got, cancellation reaching the
 * models, errors, and that the extension host's event loop is never blocked for 100 ms or more.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHook } from 'node:async_hooks';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fake, FakeChatModel, LanguageModelError, useFakeVscode } from './fakes/fakeVscode';
import { WorkerClient, isAbortError } from '../../src/host/engine/workerClient';
import type { CascadeRunParams, CascadeRunUpdate } from '../../src/worker/jobs/interCascadeRun';
import { arithmeticQueries, arithmeticReply, STRONG, WEAK, arithmeticRunForm } from '../helpers/arithmeticModels';
import { startEngineWorker } from '../helpers/sourceEntry';

useFakeVscode();
/* eslint-disable @typescript-eslint/no-require-imports */
const { languageModelHostCalls, listChatModels, MAX_REPLY_CHARS } =
  require('../../src/host/llm/languageModelChat') as typeof import('../../src/host/llm/languageModelChat');
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The longest single task (callback) the host thread ran while enabled: async_hooks' before/after
 * around every callback, so it measures what blocks the event loop, not the waits between tasks.
 */
function longestTask() {
  const begun = new Map<number, number>();
  let max = 0;
  let n = 0;
  const hook = createHook({
    before: (id) => void begun.set(id, performance.now()),
    after: (id) => {
      const t = begun.get(id);
      if (t === undefined) return;
      begun.delete(id);
      n++;
      max = Math.max(max, performance.now() - t);
    },
  });
  return { enable: () => void hook.enable(), disable: () => void hook.disable(), maxMs: () => max, count: () => n };
}
let dir = '';
let client: WorkerClient;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'lm-run-'));
  client = new WorkerClient(startEngineWorker);
});
after(() => {
  client.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The arithmetic models (arithmeticModels.ts) as VS Code chat models, replies streamed in 3 parts. */
const arithmetic = (id: string, stream?: FakeChatModel['stream']) =>
  new FakeChatModel(
    id,
    (messages) => {
      const r = arithmeticReply({ model: id, messages, authorization: undefined, logprobs: false });
      return 'content' in r ? r.content : new Error('no reply');
    },
    stream,
  );

const params = (
  over: Partial<CascadeRunParams['form']> = {},
  extra: Partial<CascadeRunParams> = {},
): CascadeRunParams => {
  const queriesFile = join(dir, 'q.jsonl');
  writeFileSync(queriesFile, arithmeticQueries(24));
  return {
    form: arithmeticRunForm(queriesFile, { provider: 'vscode', ...over }),
    endpoint: 'vscode.lm',
    apiKey: null,
    timeoutS: 10,
    prices: {},
    priceFile: null,
    retry: { maxAttempts: 1 },
    ...extra,
  };
};

test("the worker asks the host for each request; results as with an endpoint; tokens by the model's tokenizer; the host never blocked for 100 ms", async () => {
  const small = arithmetic(WEAK);
  const big = arithmetic(STRONG);
  fake.chatModels = [small, big, arithmetic('other')];
  assert.deepEqual(
    (await listChatModels()).map((m) => [m.id, m.name, m.vendor]),
    [
      [WEAK, 'Fake small', 'fake'],
      [STRONG, 'Fake big', 'fake'],
      ['other', 'Fake other', 'fake'],
    ],
  );
  // warm up: the worker thread starts and loads its modules (here through tsx; in VS Code a prebuilt bundle) before the measurement
  await client.run('interCascadeEstimate', params());
  const lag = monitorEventLoopDelay({ resolution: 5 });
  const tasks = longestTask();
  const updates: CascadeRunUpdate[] = [];
  let hostCalls = 0;
  const handler = languageModelHostCalls();
  const started = performance.now();
  lag.enable();
  tasks.enable();
  const r = await client.run('interCascadeRun', params({ compare: ['plain', 'random'] }), {
    onUpdate: (u) => updates.push(u as CascadeRunUpdate),
    onHostCall: (method, p, signal) => (hostCalls++, handler(method, p, signal)),
  });
  tasks.disable();
  lag.disable();
  const elapsed = performance.now() - started;
  console.log(
    `vscode.lm run in the worker: ${hostCalls} host calls in ${elapsed.toFixed(0)} ms; on the host thread the longest task took ${tasks.maxMs().toFixed(1)} ms (of ${tasks.count()}); event-loop delay max ${(lag.max / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms (with a 2-core machine's scheduling noise)`,
  );
  assert.ok(tasks.maxMs() < 100, `a task blocked the host's event loop for ${tasks.maxMs()} ms`);
  assert.ok(lag.percentile(99) / 1e6 < 100, `event-loop delay p99 ${lag.percentile(99) / 1e6} ms`);
  // the same routing as through an endpoint: q-1 (times) and q-2 (minus) reach the strong model
  assert.deepEqual(
    r.trace.filter((t) => t.answeredBy === 'strong').map((t) => t.queryId),
    ['q-1', 'q-2'],
  );
  assert.equal(r.summary.provider, 'vscode');
  assert.equal(r.summary.endpoint, 'vscode.lm');
  assert.equal(r.summary.overallAccuracy, 1);
  assert.deepEqual(
    r.summary.comparison?.map((a) => a.arm),
    ['retrieval', 'plain', 'random'],
  );
  assert.equal(hostCalls, small.requests.length + big.requests.length, 'every chat request went through the host');
  assert.equal(r.summary.spent.chatCalls, hostCalls);
  assert.ok(
    big.requests.every((q) => !/Notes from similar solved questions/.test(q.messages.at(-1)?.content ?? '')),
    'the strong model never sees a note',
  );
  assert.ok(
    small.requests.every((q) => /^Cost-Risk Lab runs your Inter-Cascade/.test(q.justification ?? '')),
    'each request says why',
  );
  assert.equal(
    small.requests[0].messages[0].role,
    'user',
    'the instructions go as a user turn (the LM API has no system role)',
  );
  // tokens counted by the model (characters / 4 in the fake); no price for these models: no cost, and the summary says so
  const tokens = r.summary.comparison?.[0].tokens ?? 0;
  assert.ok(tokens > 24 * 100, `tokens counted (${tokens})`);
  assert.equal(r.summary.totalCostUsd, null);
  assert.ok(
    r.summary.warnings.some((w) => /VS Code's language models are not priced per token here/.test(w)),
    r.summary.warnings.join('\n'),
  );
  assert.ok(updates.length > 1);
});

test('a price in the table prices them; cancelling the run cancels the request the model is streaming', async () => {
  fake.chatModels = [arithmetic(WEAK), arithmetic(STRONG)];
  const priced = await client.run(
    'interCascadeRun',
    params({}, { prices: { small: { input: 0.1, output: 0.4 }, big: { input: 5, output: 15 } } }),
    { onHostCall: languageModelHostCalls() },
  );
  assert.ok((priced.summary.totalCostUsd ?? 0) > 0);
  const slow = arithmetic(WEAK, { chunks: 50, pauseMs: 20 });
  fake.chatModels = [slow, arithmetic(STRONG)];
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 300);
  await assert.rejects(
    client.run('interCascadeRun', params(), { signal: ac.signal, onHostCall: languageModelHostCalls() }),
    (e) => isAbortError(e),
  );
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(slow.requests.length >= 1);
  assert.equal(slow.requests.at(-1)?.cancelled, true, 'the request in flight was cancelled');
});

test('errors: a model that refuses is a failed call with its code (the breaker stops the run), a missing model, an endless reply, no host method', async () => {
  const refuse = (id: string) =>
    new FakeChatModel(id, () => new LanguageModelError('The user did not consent', 'NoPermissions'));
  fake.chatModels = [refuse(WEAK), refuse(STRONG)];
  const refused = await client.run('interCascadeRun', params(), { onHostCall: languageModelHostCalls() });
  assert.equal(refused.summary.stopped?.reason, 'failures');
  assert.match(
    refused.summary.stopped?.message ?? '',
    /^the endpoint failed 5 calls in a row; last: small: The user did not consent \(NoPermissions\);.*Check that VS Code still offers the chosen models and that Cost-Risk Lab may use them\.$/,
  );
  fake.chatModels = [arithmetic(STRONG)];
  const missing = await client.run('interCascadeRun', params(), { onHostCall: languageModelHostCalls() });
  assert.match(
    missing.summary.failed.examples[0],
    /^small: VS Code offers no chat model "small" \(any more\): choose the models again/,
  );
  fake.chatModels = [
    new FakeChatModel(WEAK, () => 'x'.repeat(MAX_REPLY_CHARS + 10), { chunks: 20 }),
    arithmetic(STRONG),
  ];
  const endless = await client.run('interCascadeRun', params(), { onHostCall: languageModelHostCalls() });
  assert.match(endless.summary.failed.examples[0], /^small: the reply is longer than 100000 characters/);
  assert.ok(endless.summary.failed.malformed >= 1, 'counted as a malformed reply');
  const none = await client.run('interCascadeRun', params(), {});
  assert.match(
    none.summary.stopped?.message ?? '',
    /^the endpoint failed 5 calls in a row; last: small: the host offers this job no method "lm\.chat"/,
  );
});
