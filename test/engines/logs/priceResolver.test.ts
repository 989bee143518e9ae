import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePriceResolver, modelNameCandidates, priceTokens } from '../../../src/engines/logs/priceResolver';
import { parsePriceTable } from '../../../src/engines/logs/priceTable';
import { assertClose } from '../../helpers/assertClose';

test('model names are tried with provider prefixes dropped', () => {
  assert.deepEqual(modelNameCandidates('openai:chat:gpt-4o-mini'), [
    'openai:chat:gpt-4o-mini',
    'chat:gpt-4o-mini',
    'gpt-4o-mini',
  ]);
  assert.deepEqual(modelNameCandidates('together/meta-llama/Llama-3-70b'), [
    'together/meta-llama/Llama-3-70b',
    'meta-llama/Llama-3-70b',
    'Llama-3-70b',
  ]);
  assert.deepEqual(modelNameCandidates('gpt-4o'), ['gpt-4o']);
});

test('the user table wins, under any of the names; prototype keys are model names like any other', () => {
  const table = parsePriceTable({ 'gpt-4o': { input: 1, output: 2 }, constructor: { input: 3, output: 4 } });
  const resolve = makePriceResolver(table, true);
  for (const name of ['gpt-4o', 'openai/gpt-4o', 'openai:chat:gpt-4o'])
    assert.deepEqual(resolve(name), {
      price: { inputPerMillion: 1, outputPerMillion: 2 },
      source: 'prices',
      matched: 'gpt-4o',
    });
  assert.equal(resolve('constructor')?.price.inputPerMillion, 3);
  assert.equal(makePriceResolver(new Map(), true)('toString'), null, 'no price through the object prototype');
  assert.equal(makePriceResolver(undefined, false)('gpt-4o'), null, 'database off');
});

test('the bundled database (genai-prices) prices models of Inspect and promptfoo names, with cache and tiered prices', () => {
  const resolve = makePriceResolver(undefined, true);
  // Values from @pydantic/genai-prices 0.1.8 (openai gpt-4o-mini: $0.15 in, $0.075 cache read, $0.60 out per million).
  const mini = resolve('openai:chat:gpt-4o-mini');
  assert.equal(mini?.source, 'database');
  assert.equal(mini?.matched, 'openai/gpt-4o-mini');
  assert.deepEqual(
    [mini?.price.inputPerMillion, mini?.price.cacheReadPerMillion, mini?.price.outputPerMillion],
    [0.15, 0.075, 0.6],
  );
  assert.equal(resolve('anthropic/claude-3-5-sonnet-20241022')?.price.cacheWritePerMillion, 3.75);
  assert.equal(resolve('llama3.1-405b'), null, 'a name the database does not know');
  // Gemini 2.5 Pro: $1.25 / $10 per million, $2.50 / $15 above 200k prompt tokens.
  const gemini = resolve('google/gemini-2.5-pro')!.price;
  assertClose(
    priceTokens(gemini, { inputTokens: 1000, outputTokens: 500, cacheReadTokens: null, cacheWriteTokens: null }),
    (1000 * 1.25 + 500 * 10) / 1e6,
    { rel: 1e-12 },
  );
  assertClose(
    priceTokens(gemini, { inputTokens: 300_000, outputTokens: 500, cacheReadTokens: null, cacheWriteTokens: null }),
    (300_000 * 2.5 + 500 * 15) / 1e6,
    { rel: 1e-12 },
  );
});

test('priceTokens: cache reads and writes at their own rates, else at the input rate', () => {
  const p = { inputPerMillion: 3, outputPerMillion: 15, cacheReadPerMillion: 0.3, cacheWritePerMillion: 3.75 };
  // 1000 input of which 600 read and 100 written from/to the cache: 300 x 3 + 600 x 0.3 + 100 x 3.75, plus 50 x 15 output.
  assertClose(
    priceTokens(p, { inputTokens: 1000, outputTokens: 50, cacheReadTokens: 600, cacheWriteTokens: 100 }),
    (300 * 3 + 600 * 0.3 + 100 * 3.75 + 50 * 15) / 1e6,
    { rel: 1e-12 },
  );
  assertClose(
    priceTokens(
      { inputPerMillion: 3, outputPerMillion: 15 },
      { inputTokens: 1000, outputTokens: 0, cacheReadTokens: 600, cacheWriteTokens: null },
    ),
    3000 / 1e6,
    { rel: 1e-12 },
  );
});

test("costSourceNote names the models priced from the table, the database or nowhere; silent when every cost is the log's own", async () => {
  const { costSourceNote } = await import('../../../src/engines/logs/costSourceNote');
  const { rec } = await import('../economics/records');
  const r = (model: string, costSource: 'log' | 'prices' | 'database' | 'none') => ({
    ...rec(model, 'q', '', true, 0.5, 0, 0),
    costSource,
  });
  assert.equal(costSourceNote([r('a', 'log')]), null);
  assert.equal(
    costSourceNote([r('a', 'database'), r('b', 'prices'), r('a', 'database'), r('c', 'none'), r('d', 'log')]),
    'costs: b from your price table; a from the bundled price database (genai-prices); c from nowhere (no cost in the log and no price): their costs are unknown',
  );
});
