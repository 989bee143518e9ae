/**
 * The Inter-Cascade session against a fault-injecting mock endpoint: the circuit breaker, retries
 * that make faults invisible, the budget stop, implausible usage, and the journal: a run cut at any
 * point resumes without any call made twice and ends exactly as an uninterrupted run.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  runCascadeSession,
  type CascadeSessionOptions,
  type CascadeSessionResult,
} from '../../../src/engines/intercascade/cascadeSession';
import { JournalMismatchError, type JournalStore } from '../../../src/engines/intercascade/cascadeJournal';
import { parseQueriesJsonl } from '../../../src/engines/intercascade/queriesJsonl';
import { DEFAULT_RETRY } from '../../../src/engines/llm/retry';
import {
  lastQuestion,
  startMockChatServer,
  type MockChatRequest,
  type MockChatResponse,
} from '../../helpers/mockChatServer';
import { arithmeticQueries, arithmeticReply, operationEmbedding, STRONG, WEAK } from '../../helpers/arithmeticModels';
import { assertClose } from '../../helpers/assertClose';

/** How the mock misbehaves for the current test (null: a healthy endpoint). */
let fault: ((req: MockChatRequest, n: number) => MockChatResponse | null) | null = null;
let mock: Awaited<ReturnType<typeof startMockChatServer>>;
after(() => mock.close());

const queries = parseQueriesJsonl(arithmeticQueries(24)).items.map((i) => i.value);
const PRICES = new Map([
  [WEAK, { inputPerMillion: 0.1, outputPerMillion: 0.4 }],
  [STRONG, { inputPerMillion: 5, outputPerMillion: 15 }],
]);
const waits: number[] = [];

/** A journal kept in memory; `text` can be read and cut by the test. */
function memoryJournal(): JournalStore & { text: string | null } {
  return {
    name: 'mem.journal.jsonl',
    text: null,
    async read() {
      return this.text;
    },
    async truncate(bytes) {
      this.text = Buffer.from(this.text ?? '')
        .subarray(0, bytes)
        .toString();
    },
    async append(t) {
      this.text = (this.text ?? '') + t;
    },
  };
}

