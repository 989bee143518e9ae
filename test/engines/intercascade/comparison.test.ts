/**
 * The paper's comparison on one query stream (Inter-Cascade §3.2–3.4): the plain cascade and the
 * random-strategy control run beside the Inter-Cascade, with deterministic fake models that record
 * every prompt. Checks that the controls answer the same queries in the same order, that the plain
 * cascade never shows or stores a strategy, that the random control draws from its own repository,
 * that an identical prompt is paid once whichever arm asks, that the extra calls are in the
 * estimate and the budget, and that a killed comparison resumes without paying twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  runCascadeSession,
  type CascadeSessionOptions,
  type CascadeSessionResult,
} from '../../../src/engines/intercascade/cascadeSession';
import type { JournalStore } from '../../../src/engines/intercascade/cascadeJournal';
import { parseQueriesJsonl } from '../../../src/engines/intercascade/queriesJsonl';
import type { StrategyEntry } from '../../../src/engines/intercascade/strategyRepository';
import { DEFAULT_RETRY } from '../../../src/engines/llm/retry';
import { arithmeticQueries, STRONG, WEAK } from '../../helpers/arithmeticModels';
import { recordingChat, showsNotes } from '../../helpers/recordingChat';

const queries = parseQueriesJsonl(arithmeticQueries(24)).items.map((i) => i.value);
const PRICES = new Map([
  [WEAK, { inputPerMillion: 0.1, outputPerMillion: 0.4 }],
  [STRONG, { inputPerMillion: 5, outputPerMillion: 15 }],
]);
/** Strategies about other things: retrieval by similarity passes them over, a random draw often shows them instead of the useful ones. */
const DISTRACTORS: StrategyEntry[] = [
  'capital of France',
  'colour of the sky',
  'author of Hamlet',
  'boiling point of water',
  'largest planet',
  'speed of sound',
].map((topic, i) => ({
  queryId: `d${i}`,
  query: `What is the ${topic}?`,
  answer: 'x',
  strategy: `Recall the ${topic} from general knowledge.`,
  confidence: 0.9,
}));

const options = (
  chat: CascadeSessionOptions['chat'],
  over: Partial<CascadeSessionOptions> = {},
): CascadeSessionOptions => ({
  queries,
  weak: WEAK,
  fetchImpl: fetch,
  strong: STRONG,
  endpoint: 'fake',
  chat,
  k: 2,
  confidence: 'stated',
  embeddingModel: null,
  thresholds: { mode: 'manual', weak: 0.5, strong: 0 },
  repository: DISTRACTORS,
  priceOf: (m) => PRICES.get(m) ?? null,
  timeoutMs: 30_000,
  retry: DEFAULT_RETRY,
  journal: null,
  ...over,
});
const ids = (trace: readonly { queryId: string }[]) => trace.map((t) => t.queryId);
const control = (r: CascadeSessionResult, arm: 'plain' | 'random') =>
  r.controls.find((c) => c.arm === arm)?.trace ?? [];
const row = (r: CascadeSessionResult, arm: string) => r.comparison?.find((a) => a.arm === arm);

test('plain and random controls answer the same stream; plain shows and stores nothing; random draws from its own repository', async () => {
  const rec = recordingChat();
  const r = await runCascadeSession(options(rec.chat, { compare: ['plain', 'random'] }));
  assert.deepEqual(
    r.comparison?.map((a) => [a.arm, a.n]),
    [
      ['retrieval', 24],
      ['plain', 24],
      ['random', 24],
    ],
  );
  for (const arm of ['plain', 'random'] as const)
    assert.deepEqual(ids(control(r, arm)), ids(queries), `${arm}: the same queries, in the same order`);
  assert.deepEqual(ids(r.run.trace), ids(queries));

  // plain: no retrieval, no strategy stored, and its weak prompt is the bare question for every query
  const plain = control(r, 'plain');
  assert.ok(plain.every((t) => t.retrieved.length === 0 && !t.strategyAdded));
  const bareWeak = rec
    .promptsOf(WEAK)
    .filter((p) => !showsNotes(p))
    .map((p) => p.at(-1)?.content);
  assert.deepEqual(
    [...bareWeak].sort(),
    queries.map((q) => `Question: ${q.question}`).sort(),
    'one bare weak prompt per query, paid once (shared when another arm asked it too)',
  );

  // random: every note shown was in its own repository at that moment (the distractors, then its own strategies), similarity not measured
  const random = control(r, 'random');
  const own = new Set(DISTRACTORS.map((d) => d.queryId));
  for (const t of random) {
    assert.equal(t.retrieved.length, Math.min(2, own.size));
    for (const x of t.retrieved) {
      assert.ok(own.has(x.queryId), `${t.queryId} was shown ${x.queryId}, not in the random arm's repository`);
      assert.equal(x.similarity, 0);
    }
    if (t.strategyAdded) own.add(t.queryId);
  }
  assert.ok(
    new Set(random.map((t) => t.retrieved.map((x) => x.queryId).join())).size > 5,
    'the draws vary from query to query',
  );
  // retrieval by similarity finds the useful strategy, the random draw mostly does not: the paper's ordering
  const rate = (arm: string) => row(r, arm)?.strongCallRate ?? NaN;
  assert.ok(
    rate('retrieval') < rate('random') && rate('random') < rate('plain'),
    `strong-call rates ${rate('retrieval')} < ${rate('random')} < ${rate('plain')}`,
  );
  assert.equal(rate('plain'), 16 / 24, 'the plain cascade defers every "times" and "minus" query');
  assert.equal(row(r, 'plain')?.strategiesAdded, 0);
});

