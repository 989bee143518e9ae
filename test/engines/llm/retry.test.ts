/** Retries of OpenAI-compatible requests against a fault-injecting mock: what is retried, how long it waits, when it gives up. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chatCompleteReply } from '../../../src/engines/llm/chatCompletion';
import { LlmError } from '../../../src/engines/llm/llmError';
import {
  abortableSleep,
  backoffDelay,
  DEFAULT_RETRY,
  isRetryable,
  parseRetryAfter,
  withRetries,
  type RetryPolicy,
} from '../../../src/engines/llm/retry';
import { startMockChatServer, type MockChatResponse } from '../../helpers/mockChatServer';

/** A scripted fault per model name: each request to that model takes the next response of its script (the last one repeats). */
const scripts = new Map<string, MockChatResponse[]>();
let mock: Awaited<ReturnType<typeof startMockChatServer>>;
const OK: MockChatResponse = { content: 'fine', usage: { prompt_tokens: 5, completion_tokens: 1 } };
before(async () => {
  mock = await startMockChatServer((req) => {
    const s = scripts.get(req.model) ?? [OK];
    return s.length > 1 ? (s.shift() as MockChatResponse) : s[0];
  });
});
after(() => mock.close());

/** A fake clock: sleeping records the wait and returns at once. */
function fakeTime(now = Date.parse('2026-01-01T00:00:00Z')) {
  const waits: number[] = [];
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    now: () => now,
  };
  return { waits, policy };
}
const ask = (model: string, policy?: RetryPolicy, extra: Partial<Parameters<typeof chatCompleteReply>[0]> = {}) =>
  chatCompleteReply({
    endpoint: mock.url,
    model,
    messages: [{ role: 'user', content: 'hello there' }],
    retry: policy,
    timeoutMs: 30_000,
    ...extra,
    fetchImpl: extra.fetchImpl ?? fetch,
  });
const sent = (model: string) => mock.requests.filter((r) => r.model === model).length;

test('HTTP 500 then success: retried once after a jittered backoff; the caller sees only the answer', async () => {
  scripts.set('m500', [{ status: 500, body: '{"error": {"message": "overloaded"}}' }, OK]);
  const { waits, policy } = fakeTime();
  const r = await ask('m500', policy);
  assert.equal(r.content, 'fine');
  assert.equal(sent('m500'), 2);
  assert.deepEqual(waits, [250], 'full jitter: random 0.5 × the first ceiling of 500 ms');
});

test('429 with Retry-After in seconds or as an HTTP date: the wait is exactly what the server asked', async () => {
  scripts.set('m429s', [{ status: 429, body: 'slow down', headers: { 'retry-after': '7' } }, OK]);
  let t = fakeTime();
  await ask('m429s', t.policy);
  assert.deepEqual(t.waits, [7000]);
  const now = Date.parse('2026-01-01T00:00:00Z');
  scripts.set('m429d', [
    { status: 429, body: 'slow down', headers: { 'retry-after': new Date(now + 12_000).toUTCString() } },
    OK,
  ]);
  t = fakeTime(now);
  await ask('m429d', t.policy);
  assert.deepEqual(t.waits, [12_000], 'an HTTP date, measured on the injected clock');
  scripts.set('m429far', [{ status: 429, body: 'come back tomorrow', headers: { 'retry-after': '86400' } }, OK]);
  t = fakeTime();
  await assert.rejects(
    ask('m429far', t.policy),
    /HTTP 429: come back tomorrow \(the server asked to wait 86400 s before retrying, more than the 60 s allowed\)/,
  );
  assert.deepEqual(t.waits, [], 'a wait beyond the cap is not made: the call fails');
  assert.equal(sent('m429far'), 1);
});

test('every attempt fails: at most maxAttempts requests, growing backoff, then the last error with the count', async () => {
  scripts.set('down', [{ status: 503, body: 'maintenance' }]);
  const { waits, policy } = fakeTime();
  await assert.rejects(
    ask('down', { ...policy, random: () => 1 }),
    (e: LlmError) =>
      e.kind === 'http' &&
      e.status === 503 &&
      e.attempts === 5 &&
      /HTTP 503: maintenance \(gave up after 5 attempts\)/.test(e.message),
  );
  assert.equal(sent('down'), 5);
  assert.deepEqual(waits, [500, 1000, 2000, 4000]);
});