const options = (over: Partial<CascadeSessionOptions> = {}): CascadeSessionOptions => ({
  queries,
  weak: WEAK,
  fetchImpl: fetch,
  strong: STRONG,
  endpoint: mock.url,
  k: 2,
  confidence: 'stated',
  embeddingModel: null,
  thresholds: { mode: 'manual', weak: 0.5, strong: 0 },
  repository: [],
  priceOf: (m) => PRICES.get(m) ?? null,
  timeoutMs: 30_000,
  retry: { ...DEFAULT_RETRY, sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
  journal: null,
  ...over,
});
/** What a run decided, without the wall-clock latencies. */
const outcome = (r: CascadeSessionResult) =>
  r.run.trace.map((t) => ({ ...t, calls: t.calls.map((c) => ({ ...c, latencyS: null })) }));
const noLatency = (journal: string | null) => journal?.replace(/"latencyS":[-+.\de]+/g, '"latencyS":0');
const served = (from: number) => mock.served.slice(from).map((r) => `${r.model}|${JSON.stringify(r.messages.at(-1))}`);

let clean: { result: CascadeSessionResult; calls: string[] };
before(async () => {
  let n = 0;
  mock = await startMockChatServer(
    (req) => fault?.(req, ++n) ?? arithmeticReply(req),
    (req) => req.input.map(operationEmbedding),
  );
  const from = mock.served.length;
  const result = await runCascadeSession(options());
  clean = { result, calls: served(from) };
});

test('an uninterrupted run: the reference the other tests compare with', () => {
  assert.equal(clean.result.run.n, 24);
  assert.deepEqual(
    clean.result.run.trace.filter((t) => t.answeredBy === 1).map((t) => t.queryId),
    ['q-1', 'q-2'],
  );
  assert.equal(clean.calls.length, 26);
  assert.equal(new Set(clean.calls).size, 26, 'no call made twice');
  assertClose(clean.result.spend.usd ?? NaN, 24 * 2.4e-5 + 2 * 3.1e-3, { rel: 1e-12 }, 'spent');
  assert.equal(clean.result.stopped, null);
});

test('every call fails: the circuit breaker stops after 5 failed calls (counted at the endpoint), none of them a result', async () => {
  fault = () => ({ status: 500, body: '{"error": {"message": "internal error"}}' });
  const from = mock.requests.length;
  try {
    const r = await runCascadeSession(options({ retry: { ...options().retry, maxAttempts: 2 } }));
    assert.equal(mock.requests.length - from, 10, '5 calls × 2 attempts, not 48 calls');
    assert.equal(r.stopped?.reason, 'failures');
    assert.match(
      r.stopped?.message ?? '',
      /^the endpoint failed 5 calls in a row; last: small: .*HTTP 500: internal error \(gave up after 2 attempts\); the last 2 queries \(whose calls failed\) are left out of the results$/,
    );
    assert.equal(r.run.n, 0);
    // a run too short to trip the breaker, every call failing: stopped all the same, and nothing kept as a finished query
    const journal = memoryJournal();
    const short = await runCascadeSession(
      options({ queries: queries.slice(0, 2), journal, retry: { ...options().retry, maxAttempts: 1 } }),
    );
    assert.match(
      short.stopped?.message ?? '',
      /^every model call failed \(4\); first: small: .*HTTP 500: internal error; the last 2 queries \(whose calls failed\) will be asked again when the run is resumed$/,
    );
    assert.ok(!journal.text?.includes('"type":"query"'), 'no query record: a resumed run asks them again');
  } finally {
    fault = null;
  }
});

test('HTTP 500 on every second request, with retries: the run ends exactly as a clean one, and says nothing failed', async () => {
  fault = (_req, n) => (n % 2 === 0 ? { status: 500, body: 'flaky' } : null);
  waits.length = 0;
  try {
    const r = await runCascadeSession(options());
    assert.deepEqual(outcome(r), outcome(clean.result));
    assert.deepEqual([r.failed.transport, r.failed.malformed, r.failed.usage], [0, 0, 0]);
    assert.ok(waits.length >= 20 && waits.every((w) => w === 250), `one jittered wait per fault (${waits.length})`);
  } finally {
    fault = null;
  }
});

test('absurd usage: that call fails and is not priced, the run says so and charges its estimate to what was spent', async () => {
  fault = (req) =>
    req.model === WEAK && lastQuestion(req).question === 'What is 10 plus 2?'
      ? {
          content: '{"answer": "12", "confidence": 0.9}',
          usage: { prompt_tokens: 440_000_000_000, completion_tokens: 10 },
        }
      : null;
  try {
    const r = await runCascadeSession(options());
    assert.deepEqual([r.failed.usage, r.failed.transport], [1, 0]);
    assert.match(r.failed.examples[0], /^small: usage\.prompt_tokens = 440000000000 is implausible/);
    assert.ok((r.run.totalCostUsd ?? 0) < 0.01, `never priced (${r.run.totalCostUsd})`);
    assert.equal(r.spend.estimatedCalls, 1);
    assert.ok(
      r.warnings.some((w) =>
        /^1 model call failed and counted as unsure answers \(1 implausible token count\)/.test(w),
      ),
      r.warnings.join('\n'),
    );
  } finally {
    fault = null;
  }
});

test('budget: the run stops before the call that would pass it, keeps what it finished, and resumes with a larger budget without paying twice', async () => {
  const journal = memoryJournal();
  const from = mock.served.length;
  const stopped = await runCascadeSession(options({ journal, budgetUsd: 0.006 }));
  assert.equal(stopped.stopped?.reason, 'budget');
  // spent after q-1's strong call and q-2's weak one: 3 × 2.4e-5 + 3.1e-3; q-2's strong call (no notes: strategies are for the weak model) is estimated at about $0.0050
  assert.equal(
    stopped.stopped?.message,
    'the budget of $0.00600 would be passed: $0.00317 spent, and the next call (big on query "q-2") would cost about $0.00505 more',
  );
  assert.ok((stopped.spend.usd ?? Infinity) <= 0.006, 'never over the budget');
  assert.equal(stopped.run.n, 2, 'q-0 and q-1 finished');
  const resumed = await runCascadeSession(options({ journal, budgetUsd: 0.01 }));
  assert.equal(resumed.stopped, null);
  assert.deepEqual(resumed.resumed, {
    journal: 'mem.journal.jsonl',
    calibrationCalls: 0,
    onlineQueries: 2,
    droppedTail: false,
  });
  assert.deepEqual(outcome(resumed), outcome(clean.result));
  assert.deepEqual(
    served(from),
    clean.calls,
    'the calls at the endpoint, over both runs, are those of one uninterrupted run',
  );
  assertClose(resumed.spend.usd ?? NaN, clean.result.spend.usd ?? NaN, { rel: 1e-12 }, 'spent across both runs');
  const from2 = mock.requests.length;
  const tiny = await runCascadeSession(options({ budgetTokens: 10 }));
  assert.equal(
    tiny.stopped?.message,
    'the budget of 10 tokens would be passed: 0 spent, and the next call (small on query "q-0") would take about 386 more',
  );
  assert.equal(mock.requests.length, from2, 'no call made');
});

test('a journal cut at any byte resumes to the same end, and no call is made twice (property)', async () => {
  const full = memoryJournal();
  await runCascadeSession(
    options({ journal: full, thresholds: { mode: 'guarantee', alpha: 0.3, delta: 0.2, calibration: 6 } }),
  );
  const reference = await runCascadeSession(
    options({ journal: full, thresholds: { mode: 'guarantee', alpha: 0.3, delta: 0.2, calibration: 6 } }),
  );
  const text = full.text ?? '';
  const callRecords = text.split('\n').filter((l) => l.startsWith('{"type":"call"')).length;
  // any byte, and especially around line ends (a record complete but for its newline, or for its last brace)
  const lineEnds = [...text.matchAll(/\n/g)].flatMap((m) => [m.index - 1, m.index, m.index + 1]);
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.integer({ min: 0, max: Buffer.byteLength(text) }), fc.constantFrom(...lineEnds)),
      async (cut) => {
        const journal = memoryJournal();
        journal.text = Buffer.from(text).subarray(0, cut).toString();
        const kept = journal.text.split('\n').filter((l) => {
          try {
            return (JSON.parse(l) as { type: string }).type === 'call';
          } catch {
            return false;
          }
        }).length;
        const from = mock.served.length;
        const r = await runCascadeSession(
          options({ journal, thresholds: { mode: 'guarantee', alpha: 0.3, delta: 0.2, calibration: 6 } }),
        );
        assert.deepEqual(outcome(r), outcome(reference));
        assert.deepEqual([r.weakThreshold, r.strongThreshold], [reference.weakThreshold, reference.strongThreshold]);
        assert.equal(
          mock.served.length - from,
          callRecords - kept,
          `cut at ${cut}: only the calls the journal lacked were made`,
        );
        assert.equal(
          noLatency(journal.text),
          noLatency(text),
          "the journal ends as an uninterrupted run's (but for latencies): nothing duplicated",
        );
      },
    ),
    { numRuns: 60 },
  );
});

