import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engines/numeric/rng';
import type { CascadeModel, ModelReply } from '../../../src/engines/intercascade/cascadeModel';
import type { CascadeQuery } from '../../../src/engines/intercascade/queriesJsonl';
import { runInterCascade } from '../../../src/engines/intercascade/runInterCascade';
import { StrategyRepository } from '../../../src/engines/intercascade/strategyRepository';
import { assertClose } from '../../helpers/assertClose';

/** Four query families, each a template with varying numbers (like GSM-Plus variants). */
const FAMILIES: Record<string, (a: number, b: number) => [string, number]> = {
  marbles: (a, b) => [
    `Lena has ${a} marbles and wins ${b} more marbles at school. How many marbles does Lena have now?`,
    a + b,
  ],
  crates: (a, b) => [`A crate holds ${a} bottles of juice. How many bottles are packed in ${b} crates?`, a * b],
  tank: (a, b) => [
    `A water tank holds ${a + b} litres and ${b} litres leak out overnight. How many litres are left in the tank?`,
    a,
  ],
  garden: (a, b) => [
    `A rectangular garden is ${a} metres long and ${b} metres wide. What is its area in square metres?`,
    a * b,
  ],
};

interface Stream {
  queries: CascadeQuery[];
  familyOf: Map<string, string>;
}

function stream(perFamily: number, seed: number): Stream {
  const rng = new Rng(seed);
  const items: { family: string; q: string; gold: number }[] = [];
  for (const [family, make] of Object.entries(FAMILIES))
    for (let i = 0; i < perFamily; i++) {
      const [q, gold] = make(2 + rng.int(50), 2 + rng.int(9));
      items.push({ family, q, gold });
    }
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  const familyOf = new Map<string, string>();
  const queries = items.map((it, i) => {
    familyOf.set(it.q, it.family);
    return { queryId: `q${i}`, question: it.q, gold: String(it.gold) };
  });
  return { queries, familyOf };
}

/**
 * A weak model that solves a family only when a retrieved strategy teaches it (the strategy text
 * names the family): then it answers right with confidence 0.9, else wrong with confidence 0.3.
 */
function weakFake(s: Stream, golds: Map<string, string>): CascadeModel {
  return {
    name: 'weak',
    async answer(query, strategies): Promise<ModelReply> {
      const family = s.familyOf.get(query)!;
      const taught = strategies.some((r) => r.entry.strategy === `method:${family}`);
      const gold = Number(golds.get(query));
      return taught
        ? { answer: String(gold), confidence: 0.9, costUsd: 0.001 }
        : { answer: String(gold + 1), confidence: 0.3, costUsd: 0.001 };
    },
  };
}

/** A strong model: confident always, right except on every 5th query id it sees (q5, q10, ...), strategies from its generator. */
function strongFake(
  s: Stream,
  golds: Map<string, string>,
  ids: Map<string, number>,
): CascadeModel & { strategyCalls: number } {
  const m = {
    name: 'strong',
    strategyCalls: 0,
    async answer(query: string): Promise<ModelReply> {
      const gold = Number(golds.get(query));
      return {
        answer: String(ids.get(query)! % 5 === 0 ? gold + 7 : gold),
        confidence: 0.95,
        costUsd: 0.01,
        latencyS: 0.5,
      };
    },
    async strategy(query: string): Promise<string> {
      m.strategyCalls++;
      return `method:${s.familyOf.get(query)}`;
    },
  };
  return m;
}

function setup(perFamily = 15, seed = 7) {
  const s = stream(perFamily, seed);
  const golds = new Map(s.queries.map((q) => [q.question, q.gold!]));
  const ids = new Map(s.queries.map((q) => [q.question, Number(q.queryId.slice(1))]));
  return { s, weak: weakFake(s, golds), strong: strongFake(s, golds, ids) };
}

