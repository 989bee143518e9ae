/**
 * Retrieved strategies augment the weak model only (Inter-Cascade §2.2: the weak model's input is
 * the query with its strategies; a deferred query reaches the strong model as it is). Checked on
 * every prompt each model received, with deterministic fake models, in the engine's loop and in a
 * whole session (calibration, online run, resume).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCascadeSession, type CascadeSessionOptions } from '../../../src/engines/intercascade/cascadeSession';
import type { CascadeModel } from '../../../src/engines/intercascade/cascadeModel';
import { parseQueriesJsonl } from '../../../src/engines/intercascade/queriesJsonl';
import { runInterCascade } from '../../../src/engines/intercascade/runInterCascade';
import type { RetrievedStrategy } from '../../../src/engines/intercascade/strategyRepository';
import { DEFAULT_RETRY } from '../../../src/engines/llm/retry';
import { arithmeticQueries, STRONG, WEAK } from '../../helpers/arithmeticModels';
import { recordingChat, showsNotes } from '../../helpers/recordingChat';

const queries = parseQueriesJsonl(arithmeticQueries(24)).items.map((i) => i.value);
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
  repository: [],
  priceOf: () => null,
  timeoutMs: 30_000,
  retry: DEFAULT_RETRY,
  journal: null,
  ...over,
});

test('engine loop: the weak model gets the retrieved strategies, every later stage the bare query', async () => {
  const seen = new Map<string, RetrievedStrategy[][]>();
  const model = (
    name: string,
    answer: (q: string, s: readonly RetrievedStrategy[]) => { answer: string; confidence: number; strategy?: string },
  ): CascadeModel => ({
    name,
    async answer(q, strategies) {
      seen.set(name, [...(seen.get(name) ?? []), [...strategies]]);
      return answer(q, strategies);
    },
  });
  // the weak model is sure only when shown a strategy written for the same question (so a query of the
  // other basket is deferred with a strategy retrieved); the middle one never; the strong one always, and teaches
  const weak = model('weak', (q, s) => ({ answer: '1', confidence: s.some((x) => x.entry.query === q) ? 0.9 : 0.1 }));
  const middle = model('middle', () => ({ answer: '1', confidence: 0.1 }));
  const strong = model('strong', (q) => ({ answer: '1', confidence: 0.9, strategy: `how to: ${q}` }));
  const qs = Array.from({ length: 6 }, (_, i) => ({
    queryId: `q${i}`,
    question: `How many apples in basket ${i % 2}?`,
    gold: '1',
  }));
  const r = await runInterCascade({
    queries: qs,
    stages: [
      { model: weak, threshold: 0.5 },
      { model: middle, threshold: 0.5 },
      { model: strong, threshold: 0.5 },
    ],
    k: 2,
  });
  assert.ok(
    r.trace.some((t) => t.retrieved.length > 0 && t.calls.length === 3),
    'some query was deferred with strategies retrieved',
  );
  assert.equal(seen.get('weak')?.length, 6);
  assert.deepEqual(
    seen.get('weak')?.map((s) => s.length),
    r.trace.map((t) => t.retrieved.length),
    'the weak model saw exactly what was retrieved',
  );
  assert.ok(
    (seen.get('middle') ?? []).every((s) => s.length === 0),
    'the middle model never saw a strategy',
  );
  assert.ok(
    (seen.get('strong') ?? []).length > 0 && (seen.get('strong') ?? []).every((s) => s.length === 0),
    'the strong model never saw a strategy',
  );
});

test("a session: no prompt the strong model received shows a note; the weak model's do once strategies exist, in calibration none", async () => {
  const rec = recordingChat();
  const all = parseQueriesJsonl(arithmeticQueries(36)).items.map((i) => i.value);
  const r = await runCascadeSession(
    options(rec.chat, { queries: all, thresholds: { mode: 'guarantee', alpha: 0.3, delta: 0.2, calibration: 24 } }),
  );
  assert.deepEqual([r.weakThreshold, r.strongThreshold], [0.9, 0.95], 'thresholds from the calibration');
  const strong = rec.promptsOf(STRONG);
  const weak = rec.promptsOf(WEAK);
  assert.ok(strong.length >= 24 + 2, `the strong model answered calibration and deferred queries (${strong.length})`);
  for (const p of strong) {
    assert.ok(!showsNotes(p), 'no note in a strong prompt');
    assert.match(p.at(-1)?.content ?? '', /^Question: What is \d+ (plus|minus|times) \d+\?$/, 'the bare question');
  }
  assert.ok(
    weak.slice(0, 24).every((p) => !showsNotes(p)),
    'calibration prompts have no notes',
  );
  const online = weak.slice(24);
  assert.equal(online.length, 12);
  assert.deepEqual(
    online.map(showsNotes),
    r.run.trace.map((t) => t.retrieved.length > 0),
    'each online weak prompt shows notes exactly when strategies were retrieved',
  );
  assert.ok(
    online.filter(showsNotes).length >= 10,
    `most weak prompts carry notes (${online.filter(showsNotes).length})`,
  );
  // the strong model's prompt for a query does not depend on the repository: the same bare question each time
  const strongOnline = strong.slice(24).map((p) => p.at(-1)?.content);
  const deferred = r.run.trace
    .filter((t) => t.calls.length > 1)
    .map((t) => `Question: ${all.find((q) => q.queryId === t.queryId)?.question}`);
  assert.ok(deferred.length >= 2);
  assert.deepEqual(strongOnline, deferred);
});