test('embeddings are journaled too: a resumed run embeds nothing twice', async () => {
  const journal = memoryJournal();
  const from = mock.embeddingRequests.length;
  const ac = new AbortController();
  let seen = 0;
  await assert.rejects(
    runCascadeSession(
      options({
        journal,
        embeddingModel: 'emb',
        signal: ac.signal,
        onProgress: () => ++seen === 10 && ac.abort(new Error('killed')),
      }),
    ),
    /killed/,
  );
  const r = await runCascadeSession(options({ journal, embeddingModel: 'emb' }));
  assert.equal(r.run.n, 24);
  const texts = mock.embeddingRequests.slice(from).flatMap((e) => e.input);
  assert.equal(new Set(texts).size, texts.length, 'each text embedded once over both runs');
  assert.ok(r.spend.embeddingRequests >= 20);
});

test('the journal never holds credentials from the endpoint URL', async () => {
  const journal = memoryJournal();
  const url = mock.url.replace('http://', 'http://user:hunter2-secret@');
  await runCascadeSession(options({ journal, endpoint: url, queries: queries.slice(0, 2) }));
  assert.ok(journal.text?.includes('"endpoint":"http://***@127.0.0.1:'), journal.text?.slice(0, 400));
  assert.ok(!journal.text?.includes('hunter2'));
});

test("a journal that is not this run's is refused with the reason, never mixed", async () => {
  const journal = memoryJournal();
  await runCascadeSession(options({ journal, queries: queries.slice(0, 4) }));
  const good = journal.text ?? '';
  await assert.rejects(
    runCascadeSession(options({ journal, queries: queries.slice(0, 4), k: 3 })),
    (e: Error) =>
      e instanceof JournalMismatchError && /belongs to a run with another configuration \(k: 2 → 3\)/.test(e.message),
  );
  await assert.rejects(
    runCascadeSession(options({ journal, queries: queries.slice(0, 5) })),
    /another configuration \(queries_sha256: /,
  );
  await assert.rejects(
    runCascadeSession(
      options({
        journal,
        queries: queries.slice(0, 4),
        repository: [{ queryId: 'x', query: 'q', answer: 'a', strategy: 's', confidence: 1 }],
      }),
    ),
    /began from a strategy repository of 0 entries, and the repository file now holds 1/,
  );
  const lines = good.split('\n');
  journal.text = [...lines.slice(0, 2), '{"type": "call", "phase": "online"}', ...lines.slice(3)].join('\n');
  await assert.rejects(
    runCascadeSession(options({ journal, queries: queries.slice(0, 4) })),
    /mem\.journal\.jsonl:3: "arm" is not one of retrieval, plain, random; the journal is damaged/,
  );
  journal.text = `${good}{"type":"qu`;
  const r = await runCascadeSession(options({ journal, queries: queries.slice(0, 4) }));
  assert.ok(
    r.warnings.some((w) => /its last line was cut short .* and was dropped: "\{\\"type\\":\\"qu"/.test(w)),
    r.warnings.join('\n'),
  );
  assert.equal(journal.text, good, 'the cut line is removed from the file');
});
