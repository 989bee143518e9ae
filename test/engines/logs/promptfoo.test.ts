import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readEvalLog } from '../../../src/engines/logs/readEvalLog';
import { summarizeModels } from '../../../src/engines/logs/summarizeModels';
import { joinByQuery } from '../../../src/engines/logs/joinByQuery';
import { FIXTURES } from '../../helpers/paths';

const FILE = join(FIXTURES, 'logs', 'promptfoo', 'results.json');

test('promptfoo results.json v3: pass, tokens, cost, latency and log-probs per result; provider errors skipped', async () => {
  const log = await readEvalLog(FILE);
  assert.equal(log.adapter, 'promptfoo');
  assert.equal(log.records.length, 7);
  const mini = log.records.filter((r) => r.model === 'gpt-4o-mini');
  const big = log.records.filter((r) => r.model === 'openai:gpt-4o');
  assert.equal(mini.length, 4, 'the label names the provider when it has one');
  assert.equal(big.length, 3, 'else its id');
  assert.deepEqual(mini.map((r) => r.correct), [true, true, false, true]);
  assert.deepEqual(mini.map((r) => r.queryId), ['test-0', 'test-1', 'test-2', 'test-3']);
  // Fixture: tokens 20+3t prompt / 4 completion, cost at $0.15/$0.60 per M, latency 412/388/501/455 ms.
  assert.deepEqual(mini.map((r) => [r.inputTokens, r.outputTokens]), [[20, 4], [23, 4], [26, 4], [29, 4]]);
  assert.deepEqual(mini.map((r) => r.latencyS), [0.412, 0.388, 0.501, 0.455]);
  assert.ok(Math.abs((mini[0].costUsd as number) - (20 * 0.15 + 4 * 0.6) / 1e6) < 1e-15);
  assert.deepEqual(mini.map((r) => r.logprob), [-0.0001, -0.0213, -0.9163, -0.0033], 'one token: its log-prob; two: their sum');
  assert.equal(mini[3].signal, 'sequence_logprob');
  assert.ok(big.every((r) => r.confidence === null));
  assert.equal(mini[0].question, 'What is the capital of France?');
  assert.equal(log.skipped.length, 1);
  assert.equal(log.skipped[0].line, 8);
  assert.match(log.skipped[0].reason, /^results\.results\[7\]: the provider call failed \(API error: 429/);
  // Join: gpt-4o failed on test-3, so three queries are shared.
  const t = joinByQuery(log.records);
  assert.equal(t.complete.length, 3);
  assert.equal(t.notes.length, 1);
  const s = summarizeModels(log.records);
  assert.deepEqual(s.map((m) => [m.model, m.n, m.accuracy]), [['gpt-4o-mini', 4, 0.75], ['openai:gpt-4o', 3, 1]]);
});