test('the weak model learns from stored strategies: strong calls fall over time, accuracy beats the no-repository baseline', async () => {
  const { s, weak, strong } = setup();
  const stages = [
    { model: weak, threshold: 0.5 },
    { model: strong, threshold: 0.5 },
  ];
  const fractions: number[] = [];
  const ic = await runInterCascade({ queries: s.queries, stages, k: 2, onProgress: (f) => fractions.push(f) });
  const base = await runInterCascade({ queries: s.queries, stages, k: 2, useStrategies: false });
  const n = s.queries.length;
  assert.equal(ic.n, 60);
  assert.equal(ic.nGold, 60);
  assert.equal(fractions.length, n);
  assert.equal(fractions.at(-1), 1);

  // Baseline: the weak model never solves anything, so every query goes to the strong model.
  assert.equal(base.strongCallRate, 1);
  assert.equal(base.weakAccuracy, 0);
  assert.equal(base.strategiesAdded, 0);
  assert.equal(base.repositorySize, 0);
  // The strong model is wrong exactly on ids divisible by 5 (q0, q5, ..., q55: 12 of 60).
  assertClose(base.overallAccuracy!, 48 / 60, { abs: 1e-12 }, 'baseline accuracy = strong accuracy');

  // Inter-Cascade: once a family has a strategy, its later queries stay on the weak model.
  assert.equal(ic.callsByStage[1], 4, 'with k = 2 the right family is always retrieved: one strong call per family');
  assert.ok(ic.strongCallRate < 0.25, `strong-call rate ${ic.strongCallRate}`);
  assert.ok(ic.weakAccuracy! > 0.75, `weak accuracy ${ic.weakAccuracy}`);
  assert.ok(ic.overallAccuracy! > base.overallAccuracy!, `${ic.overallAccuracy} > ${base.overallAccuracy}`);
  const half = n / 2;
  const strongCalls = (from: number, to: number) => ic.trace.slice(from, to).filter((t) => t.calls.length > 1).length;
  assert.ok(
    strongCalls(half, n) < strongCalls(0, half),
    `second half ${strongCalls(half, n)} < first half ${strongCalls(0, half)}`,
  );
  // Each family's first query must reach the strong model and writes a strategy.
  for (const family of Object.keys(FAMILIES)) {
    const first = ic.trace.find(
      (t) => s.familyOf.get(s.queries.find((q) => q.queryId === t.queryId)!.question) === family,
    )!;
    assert.equal(first.answeredBy, 1, `first ${family} query answered by the strong model`);
    assert.ok(first.strategyAdded);
  }
  assert.equal(ic.strategiesAdded, ic.answeredByStage[1]);
  assert.equal(ic.repositorySize, ic.strategiesAdded);
  assert.equal(
    strong.strategyCalls,
    ic.strategiesAdded,
    'the generator runs once per kept strong answer, never in the baseline',
  );
  // Bookkeeping: every query is answered by one stage or abstained on; cost is the sum of the calls.
  assert.equal(ic.answeredByStage[0] + ic.answeredByStage[1] + ic.abstained, n);
  assert.equal(ic.abstained, 0);
  assert.equal(ic.callsByStage[0], n);
  assertClose(
    ic.totalCostUsd!,
    n * 0.001 + ic.callsByStage[1] * 0.01,
    { rel: 1e-12 },
    'total cost = 0.001 per weak call + 0.01 per strong call',
  );
  assertClose(ic.strongCallRate, ic.callsByStage[1] / n, { abs: 1e-15 }, 'strong-call rate');
  assert.equal(ic.coverage, 1);
  // Retrieval happened before the answer: the first query saw an empty repository.
  assert.deepEqual(ic.trace[0].retrieved, []);
  assert.ok(ic.trace.slice(10).every((t) => t.retrieved.length === 2));
});

test('thresholds: a null weak threshold always defers; a strong model below its threshold abstains and writes nothing', async () => {
  const { s, weak, strong } = setup(3, 1);
  const r = await runInterCascade({
    queries: s.queries,
    stages: [
      { model: weak, threshold: null },
      { model: strong, threshold: 0.99 },
    ],
  });
  assert.equal(r.abstained, 12);
  assert.equal(r.abstentionRate, 1);
  assert.equal(r.coverage, 0);
  assert.equal(r.strategiesAdded, 0);
  assert.equal(r.overallAccuracy, 0, 'abstentions count as not correct');
  assert.equal(r.riskAccepted, null, 'no kept answer: risk undefined, not NaN');
  assert.ok(r.trace.every((t) => t.finalAnswer === null && t.correct === null && t.answeredBy === null));
});

