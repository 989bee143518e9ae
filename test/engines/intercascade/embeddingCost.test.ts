/**
 * Embedding requests in the run's cost, and a failing embedding model: the session against the
 * mock endpoint, with `/embeddings` priced, unpriced, failing from the start, or failing midway.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCascadeSession, type CascadeSessionOptions } from '../../../src/engines/intercascade/cascadeSession';
import type { JournalStore } from '../../../src/engines/intercascade/cascadeJournal';
import { estimateTextTokens } from '../../../src/engines/intercascade/costEstimate';
import { parseQueriesJsonl } from '../../../src/engines/intercascade/queriesJsonl';
import { makePriceResolver } from '../../../src/engines/logs/priceResolver';
import { DEFAULT_RETRY } from '../../../src/engines/llm/retry';
import { arithmeticQueries, arithmeticReply, operationEmbedding, STRONG, WEAK } from '../../helpers/arithmeticModels';
import { startMockChatServer, type MockEmbeddingRequest } from '../../helpers/mockChatServer';
import { assertClose } from '../../helpers/assertClose';

/** How `/embeddings` answers now: vectors, or an HTTP error. */
let embed: (req: MockEmbeddingRequest, n: number) => number[][] | { status: number; body: string } = (req) =>
  req.input.map(operationEmbedding);
let mock: Awaited<ReturnType<typeof startMockChatServer>>;
before(async () => {
  let n = 0;
  mock = await startMockChatServer(
    (req) => arithmeticReply(req),
    (req) => embed(req, ++n),
  );
});
after(() => mock.close());

const queries = parseQueriesJsonl(arithmeticQueries(24)).items.map((i) => i.value);
const PRICES = new Map([
  [WEAK, { inputPerMillion: 0.1, outputPerMillion: 0.4 }],
  [STRONG, { inputPerMillion: 5, outputPerMillion: 15 }],
  ['emb', { inputPerMillion: 20, outputPerMillion: 0 }],
]);
const options = (over: Partial<CascadeSessionOptions> = {}): CascadeSessionOptions => ({
  queries,
  weak: WEAK,
  fetchImpl: fetch,
  strong: STRONG,
  endpoint: mock.url,
  k: 2,
  confidence: 'stated',
  embeddingModel: 'emb',
  thresholds: { mode: 'manual', weak: 0.5, strong: 0 },
  repository: [],
  priceOf: (m) => PRICES.get(m) ?? null,
  timeoutMs: 30_000,
  retry: { ...DEFAULT_RETRY, maxAttempts: 2, sleep: async () => undefined },
  journal: null,
  ...over,
});
const served = () => mock.embeddingRequests.length;

test("embedding requests are priced by the embedding price and counted in the run's cost; an unpriced model is said so", async () => {
  const from = served();
  const r = await runCascadeSession(options());
  const texts = mock.embeddingRequests.slice(from).flatMap((e) => e.input);
  const tokens = texts.reduce((n, t) => n + estimateTextTokens(t.length), 0);
  assert.equal(r.embedding?.tokens, tokens, 'no usage reported: characters / 4');
  assertClose(r.embedding?.costUsd ?? NaN, (tokens * 20) / 1e6, { rel: 1e-12 }, 'embedding cost');
  const chat = r.run.trace.flatMap((t) => t.calls).reduce((n, c) => n + (c.costUsd ?? 0), 0);
  assertClose(
    r.run.totalCostUsd ?? NaN,
    chat + (r.embedding?.costUsd ?? 0),
    { rel: 1e-12 },
    "the run's cost = chat calls + embeddings",
  );
  assertClose(r.spend.usd ?? NaN, r.run.totalCostUsd ?? NaN, { rel: 1e-12 }, 'and what was spent');
  assert.equal(r.embedding?.fallback, null);
  const u = await runCascadeSession(
    options({ embeddingModel: 'emb-unknown', priceOf: (m) => (m === 'emb-unknown' ? null : (PRICES.get(m) ?? null)) }),
  );
  assertClose(u.run.totalCostUsd ?? NaN, chat, { rel: 1e-12 }, 'unpriced: left out');
  assert.equal(u.embedding?.costUsd, null);
  assert.ok(
    u.warnings.some((w) =>
      /^the embedding model emb-unknown has no price \(neither in the price table nor in the price database\): its \d+ request\(s\) \(\d+ tokens\) are left out of every cost$/.test(
        w,
      ),
    ),
    u.warnings.join('\n'),
  );
  assert.ok(u.estimate.unpriced.includes('emb-unknown'));
});