test('never retried: 400, 401, 404, 422, a malformed or truncated JSON body; retried: 408, 409, timeouts, broken connections', async () => {
  for (const [model, response] of [
    ['m400', { status: 400, body: 'bad request' }],
    ['m401', { status: 401, body: 'no' }],
    ['m404', { status: 404, body: 'no such model' }],
    ['m422', { status: 422, body: 'bad' }],
    ['mjson', { raw: '{"choices": [' }],
    ['mtext', { raw: 'Internal oops' }],
  ] as const) {
    scripts.set(model, [response]);
    const { waits, policy } = fakeTime();
    await assert.rejects(ask(model, policy), LlmError);
    assert.equal(sent(model), 1, `${model}: one request`);
    assert.deepEqual(waits, []);
  }
  await assert.rejects(
    ask('mjson', fakeTime().policy),
    (e: LlmError) => e.kind === 'reply' && /did not return JSON: \{"choices": \[/.test(e.message),
  );
  for (const [model, fault] of [
    ['m408', { status: 408, body: 'timeout' }],
    ['m409', { status: 409, body: 'conflict' }],
    ['mhang', { hang: true }],
    ['mdrop', { drop: '{"choices": [{"mess' }],
  ] as const) {
    scripts.set(model, [fault, OK]);
    const { policy } = fakeTime();
    // Only the hanging request needs a short timeout; the answer after it has a second, and the
    // other faults the default (a 200 ms timeout for all of them made a third request on
    // 2026-12-05, on a machine busy with the other test process and Chromium).
    const r = await ask(model, policy, model === 'mhang' ? { timeoutMs: 1000 } : {});
    assert.equal(r.content, 'fine', model);
    assert.equal(sent(model), 2, `${model}: retried once`);
  }
});

test('cancelling during a backoff wait ends the call at once', async () => {
  scripts.set('mslow', [{ status: 503, body: 'busy', headers: { 'retry-after': '30' } }, OK]);
  const ac = new AbortController();
  const started = Date.now();
  const p = ask('mslow', DEFAULT_RETRY, { signal: ac.signal });
  setTimeout(() => ac.abort(), 100);
  await assert.rejects(p, (e: LlmError) => e.kind === 'aborted');
  assert.ok(Date.now() - started < 2000, 'did not wait the 30 s');
  assert.equal(sent('mslow'), 1);
  await assert.rejects(abortableSleep(10_000, AbortSignal.abort()), (e: LlmError) => e.kind === 'aborted');
});

test('the API key never appears in an error, whatever its shape, even when the server echoes it', async () => {
  scripts.set('echo', [
    {
      status: 400,
      body: '{"error": {"message": "bad header Authorization: Bearer local-key-123 and sk-abcdefghijklmnop"}}',
    },
  ]);
  await assert.rejects(
    ask('echo', undefined, { apiKey: 'local-key-123' }),
    (e: LlmError) =>
      !e.message.includes('local-key-123') &&
      !e.message.includes('sk-abcdefghijklmnop') &&
      /Bearer \*\*\*/.test(e.message),
  );
  await assert.rejects(
    chatCompleteReply({ endpoint: 'http://user:secret@127.0.0.1:1/v1', fetchImpl: fetch, model: 'm', messages: [] }),
    (e: LlmError) =>
      e.kind === 'network' && !e.message.includes('secret') && e.message.includes('http://***@127.0.0.1:1'),
  );
});

test('Retry-After parsing and full jitter (properties)', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), (s) => parseRetryAfter(String(s), 0) === s * 1000));
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1e6 }),
      fc.integer({ min: 0, max: 1e6 }),
      (nowS, inS) => parseRetryAfter(new Date((nowS + inS) * 1000).toUTCString(), nowS * 1000) === inS * 1000,
    ),
  );
  for (const junk of ['', '  ', '-5', 'soon', '1e3', null, undefined])
    assert.equal(parseRetryAfter(junk, 0), null, String(junk));
  assert.equal(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT', 5000), 0, 'a date in the past: no wait');
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 30 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 1, max: 120_000 }),
      (attempt, r, base, cap) => {
        const d = backoffDelay(attempt, { maxAttempts: 5, baseDelayMs: base, maxDelayMs: cap }, () => r);
        return Number.isInteger(d) && d >= 0 && d <= Math.min(cap, base * 2 ** (attempt - 1));
      },
    ),
  );
  assert.equal(isRetryable(new LlmError('x', 'reply')), false);
  assert.equal(isRetryable(new LlmError('x', 'usage')), false);
  assert.equal(isRetryable(new LlmError('x', 'http', 499)), false);
  assert.equal(isRetryable(new LlmError('x', 'http', 599)), true);
});

test('withRetries: a non-LlmError (a bug) is thrown at once', async () => {
  let n = 0;
  await assert.rejects(
    withRetries(async () => {
      n++;
      throw new TypeError('boom');
    }, fakeTime().policy),
    TypeError,
  );
  assert.equal(n, 1);
});
