import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { assertClose } from '../../helpers/assertClose';

const write = (lines: object[]): string => {
  const dir = mkdtempSync(join(tmpdir(), 'epochs-'));
  const f = join(dir, 'log.jsonl');
  writeFileSync(f, lines.map((l) => JSON.stringify(l)).join('\n'));
  return f;
};

test('native `epoch`: repeats of a (query, model) are averaged (mean score, cost, latency, tokens, confidence) and said', async () => {
  const f = write([
    {
      query_id: 'q1',
      model: 'm',
      correct: true,
      epoch: 1,
      cost_usd: 0.001,
      latency_s: 1,
      output_tokens: 10,
      confidence: 0.9,
    },
    {
      query_id: 'q1',
      model: 'm',
      correct: false,
      epoch: 2,
      cost_usd: 0.003,
      latency_s: 3,
      output_tokens: 30,
      confidence: 0.5,
    },
    { query_id: 'q1', model: 'm', correct: true, epoch: 3, cost_usd: 0.002, latency_s: 2, output_tokens: 20 },
    { query_id: 'q2', model: 'm', correct: false, epoch: 1, cost_usd: 0.004 },
    { query_id: 'q1', model: 'm', correct: true, epoch: 2 },
  ]);
  const log = await readEvalLog(f);
  assert.equal(log.records.length, 2);
  const [q1, q2] = log.records;
  // Closed forms: score (1 + 0 + 1) / 3; cost (1 + 3 + 2) / 3 mills; confidence over the two repeats that have one.
  assertClose(q1.score, 2 / 3, { abs: 1e-15 });
  assert.equal(q1.correct, true);
  assertClose(q1.costUsd!, 0.002, { rel: 1e-12 });
  assertClose(q1.latencyS!, 2, { rel: 1e-12 });
  assertClose(q1.outputTokens!, 20, { rel: 1e-12 });
  assertClose(q1.confidence!, 0.7, { rel: 1e-12 });
  assertClose(q1.logprob!, Math.log(0.7), { rel: 1e-12 });
  assert.equal(q1.epochs, 3);
  assert.equal(q2.epochs, 1);
  assert.deepEqual(
    log.skipped.map((s) => s.line),
    [5],
    'the same epoch twice is a duplicate, not a repeat',
  );
  assert.ok(
    log.warnings.some((w) => /^2 repeated answer\(s\) \(epochs\) of 1 query\(ies\) were averaged/.test(w.reason)),
  );
  const kept = await readEvalLog(f, { keepEpochs: true });
  assert.deepEqual(
    kept.records.map((r) => r.queryId),
    ['q1#1', 'q1#2', 'q1#3', 'q2#1'],
  );
});
