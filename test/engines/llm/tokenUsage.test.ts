/** Token counts from an endpoint are checked before they are priced: implausible ones fail the call. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkUsage, MAX_TOKENS_PER_CALL, utf8Bytes } from '../../../src/engines/llm/tokenUsage';
import { LlmError } from '../../../src/engines/llm/llmError';
import { llmCascadeModel } from '../../../src/engines/intercascade/llmCascadeModel';
import { startMockChatServer } from '../../helpers/mockChatServer';

const bounds = { promptBytes: 1000, promptParts: 2, maxOutput: 300 };
const cap = 1000 + 64 * 2 + 4096;

test('sane counts pass unchanged; absent or null ones are "not reported" (properties)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: cap }), fc.integer({ min: 0, max: 300 }), (p, c) => {
      const u = checkUsage({ prompt_tokens: p, completion_tokens: c }, bounds, 'm');
      return u.inputTokens === p && u.outputTokens === c;
    }),
  );
  assert.deepEqual(checkUsage(undefined, bounds, 'm'), {});
  assert.deepEqual(checkUsage(null, bounds, 'm'), {});
  assert.deepEqual(checkUsage({ prompt_tokens: null, total_tokens: 3 }, bounds, 'm'), {});
});

test('negative, fractional, non-numeric, absurd or impossible counts fail with a message naming the field (properties)', () => {
  const bad = fc.oneof(
    fc.integer({ max: -1 }),
    fc.double({ noInteger: true, noNaN: true }),
    fc.constant(Number.NaN),
    fc.constant(Infinity),
    fc.string(),
    fc.boolean(),
    fc.integer({ min: cap + 1 }),
  );
  fc.assert(
    fc.property(bad, (v) => {
      try {
        checkUsage({ prompt_tokens: v, completion_tokens: 1 }, bounds, 'm');
        return false;
      } catch (e) {
        return (
          e instanceof LlmError &&
          e.kind === 'usage' &&
          /^m: usage\.prompt_tokens = .*; the call is not priced$/.test(e.message)
        );
      }
    }),
  );
  assert.throws(
    () => checkUsage({ prompt_tokens: 10, completion_tokens: 301 }, bounds, 'm'),
    /usage\.completion_tokens = 301 is implausible \(max_tokens was 300\)/,
  );
  assert.throws(
    () =>
      checkUsage(
        { prompt_tokens: 10, completion_tokens: MAX_TOKENS_PER_CALL + 1 },
        { promptBytes: 10, promptParts: 1 },
        'm',
      ),
    /more than 10000000 tokens in one call/,
  );
  assert.throws(
    () => checkUsage({ prompt_tokens: 6000 }, bounds, 'm'),
    /the prompt had 1000 bytes, so at most 5224 tokens/,
  );
  assert.throws(() => checkUsage([1, 2], bounds, 'm'), /"usage" is not an object/);
  assert.equal(utf8Bytes('aé€😀'), 1 + 2 + 3 + 4);
});

test('a reply with absurd usage is a failed call, never priced; a malformed reply keeps its cost (it was paid)', async () => {
  const mock = await startMockChatServer((req) =>
    req.model === 'absurd'
      ? {
          content: '{"answer": "4", "confidence": 0.9}',
          usage: { prompt_tokens: 440_000_000_000, completion_tokens: 10 },
        }
      : { content: 'not json at all', usage: { prompt_tokens: 1000, completion_tokens: 20 } },
  );
  try {
    const price = { inputPerMillion: 1, outputPerMillion: 2 };
    await assert.rejects(
      llmCascadeModel({ endpoint: mock.url, fetchImpl: fetch, model: 'absurd', role: 'student', price }).answer(
        '2 + 2?',
        [],
      ),
      (e: LlmError) =>
        e.kind === 'usage' &&
        /usage\.prompt_tokens = 440000000000 is implausible/.test(e.message) &&
        e.spent === undefined,
    );
    await assert.rejects(
      llmCascadeModel({ endpoint: mock.url, fetchImpl: fetch, model: 'garbled', role: 'student', price }).answer(
        '2 + 2?',
        [],
      ),
      (e: LlmError) =>
        e.kind === 'reply' &&
        e.spent?.inputTokens === 1000 &&
        Math.abs((e.spent?.costUsd ?? 0) - (1000 * 1 + 20 * 2) / 1e6) < 1e-15,
    );
  } finally {
    await mock.close();
  }
});
