/**
 * Matching by an LLM judge in a session, with deterministic fake models: the judge is asked only
 * when the exact match fails, with our prompt; its calls are paid, counted in the spending, the
 * budget and the estimate (never in a pipeline's cost), journaled, and shared across arms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCascadeSession, type CascadeSessionOptions } from '../../../src/engines/intercascade/cascadeSession';
import { parseQueriesJsonl } from '../../../src/engines/intercascade/queriesJsonl';
import type { ChatRequest } from '../../../src/engines/llm/chatFunction';
import { DEFAULT_RETRY } from '../../../src/engines/llm/retry';
import { arithmeticQueries, arithmeticReply, STRONG, WEAK } from '../../helpers/arithmeticModels';
import type { MockChatResponse } from '../../helpers/mockChatServer';
import { recordingChat } from '../../helpers/recordingChat';
import { assertClose } from '../../helpers/assertClose';

const JUDGE = 'judge';
const queries = parseQueriesJsonl(arithmeticQueries(12)).items.map((i) => i.value);
const PRICES = new Map([
  [WEAK, { inputPerMillion: 0.1, outputPerMillion: 0.4 }],
  [STRONG, { inputPerMillion: 5, outputPerMillion: 15 }],
  [JUDGE, { inputPerMillion: 1, outputPerMillion: 2 }],
]);

/** The arithmetic models, but the weak one adds a unit to its answers ("13 units"); the judge compares the numbers. */
function respond(req: ChatRequest, judgeDown = false): MockChatResponse {
  if (req.model === JUDGE) {
    if (judgeDown) return { status: 500, body: 'judge down' };
    const text = req.messages.at(-1)?.content ?? '';
    const ref = /Reference answer: (.*)/.exec(text)?.[1];
    const cand = /Candidate answer: (.*)/.exec(text)?.[1];
    return {
      content: parseInt(cand ?? '', 10) === Number(ref) ? 'yes' : 'no',
      usage: { prompt_tokens: 100, completion_tokens: 1 },
    };
  }
  const r = arithmeticReply({ ...req, authorization: undefined });
  if (req.model !== WEAK || !('content' in r)) return r;
  const o = JSON.parse(r.content) as { answer: string; confidence: number };
  return { ...r, content: JSON.stringify({ ...o, answer: `${o.answer} units` }) };
}

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
  priceOf: (m) => PRICES.get(m) ?? null,
  timeoutMs: 30_000,
  retry: DEFAULT_RETRY,
  journal: null,
  ...over,
});

test('the judge is asked when the exact match fails, with our prompt; its verdict decides; its calls are paid and counted apart', async () => {
  const exact = await runCascadeSession(options(recordingChat((req) => respond(req)).chat));
  assert.equal(exact.run.weakAccuracy, 0, '"13 units" is not "13" by exact match');
  const rec = recordingChat((req) => respond(req));
  const r = await runCascadeSession(options(rec.chat, { match: { mode: 'judge', judgeModel: JUDGE } }));
  const judged = rec.promptsOf(JUDGE);
  // every weak answer carries a unit (12 queries); the strong model's answers match exactly and are never judged
  assert.equal(judged.length, 12);
  assert.ok(
    judged.every(
      (p) =>
        p[0].role === 'system' &&
        /^Question: What is .*\nReference answer: -?\d+\nCandidate answer: -?\d+ units\nSame final answer\? \(yes or no\)$/.test(
          p[1].content,
        ),
    ),
  );
  assert.deepEqual(
    r.run.trace.map((t) => t.answeredBy),
    exact.run.trace.map((t) => t.answeredBy),
    'grading never changes the routing',
  );
  assert.equal(
    r.run.weakAccuracy,
    10 / 12,
    'right whenever the number is right: all but the first "times" and "minus" queries',
  );
  assert.equal(r.judge?.calls, 12);
  assert.equal(r.judge?.failed, 0);
  assertClose(r.judge?.costUsd ?? NaN, (12 * (100 * 1 + 1 * 2)) / 1e6, { rel: 1e-12 }, "the judge's cost");
  assertClose(r.run.totalCostUsd ?? NaN, exact.run.totalCostUsd ?? NaN, { rel: 1e-12 }, "not in the pipeline's cost");
  assert.equal(r.spend.chatCalls, rec.requests.length, 'in the spending');
  assertClose(
    r.spend.usd ?? NaN,
    (exact.spend.usd ?? 0) + (r.judge?.costUsd ?? 0),
    { rel: 1e-12 },
    'spent = the cascade + the judge',
  );
  const part = r.estimate.parts.find((p) => p.what === 'judge');
  assert.deepEqual(part?.calls, { low: 0, high: 24 }, 'in the estimate: up to one verdict per answer');
});

test('with a comparison the same answer on the same query is judged once; a failing judge leaves the answer not correct and is counted', async () => {
  const rec = recordingChat((req) => respond(req));
  const r = await runCascadeSession(
    options(rec.chat, { match: { mode: 'judge', judgeModel: JUDGE }, compare: ['plain'] }),
  );
  const judged = rec.promptsOf(JUDGE).map((p) => p[1].content);
  assert.equal(new Set(judged).size, judged.length, 'no verdict asked twice');
  const plain = r.controls[0].trace;
  assert.ok(
    plain.some((t) => t.calls[0].correct === true),
    'the plain arm got the verdicts too',
  );
  const down = recordingChat((req) => respond(req, true));
  const d = await runCascadeSession(
    options(down.chat, { match: { mode: 'judge', judgeModel: JUDGE }, maxConsecutiveFailures: 100 }),
  );
  assert.equal(d.run.weakAccuracy, 0, 'no verdict: not correct');
  assert.equal(d.judge?.failed, 12);
  assert.equal(d.failed.transport, 12, "the judge's failures are counted with the other failed calls");
  assert.match(d.warnings.join('\n'), /12 model calls failed .*first: judge: HTTP 500: judge down/);
  await assert.rejects(
    runCascadeSession(options(rec.chat, { match: { mode: 'judge', judgeModel: 'unpriced' }, budgetUsd: 1 })),
    /a budget in dollars needs prices for unpriced/,
  );
});