test("an identical prompt is paid once, whichever arm asks: the strong model's answer is shared; the extra paid calls are counted", async () => {
  const rec = recordingChat();
  const r = await runCascadeSession(options(rec.chat, { compare: ['plain', 'random'] }));
  const keys = rec.requests.map((q) => JSON.stringify(q));
  assert.equal(new Set(keys).size, keys.length, 'no prompt sent twice');
  const deferred = new Set(
    [r.run.trace, control(r, 'plain'), control(r, 'random')].flatMap((t) =>
      t.filter((x) => x.calls.length > 1).map((x) => x.queryId),
    ),
  );
  assert.equal(rec.promptsOf(STRONG).length, deferred.size, 'one strong call per query any arm deferred');
  assert.equal(r.spend.chatCalls, rec.requests.length);
  const alone = recordingChat();
  const solo = await runCascadeSession(options(alone.chat));
  assert.deepEqual(
    solo.run.trace.map((t) => t.answeredBy),
    r.run.trace.map((t) => t.answeredBy),
    'the controls do not change the Inter-Cascade',
  );
  assert.equal(
    r.sharing?.extraPaidCalls,
    rec.requests.length - alone.requests.length,
    'extra paid calls = what the comparison added',
  );
  const made = [r.run.trace, control(r, 'plain'), control(r, 'random')].reduce(
    (n, t) => n + t.reduce((m, x) => m + x.calls.length, 0),
    0,
  );
  assert.equal(
    r.sharing?.sharedCalls,
    made - rec.requests.length,
    'every call an arm made and nobody paid now was shared',
  );
  assert.ok((row(r, 'plain')?.sharedCalls ?? 0) > 0 && (row(r, 'random')?.sharedCalls ?? 0) > 0);
});

test('the estimate names the extra calls; the budget counts them (a budget the Inter-Cascade alone fits stops the comparison)', async () => {
  const rec = recordingChat();
  const solo = await runCascadeSession(options(rec.chat));
  const withControls = options(recordingChat().chat, { compare: ['plain', 'random'] });
  const r = await runCascadeSession({ ...withControls, budgetTokens: solo.spend.tokens + 100 });
  assert.equal(r.stopped?.reason, 'budget');
  assert.ok(r.spend.tokens <= solo.spend.tokens + 100);
  const e = r.estimate;
  const part = (what: string) => e.parts.find((p) => p.what === what);
  assert.deepEqual(
    [part('plain')?.calls, part('random')?.calls],
    [
      { low: 24, high: 24 },
      { low: 24, high: 24 },
    ],
    'one weak call per query for each control',
  );
  assert.deepEqual(part('retrieval')?.calls, { low: 24, high: 48 });
  assert.deepEqual(
    e.calls,
    { low: 72, high: 96 },
    'no extra strong call at the upper end: the strong answers are shared',
  );
  assert.ok((part('plain')?.tokens.low ?? 0) < (part('random')?.tokens.low ?? 0), 'the plain prompt carries no notes');
  assert.equal(
    e.usd?.high,
    e.parts.reduce((n, p) => n + (p.usd?.high ?? 0), 0),
  );
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

test('a comparison cut anywhere resumes to the same end, and no prompt is paid twice across the runs (property)', async () => {
  const full = memoryJournal();
  const first = recordingChat();
  const reference = await runCascadeSession(
    options(first.chat, { compare: ['plain', 'random'], journal: full, queries: queries.slice(0, 12) }),
  );
  const text = full.text ?? '';
  const outcome = (r: CascadeSessionResult) =>
    [r.run.trace, ...r.controls.map((c) => c.trace)].map((t) =>
      t.map((x) => ({ ...x, calls: x.calls.map((c) => ({ ...c, latencyS: null })) })),
    );
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: Buffer.byteLength(text) }), async (cut) => {
      const journal = memoryJournal();
      journal.text = Buffer.from(text).subarray(0, cut).toString();
      const rec = recordingChat();
      const r = await runCascadeSession(
        options(rec.chat, { compare: ['plain', 'random'], journal, queries: queries.slice(0, 12) }),
      );
      assert.deepEqual(outcome(r), outcome(reference));
      assert.deepEqual(
        r.comparison?.map((a) => ({ ...a })),
        reference.comparison?.map((a) => ({ ...a })),
      );
      const paidBefore =
        journal.text.split('\n').filter((l) => l.startsWith('{"type":"call"')).length - rec.requests.length;
      assert.equal(
        paidBefore + rec.requests.length,
        first.requests.length,
        `cut at ${cut}: together, exactly the calls of one uninterrupted run`,
      );
    }),
    { numRuns: 30 },
  );
});
