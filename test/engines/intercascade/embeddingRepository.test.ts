import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EmbeddingRepository,
  endpointEmbedder,
  type Embedder,
} from '../../../src/engines/intercascade/embeddingRepository';
import { StrategyRepository, type StrategyEntry } from '../../../src/engines/intercascade/strategyRepository';
import { embedTexts } from '../../../src/engines/llm/embeddings';
import { LlmError } from '../../../src/engines/llm/llmError';
import { operationEmbedding } from '../../helpers/arithmeticModels';
import { startMockChatServer } from '../../helpers/mockChatServer';

const entry = (queryId: string, query: string): StrategyEntry => ({
  queryId,
  query,
  answer: '?',
  strategy: `How to: ${query}`,
  confidence: 0.9,
});
const ENTRIES = [entry('a', 'Multiply 3 by 4.'), entry('b', 'Add 3 and 4.'), entry('c', 'Name the capital of France.')];

function countingEmbedder(): { embed: Embedder; calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    embed: async (texts) => (calls.push([...texts]), texts.map((t) => Float64Array.from(operationEmbedding(t)))),
  };
}

test('embeddings match by meaning where shared words do not; each query is embedded once', async () => {
  const { embed, calls } = countingEmbedder();
  const repo = await EmbeddingRepository.create(ENTRIES, embed);
  assert.deepEqual(calls, [ENTRIES.map((e) => e.query)], 'the loaded entries in one batch');
  const q = 'What is the product of 6 and 7?';
  const hits = await repo.retrieve(q, 2);
  assert.deepEqual(
    hits.map((h) => [h.entry.queryId, h.similarity]),
    [['a', 1]],
    'only the multiplication; orthogonal ones are left out',
  );
  // TF-IDF: no word is shared with "Multiply 3 by 4", while "the ... of" and "and" pull in the wrong two.
  assert.deepEqual(
    new StrategyRepository(ENTRIES).retrieve(q, 2).map((h) => h.entry.queryId),
    ['c', 'b'],
  );
  await repo.add(entry('d', q));
  assert.equal(calls.length, 2, 'the vector of the retrieval is reused when its strategy is added');
  assert.deepEqual(
    (await repo.retrieve('Find the product of 2 and 9.', 5)).map((h) => h.entry.queryId),
    ['a', 'd'],
    'ties: the older entry first',
  );
  assert.deepEqual(await repo.retrieve('anything', 0), []);
  assert.equal(repo.size, 4);
  const bad = await EmbeddingRepository.create([], async (texts) => texts.map(() => new Float64Array(3)));
  await bad.add(ENTRIES[0]);
  await assert.rejects(
    EmbeddingRepository.create(ENTRIES, async (texts) => texts.map((_, i) => new Float64Array(i === 0 ? 4 : 3))),
    /has 3 dimensions, the repository's have 4/,
  );
});

test('embedTexts against an OpenAI-compatible /embeddings: order by index, clear errors', async () => {
  const mock = await startMockChatServer(
    () => ({ content: '' }),
    (req) =>
      req.model === 'broken'
        ? { status: 500, body: '{"error": {"message": "model overloaded"}}' }
        : req.input.map(operationEmbedding),
  );
  try {
    const v = await embedTexts({
      endpoint: mock.url,
      fetchImpl: fetch,
      model: 'emb',
      apiKey: 'sk-e',
      input: ['3 plus 4', 'capital of France', '6 times 7'],
    });
    assert.deepEqual(
      v.map((x) => Array.from(x)),
      [
        [1, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 1, 0, 0],
      ],
      'the mock answers in reverse order with indices',
    );
    assert.deepEqual(mock.embeddingRequests[0], {
      model: 'emb',
      input: ['3 plus 4', 'capital of France', '6 times 7'],
    });
    assert.deepEqual(
      await embedTexts({ endpoint: mock.url, fetchImpl: fetch, model: 'emb', input: [] }),
      [],
      'nothing to embed: no request',
    );
    assert.equal(mock.embeddingRequests.length, 1);
    const embed = endpointEmbedder({ endpoint: mock.url, fetchImpl: fetch, model: 'broken' });
    await assert.rejects(
      embed(['x']),
      (e: LlmError) =>
        e instanceof LlmError &&
        e.kind === 'http' &&
        /^embedding model broken: .*\/embeddings answered HTTP 500: model overloaded$/.test(e.message),
    );
  } finally {
    await mock.close();
  }
  const fake =
    (body: unknown): typeof fetch =>
    async () =>
      new Response(JSON.stringify(body), { status: 200 });
  await assert.rejects(
    embedTexts({
      endpoint: 'http://x/v1',
      model: 'm',
      input: ['a', 'b'],
      fetchImpl: fake({ data: [{ embedding: [1] }] }),
    }),
    /returned 1 embedding\(s\) for 2 text\(s\)/,
  );
  await assert.rejects(
    embedTexts({
      endpoint: 'http://x/v1',
      model: 'm',
      input: ['a'],
      fetchImpl: fake({ data: [{ embedding: ['1'] }] }),
    }),
    /data\[0\]\.embedding is not a list of numbers/,
  );
  await assert.rejects(
    embedTexts({
      endpoint: 'http://x/v1',
      model: 'm',
      input: ['a', 'b'],
      fetchImpl: fake({ data: [{ embedding: [1, 2] }, { embedding: [1] }] }),
    }),
    /different lengths/,
  );
});