test('no gold answers: accuracies are null, routing still works; a strategy in the reply is stored without a generator call', async () => {
  const queries: CascadeQuery[] = [
    { queryId: 'a', question: 'How many legs does a spider have?', gold: null },
    { queryId: 'b', question: 'How many legs does a spider have, usually?', gold: null },
  ];
  const weak: CascadeModel = {
    name: 'w',
    answer: async (_q, strategies) => ({
      answer: strategies.length ? strategies[0].entry.answer : '6',
      confidence: strategies.length ? 0.8 : 0.1,
    }),
  };
  const strong: CascadeModel = {
    name: 's',
    answer: async () => ({ answer: '8', confidence: 0.9, strategy: '  Arachnids have eight legs.  ' }),
  };
  const repository = new StrategyRepository();
  const r = await runInterCascade({
    queries,
    stages: [
      { model: weak, threshold: 0.5 },
      { model: strong, threshold: 0.5 },
    ],
    repository,
  });
  assert.equal(r.nGold, 0);
  assert.equal(r.weakAccuracy, null);
  assert.equal(r.overallAccuracy, null);
  assert.equal(r.totalCostUsd, null, 'no call reported a cost');
  assert.deepEqual(
    r.trace.map((t) => t.answeredBy),
    [1, 0],
  );
  assert.deepEqual(
    r.trace.map((t) => t.finalAnswer),
    ['8', '8'],
  );
  assert.deepEqual(repository.entries, [
    { queryId: 'a', query: queries[0].question, answer: '8', strategy: 'Arachnids have eight legs.', confidence: 0.9 },
  ]);
});

test('a failing model call defers like an unsure answer and is reported; cancellation stops the run', async () => {
  const { s, strong } = setup(2, 3);
  const broken: CascadeModel = { name: 'broken', answer: async () => Promise.reject(new Error('HTTP 500')) };
  const r = await runInterCascade({
    queries: s.queries,
    stages: [
      { model: broken, threshold: 0 },
      { model: strong, threshold: 0.5 },
    ],
  });
  assert.equal(r.callsByStage[1], 8, 'every query deferred');
  assert.equal(r.weakAccuracy, 0, 'a failed call is not a correct answer');
  assert.match(r.warnings[0], /^8 model call\(s\) failed .*first: q0 \(broken\): HTTP 500$/);
  assert.equal(r.trace[0].calls[0].error, 'HTTP 500');

  const ac = new AbortController();
  const seen: number[] = [];
  await assert.rejects(
    runInterCascade({
      queries: s.queries,
      stages: [
        { model: broken, threshold: 0 },
        { model: strong, threshold: 0.5 },
      ],
      signal: ac.signal,
      onProgress: (f) => (seen.push(f), f >= 0.25 && ac.abort(new Error('stop'))),
    }),
    /stop/,
  );
  assert.equal(seen.length, 2, 'stopped before the third query');
  await assert.rejects(runInterCascade({ queries: s.queries, stages: [{ model: strong, threshold: 0 }] }), RangeError);
  await assert.rejects(
    runInterCascade({
      queries: s.queries,
      stages: [
        { model: strong, threshold: 0 },
        { model: strong, threshold: 0 },
      ],
      k: -1,
    }),
    RangeError,
  );
});

test('three stages (Appendix D form): a middle model that keeps an answer also teaches the weakest one', async () => {
  const { s, weak, strong } = setup(5, 11);
  const golds = new Map(s.queries.map((q) => [q.question, q.gold!]));
  // The middle model knows only the garden family; it writes strategies for it.
  const middle: CascadeModel = {
    name: 'middle',
    answer: async (q) =>
      s.familyOf.get(q) === 'garden'
        ? { answer: golds.get(q)!, confidence: 0.8, strategy: 'method:garden' }
        : { answer: '0', confidence: 0.1 },
  };
  const r = await runInterCascade({
    queries: s.queries,
    stages: [
      { model: weak, threshold: 0.5 },
      { model: middle, threshold: 0.5 },
      { model: strong, threshold: 0.5 },
    ],
  });
  assert.equal(r.answeredByStage.length, 3);
  assert.equal(
    r.answeredByStage[1],
    1,
    'the middle model answers only the first garden query; later ones stay on the weak model',
  );
  assert.equal(r.answeredByStage[2], 3, 'the strong model answers each other family once');
  assert.equal(r.answeredByStage[0], 16);
  assert.equal(r.strategiesAdded, 4);
  assert.equal(r.callsByStage[2], 3);
  assertClose(
    r.strongCallRate,
    4 / 20,
    { abs: 1e-15 },
    'strong-call rate counts queries passed beyond the weakest model',
  );
});
