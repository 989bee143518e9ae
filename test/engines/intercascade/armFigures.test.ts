/** The comparison's figures (the paper's Table 2) on a hand-computed example. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { armFigures, compareArms } from '../../../src/engines/intercascade/armFigures';
import type { StageCall } from '../../../src/engines/intercascade/callModel';
import type { QueryTrace } from '../../../src/engines/intercascade/runInterCascade';
import { assertClose } from '../../helpers/assertClose';

/** A call: right or wrong, kept or not, with its tokens and cost. */
const call = (
  model: string,
  correct: boolean,
  accepted: boolean,
  tokens: number,
  costUsd: number,
  error: StageCall['errorKind'] = null,
): StageCall => ({
  model,
  answer: error === 'transport' ? null : 'a',
  confidence: accepted ? 0.9 : 0.1,
  accepted,
  correct,
  costUsd: error === 'transport' ? null : costUsd,
  latencyS: null,
  inputTokens: error === 'transport' ? null : tokens - 10,
  outputTokens: error === 'transport' ? null : 10,
  strategy: null,
  error: error ? 'failed' : null,
  errorKind: error,
});
const trace = (queryId: string, calls: StageCall[], gold: string | null = 'a'): QueryTrace => {
  const answeredBy = calls.findIndex((c) => c.accepted);
  const kept = answeredBy < 0 ? null : calls[answeredBy];
  return {
    queryId,
    gold,
    retrieved: [],
    calls,
    answeredBy: answeredBy < 0 ? null : answeredBy,
    finalAnswer: kept?.answer ?? null,
    correct: kept && gold !== null ? kept.correct : null,
    strategyAdded: answeredBy === 1,
  };
};

test('Table 2 by hand: pipeline and weak accuracy, weak correct accepted, strong-call rate, coverage, token and cost reduction', () => {
  // Inter-Cascade on 5 queries (4 with gold):
  //   q1 weak right, kept                      → C_w = 1
  //   q2 weak wrong, deferred; strong right     → C_s = 1, M_s += 1
  //   q3 weak right but unsure; strong wrong    → C_w' += 1, M_s += 1
  //   q4 weak wrong; strong unsure              → abstained (N_u = 1), M_s += 1
  //   q5 no gold: weak kept                     → counts in N and the rates, not in the accuracies
  const ic = [
    trace('q1', [call('w', true, true, 100, 0.001)]),
    trace('q2', [call('w', false, false, 100, 0.001), call('s', true, true, 300, 0.01)]),
    trace('q3', [call('w', true, false, 100, 0.001), call('s', false, true, 300, 0.01)]),
    trace('q4', [call('w', false, false, 100, 0.001), call('s', false, false, 300, 0.01)]),
    trace('q5', [call('w', true, true, 100, 0.001)], null),
  ];
  // the plain cascade on the same queries: weak never sure, a transport failure on q5 (took nothing)
  const plain = [
    trace('q1', [call('w', true, false, 80, 0.0008), call('s', true, true, 300, 0.01)]),
    trace('q2', [call('w', false, false, 80, 0.0008), call('s', true, true, 300, 0.01)]),
    trace('q3', [call('w', true, false, 80, 0.0008), call('s', false, true, 300, 0.01)]),
    trace('q4', [call('w', false, false, 80, 0.0008), call('s', false, false, 300, 0.01)]),
    trace('q5', [call('w', false, false, 80, 0, 'transport'), call('s', true, true, 300, 0.01)], null),
  ];
  const [a, b] = compareArms([
    armFigures('retrieval', ic, { tokens: 50, usd: 0.0001, sharedCalls: 0 }),
    armFigures('plain', plain, { tokens: 0, usd: null, sharedCalls: 3 }),
  ]);
  // N = 5, N_g = 4
  assert.equal(a.n, 5);
  assert.equal(a.nGold, 4);
  assert.equal(a.pipelineAccuracy, 2 / 4, '(C_w + C_s) / N_g = (1 + 1) / 4');
  assert.equal(a.weakAccuracy, 2 / 4, "C_w' / N_g: q1 and q3");
  assert.equal(a.weakCorrectAccepted, 1 / 4, 'C_w / N_g: q1 only');
  assert.equal(a.strongCallRate, 3 / 5, 'M_s / N');
  assert.equal(a.coverage, 4 / 5, '(N − N_u) / N: q4 abstained');
  // tokens: 5 weak × 100 + 3 strong × 300 + 50 embedding = 1450; cost: 5 × 0.001 + 3 × 0.01 + 0.0001 = 0.0351
  assert.equal(a.tokens, 1450);
  assertClose(a.costUsd ?? NaN, 0.0351, { rel: 1e-12 }, 'cost');
  // plain: 4 weak × 80 (the failed one took nothing) + 5 strong × 300 = 1820 tokens, 4 × 0.0008 + 5 × 0.01 = 0.0532 dollars
  assert.equal(b.tokens, 1820);
  assertClose(b.costUsd ?? NaN, 0.0532, { rel: 1e-12 }, 'plain cost');
  assert.equal(b.pipelineAccuracy, 2 / 4, 'q1, q2 right and kept; q5 has no gold');
  assert.equal(b.weakCorrectAccepted, 0);
  assert.equal(b.strongCallRate, 1);
  assert.equal(b.failedCalls, 1);
  assert.equal(b.sharedCalls, 3);
  assertClose(a.tokenReduction ?? NaN, (1820 - 1450) / 1820, { rel: 1e-12 }, '(T_plain − T) / T_plain');
  assertClose(a.costReduction ?? NaN, (0.0532 - 0.0351) / 0.0532, { rel: 1e-12 }, '(F_plain − F) / F_plain');
  assert.deepEqual([b.tokenReduction, b.costReduction], [null, null], 'no reduction for the baseline itself');
});

test('unknown figures stay unknown: no usage → no tokens and no reduction; without the plain cascade, no reductions', () => {
  const noUsage = { ...call('w', true, true, 100, 0.001), inputTokens: null, outputTokens: null, costUsd: null };
  const [a, b] = compareArms([
    armFigures('retrieval', [trace('q1', [noUsage])], { tokens: 0, usd: null, sharedCalls: 0 }),
    armFigures('plain', [trace('q1', [call('w', true, true, 100, 0.001)])], { tokens: 0, usd: null, sharedCalls: 0 }),
  ]);
  assert.deepEqual([a.tokens, a.costUsd, a.tokenReduction, a.costReduction], [null, null, null, null]);
  assert.equal(b.tokens, 100);
  const [r] = compareArms([
    armFigures('retrieval', [trace('q1', [call('w', true, true, 100, 0.001)])], {
      tokens: 0,
      usd: null,
      sharedCalls: 0,
    }),
    armFigures('random', [], { tokens: 0, usd: null, sharedCalls: 0 }),
  ]);
  assert.equal(r.tokenReduction, null);
  const empty = armFigures('random', [], { tokens: 0, usd: null, sharedCalls: 0 });
  assert.deepEqual(
    [empty.n, empty.pipelineAccuracy, empty.strongCallRate, empty.coverage, empty.tokens],
    [0, null, 0, 0, 0],
    'no query: no NaN',
  );
});
