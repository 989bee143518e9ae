import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { compareRuns, NoCommonQueries } from '../../../src/engines/compare/compareRuns';
import { Rng } from '../../../src/engines/numeric/rng';
import { assertClose } from '../../helpers/assertClose';

function rec(
  queryId: string,
  model: string,
  correct: boolean,
  costUsd: number | null,
  latencyS: number | null = null,
): EvalRecord {
  return {
    queryId,
    model,
    score: correct ? 1 : 0,
    correct,
    logprob: null,
    confidence: null,
    costUsd,
    inputTokens: null,
    outputTokens: null,
    reasoningTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    costSource: costUsd === null ? 'none' : 'log',
    epochs: 1,
    latencyS,
    split: '',
    task: '',
    taskType: 'multiple_choice',
    signal: '',
    reasoning: null,
    question: '',
    file: 'f',
    line: 1,
  };
}

test('agreement table, accuracy and cost difference counted by hand; unmatched queries left out', () => {
  const a = [
    rec('1', 'A', true, 1),
    rec('2', 'A', true, 2),
    rec('3', 'A', false, 3),
    rec('4', 'A', false, null),
    rec('5', 'A', true, 5),
    rec('x', 'A', true, 9),
  ];
  const b = [
    rec('5', 'B', true, 1),
    rec('4', 'B', true, 1),
    rec('3', 'B', false, 1),
    rec('2', 'B', false, 1),
    rec('1', 'B', true, 1),
    rec('y', 'B', false, 1),
    rec('z', 'B', false, 1),
  ];
  const r = compareRuns(a, b, { replicates: 0, seed: 1 });
  assert.equal(r.matched, 5);
  assert.equal(r.only_in_a, 1);
  assert.equal(r.only_in_b, 2);
  // q1 both right, q2 only A, q3 both wrong, q4 only B, q5 both right.
  assert.deepEqual(r.agreement, { both_right: 2, only_a_right: 1, only_b_right: 1, both_wrong: 1 });
  assert.deepEqual([r.accuracy.n, r.accuracy.mean_a, r.accuracy.mean_b, r.accuracy.difference], [5, 0.6, 0.6, 0]);
  // Cost on the 4 matched queries where both have one (q4 has none in A): A (1+2+3+5)/4 = 2.75, B 1.
  assert.deepEqual([r.cost_usd?.n, r.cost_usd?.mean_a, r.cost_usd?.mean_b, r.cost_usd?.difference], [4, 2.75, 1, 1.75]);
  assert.equal(r.cost_usd?.ci_low, null);
  assert.equal(r.latency_s, null);
  assert.equal(r.mcnemar.p_value, 1);
  assert.throws(() => compareRuns(a, [rec('nope', 'B', true, 1)], { replicates: 10, seed: 1 }), NoCommonQueries);
});

test('paired bootstrap: a constant shift has a zero-width interval; identical runs p = 1', () => {
  const a = Array.from({ length: 50 }, (_, i) => rec(String(i), 'A', i % 3 === 0, 0.01 * i, 0.5 + i));
  const b = a.map((r) => ({ ...r, model: 'B', costUsd: (r.costUsd as number) + 0.25 }));
  const r = compareRuns(a, b, { replicates: 500, seed: 3 });
  // Every resample's mean difference is exactly −0.25 up to rounding of the two sums (1e-12).
  assertClose(r.cost_usd?.ci_low as number, -0.25, { abs: 1e-12 });
  assertClose(r.cost_usd?.ci_high as number, -0.25, { abs: 1e-12 });
  assert.equal(r.latency_s?.ci_low, 0);
  assert.equal(r.latency_s?.ci_high, 0);
  assert.equal(r.latency_s?.p_value, 1);
  assert.equal(r.accuracy.p_value, 1);
});

test('paired bootstrap interval of a mean difference ≈ the normal interval mean(d) ± 1.96·sd(d)/√n on a large sample', () => {
  const rng = new Rng(7);
  const n = 3000;
  const a: EvalRecord[] = [];
  const b: EvalRecord[] = [];
  const d: number[] = [];
  for (let i = 0; i < n; i++) {
    const base = rng.uniform();
    const ca = base + 0.3 * rng.uniform();
    const cb = base + 0.2 * rng.uniform();
    a.push(rec(String(i), 'A', rng.uniform() < 0.7, ca));
    b.push(rec(String(i), 'B', rng.uniform() < 0.6, cb));
    d.push(ca - cb);
  }
  const r = compareRuns(a, b, { replicates: 4000, seed: 11 });
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = 1.959963984540054 * (sd / Math.sqrt(n));
  assertClose(r.cost_usd?.difference as number, mean, { abs: 1e-12 });
  // Tolerance 10% of the half-width: percentile ends from 4000 resamples scatter by ~3% of it, and the mean of a sum of uniforms is close to normal at n = 3000.
  assertClose(r.cost_usd?.ci_low as number, mean - half, { abs: 0.1 * half });
  assertClose(r.cost_usd?.ci_high as number, mean + half, { abs: 0.1 * half });
  assert.ok((r.cost_usd?.p_value as number) < 0.01);
});