test('the price database prices embedding models by their input price; unknown ones are unpriced', () => {
  const priceOf = makePriceResolver(undefined, true, 'embedding');
  assert.deepEqual(priceOf('text-embedding-3-small')?.price, { inputPerMillion: 0.02, outputPerMillion: 0 });
  assert.equal(priceOf('openai/text-embedding-3-large')?.matched, 'openai/text-embedding-3-large');
  assert.equal(priceOf('no-such-embedder-xyz'), null);
  assert.equal(
    makePriceResolver(undefined, true)('text-embedding-3-small'),
    null,
    'the chat resolver needs an output price',
  );
});

test('/embeddings failing from the start: the run goes on matching by words, says so once, and routes as a word-matched run', async () => {
  embed = () => ({ status: 500, body: '{"error": {"message": "embedder down"}}' });
  try {
    const words = await runCascadeSession(options({ embeddingModel: null }));
    const journal = memoryJournal();
    const r = await runCascadeSession(options({ journal }));
    assert.equal(r.stopped, null);
    assert.equal(r.run.n, 24);
    assert.deepEqual(
      r.run.trace.map((t) => t.answeredBy),
      words.run.trace.map((t) => t.answeredBy),
    );
    assert.match(
      r.embedding?.fallback ?? '',
      /^the embedding model emb failed \(embedding model emb: .*HTTP 500: embedder down \(gave up after 2 attempts\)\); queries are matched by shared words \(TF-IDF\) from query "q-1" on$/,
    );
    assert.equal(r.warnings.filter((w) => w === r.embedding?.fallback).length, 1, 'said once');
    assert.ok(journal.text?.includes('"type":"fallback"'));
    // a resumed run of that journal starts on words: it asks /embeddings nothing
    const from = served();
    const again = await runCascadeSession(options({ journal }));
    assert.equal(served(), from);
    assert.equal(again.embedding?.fallback, r.embedding?.fallback);
  } finally {
    embed = (req) => req.input.map(operationEmbedding);
  }
});

/** Requests to /embeddings from now on, counted from 1. */
const counting = (f: (req: MockEmbeddingRequest, n: number) => ReturnType<typeof embed>): typeof embed => {
  let n = 0;
  return (req) => f(req, ++n);
};

test('/embeddings failing midway (or changing its dimension): the strategies so far are kept and matched by words from there on', async () => {
  embed = counting((req, n) => (n > 3 ? { status: 503, body: 'gone' } : req.input.map(operationEmbedding)));
  try {
    const r = await runCascadeSession(options());
    assert.match(
      r.embedding?.fallback ?? '',
      /HTTP 503: gone \(gave up after 2 attempts\)\); queries are matched by shared words \(TF-IDF\) from query "q-4" on$/,
    );
    assert.equal(r.embedding?.requests, 3, 'the three that worked');
    assert.equal(r.run.n, 24);
    assert.equal(r.run.overallAccuracy, 1);
    assert.ok(r.run.strongCallRate <= 3 / 24, `strategies still found (${r.run.strongCallRate})`);
  } finally {
    embed = (req) => req.input.map(operationEmbedding);
  }
  embed = counting((req, n) => req.input.map((t) => (n > 3 ? [...operationEmbedding(t), 0] : operationEmbedding(t))));
  try {
    const r = await runCascadeSession(options());
    assert.match(
      r.embedding?.fallback ?? '',
      /has 5 dimensions, the repository's have 4 \(was the embedding model changed\?\)/,
    );
  } finally {
    embed = (req) => req.input.map(operationEmbedding);
  }
});

test('a budget stop during an embedding request stops the run: it is not a failure of the embedding model', async () => {
  const r = await runCascadeSession(options({ budgetTokens: 800 }));
  assert.equal(r.stopped?.reason, 'budget');
  assert.equal(r.embedding?.fallback, null);
});

/** A journal kept in memory. */
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
