/** The Cascade Runner's worker job against a local mock OpenAI-compatible server, in-process and through the worker thread. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interCascadeRun, type CascadeRunParams, type CascadeRunUpdate } from '../../src/worker/jobs/interCascadeRun';
import { WorkerClient } from '../../src/host/engine/workerClient';
import { startMockChatServer } from '../helpers/mockChatServer';
import { arithmeticQueries, arithmeticReply, operationEmbedding, arithmeticRunForm } from '../helpers/arithmeticModels';
import { assertClose } from '../helpers/assertClose';
import { startEngineWorker } from '../helpers/sourceEntry';

let dir = '';
let mock: Awaited<ReturnType<typeof startMockChatServer>>;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cascade-run-'));
  // The weak model breaks the reply format on one question (q-6, "What is 16 plus 3?").
  mock = await startMockChatServer(
    (req) => arithmeticReply(req, (q) => q.startsWith('What is 16 plus')),
    (req) => req.input.map(operationEmbedding),
  );
});
after(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const params = (
  over: Partial<CascadeRunParams['form']> = {},
  extra: Partial<CascadeRunParams> = {},
): CascadeRunParams => ({
  form: arithmeticRunForm(file('q.jsonl', arithmeticQueries(24)), over),
  endpoint: mock.url,
  apiKey: 'sk-test',
  timeoutS: 10,
  prices: { small: { input: 0.1, output: 0.4 }, big: { input: 5, output: 15 } },
  priceFile: null,
  ...extra,
});
const ctx = (updates: CascadeRunUpdate[] = []) => ({
  signal: new AbortController().signal,
  progress: () => undefined,
  update: (u: unknown) => updates.push(structuredClone(u) as CascadeRunUpdate),
});

test('a run: strong calls only where no strategy fits yet, live points after every query, malformed reply counted, eval log and repository', async () => {
  const updates: CascadeRunUpdate[] = [];
  const repo = join(dir, 'strategies.jsonl');
  const r = await interCascadeRun(params({ repositoryFile: repo }), ctx(updates));
  const s = r.summary;
  // By construction (test/helpers/arithmeticModels.ts): q-1 (times) and q-2 (minus) go to the strong
  // model and leave a strategy each; q-6's malformed weak reply sends it there too (a third strategy).
  assert.equal(s.n, 24);
  assert.deepEqual(
    r.trace.filter((t) => t.answeredBy === 'strong').map((t) => t.queryId),
    ['q-1', 'q-2', 'q-6'],
  );
  assertClose(s.strongCallRate, 3 / 24, { rel: 1e-12 }, 'strong-call rate 3 of 24');
  assert.equal(s.overallAccuracy, 1);
  assertClose(s.weakCorrectAccepted ?? NaN, 21 / 24, { rel: 1e-12 }, 'weak right and kept on the other 21');
  assert.deepEqual([s.repositoryStart, s.repositorySize, s.strategiesAdded, s.repositorySavedTo], [0, 3, 3, repo]);
  assert.deepEqual([s.failed.malformed, s.failed.transport], [1, 0]);
  assert.match(s.failed.examples[0], /^small: the reply is not a JSON object/);
  assert.ok(
    s.warnings.some((w) =>
      /^1 model call failed and counted as unsure answers \(1 malformed reply\); first: small: the reply is not a JSON object/.test(
        w,
      ),
    ),
    s.warnings.join('\n'),
  );
  assert.equal(s.stopped, null);
  assert.match(r.trace[6].problem ?? '', /not a JSON object/);
  // cost: 24 weak calls × (200 × 0.1 + 10 × 0.4)/1e6 + 3 strong × (500 × 5 + 40 × 15)/1e6 (the malformed reply was paid for too)
  assertClose(s.totalCostUsd ?? NaN, 24 * 2.4e-5 + 3 * 3.1e-3, { rel: 1e-9 }, 'total cost');
  assertClose(s.spent.usd ?? NaN, 24 * 2.4e-5 + 3 * 3.1e-3, { rel: 1e-9 }, 'spent');
  // the estimate before the run: 24 to 48 calls
  assert.deepEqual([s.estimate.calls.low, s.estimate.calls.high], [24, 48]);
  // a 'starting' update with the estimate, then one per query (24 ≤ 50 points), cumulative; the strong-call rate peaks at 2/3 after q-2, then falls
  assert.equal(updates[0].stage, 'starting');
  assert.deepEqual(updates[0].estimate?.calls, { low: 24, high: 48 });
  assert.deepEqual(
    updates.map((u) => u.done),
    Array.from({ length: 25 }, (_, i) => i),
  );
  const rates = r.points.map((p) => p.strongCallRate);
  assert.equal(Math.max(...rates), 2 / 3);
  assert.ok(rates.at(-1)! < rates[2], 'the strong-call rate falls as strategies accumulate');
  assert.deepEqual(
    r.points.map((p) => p.repositorySize).filter((x, i, a) => a.indexOf(x) === i),
    [0, 1, 2, 3],
  );
  assert.deepEqual(updates.at(-1)?.points, r.points);
  // eval log: 24 weak + 3 strong records minus the malformed call = 26, all in split "test"
  assert.equal(r.log.records, 26);
  const lines = r.log.text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { split: string });
  assert.ok(lines.every((l) => l.split === 'test'));
  assert.equal(readFileSync(repo, 'utf8').trim().split('\n').length, 3, 'the repository file was written');
  // a second run from that repository needs no strong call except for the malformed reply
  const again = await interCascadeRun(params({ repositoryFile: repo }), ctx());
  assert.deepEqual(
    again.trace.filter((t) => t.answeredBy === 'strong').map((t) => t.queryId),
    ['q-6'],
  );
  assert.equal(again.summary.repositoryStart, 3);
});

test('answer-token confidences: the job asks for log-probs and the trace shows them', async () => {
  const r = await interCascadeRun(
    params({ confidence: 'tokens', thresholds: { mode: 'manual', weak: 0.5, strong: 0 } }),
    ctx(),
  );
  // Weak answers it knows: token probability 0.7 (kept at 0.5); unknown operations: 0.1 (deferred).
  assert.deepEqual(
    [...new Set(r.trace.filter((t) => t.problem === null).map((t) => Math.round(t.weakConfidence * 1e9) / 1e9))].sort(),
    [0.1, 0.7],
  );
  assert.deepEqual(
    r.trace.filter((t) => t.answeredBy === 'strong').map((t) => t.queryId),
    ['q-1', 'q-2', 'q-6'],
  );
  assertClose(r.trace[1].strongConfidence ?? NaN, 0.99, { rel: 1e-9 }, 'strong model: its answer token');
});

test('an embedding model matches the queries: same routing on these questions, and the summary says how queries were matched', async () => {
  const r = await interCascadeRun(params({ embeddingModel: 'emb' }), ctx());
  assert.deepEqual(
    r.trace.filter((t) => t.answeredBy === 'strong').map((t) => t.queryId),
    ['q-1', 'q-2', 'q-6'],
  );
  assert.equal(r.summary.embeddingModel, 'emb');
  assert.ok(mock.embeddingRequests.length > 0 && mock.embeddingRequests.every((e) => e.model === 'emb'));
});

test('risk-guarantee thresholds: the first N queries calibrate, the rest run online', async () => {
  const updates: CascadeRunUpdate[] = [];
  const r = await interCascadeRun(
    params({
      queriesFile: file('cal.jsonl', arithmeticQueries(36)),
      thresholds: { mode: 'guarantee', alpha: 0.3, delta: 0.2, calibration: 24 },
    }),
    ctx(updates),
  );
  assert.equal(r.summary.n, 12);
  assert.equal(r.summary.calibration?.n, 24);
  // Without notes the weak model is right exactly when it says 0.9 (7 "plus" queries; the 8th is the
  // malformed reply, confidence 0) and wrong at 0.2. With δ/2 = 0.1 per stage, 7 right answers give
  // the Clopper–Pearson bound 1 − 0.1^(1/7) = 0.280 ≤ α = 0.3, and adding the 0.2 answers breaks it:
  // weak threshold 0.9. The strong model is right at 0.95 on the 17 passed on: 1 − 0.1^(1/17) = 0.127.
  assert.equal(r.summary.weakThreshold, 0.9);
  assert.equal(r.summary.strongThreshold, 0.95);
  assert.ok(updates.some((u) => u.stage === 'calibrating') && updates.at(-1)?.stage === 'online');
  assert.equal(updates.at(-1)?.onlineTotal, 12);
  const split = r.log.text
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { split: string }).split);
  assert.equal(
    split.filter((x) => x === 'train').length,
    24 * 2 - 1,
    'calibration: both models on 24 queries, less the malformed reply',
  );
});

test('clear errors: bad lines with their numbers, a calibration larger than the file, the endpoint down', async () => {
  const bad = file(
    'bad.jsonl',
    '{"query_id": "a", "question": "What is 1 plus 1?", "answer": 2}\n{"query_id": "b", "question": \n\n{"query_id": "c"}\n',
  );
  await assert.rejects(
    interCascadeRun(params({ queriesFile: bad }), ctx()),
    /bad\.jsonl has 2 bad line\(s\): line 2: not valid JSON.*; line 4: missing "question"/,
  );
  await assert.rejects(
    interCascadeRun(params({ thresholds: { mode: 'guarantee', alpha: 0.1, delta: 0.1, calibration: 24 } }), ctx()),
    /^Error: Calibration size 24 leaves no query for the online run: the queries file has 24$/,
  );
  await assert.rejects(
    interCascadeRun(params({ budgetUsd: 1 }, { prices: {} }), ctx()),
    /^Error: A budget in dollars needs prices for small and big/,
  );
  // the endpoint down: the circuit breaker stops the run after 5 failed calls, and says where to look
  const down = await interCascadeRun(
    params({}, { endpoint: 'http://127.0.0.1:9/v1', timeoutS: 5, retry: { maxAttempts: 1 } }),
    ctx(),
  );
  assert.equal(down.summary.stopped?.reason, 'failures');
  assert.match(
    down.summary.stopped?.message ?? '',
    /^the endpoint failed 5 calls in a row; last: small: cannot reach .*Check the setting costRiskLab\.llm\.endpoint/,
  );
  assert.equal(down.summary.n, 0, 'the queries of the failing streak are not results');
});

test('through the worker thread: live updates reach the host before the result', async () => {
  const client = new WorkerClient(startEngineWorker);
  try {
    const seen: number[] = [];
    const r = await client.run('interCascadeRun', params({}, { updateEvery: 6 }), {
      onUpdate: (u) => seen.push((u as CascadeRunUpdate).done),
    });
    assert.deepEqual(seen, [0, 6, 12, 18, 24]);
    assert.equal(r.points.length, 4);
  } finally {
    client.dispose();
  }
});

test('the same flow as the CLI: cancelled, then stopped by the budget, then run again: resumes from the journal, no call answered twice, the same end', async () => {
  const journalDir = join(dir, 'journals');
  const id = (r: (typeof mock.served)[number]) => `${r.model} | ${JSON.stringify(r.messages.at(-1))}`;
  let from = mock.served.length;
  const reference = await interCascadeRun(params(), ctx());
  const uninterrupted = mock.served.slice(from).map(id);

  from = mock.served.length;
  const ac = new AbortController();
  await assert.rejects(
    interCascadeRun(params({}, { journalDir }), {
      ...ctx(),
      signal: ac.signal,
      progress: (f: number) => void (f >= 5 / 24 && ac.abort(new Error('cancelled by the user'))),
    }),
    /cancelled by the user/,
  );
  assert.equal(readdirSync(journalDir).length, 1, 'the journal of the cancelled run is kept');
  // the budget does not cover q-6's strong call (about $0.005): the run stops there, keeps what it finished, and says so
  const stopped = await interCascadeRun(params({ budgetUsd: 0.011 }, { journalDir }), ctx());
  assert.equal(stopped.summary.stopped?.reason, 'budget');
  assert.ok(stopped.summary.resumedQueries >= 5);
  assert.ok(stopped.summary.n < 24 && (stopped.summary.spent.usd ?? Infinity) <= 0.011);
  assert.equal(stopped.summary.journal, join(journalDir, readdirSync(journalDir)[0]));
  const done = await interCascadeRun(params({ budgetUsd: 1 }, { journalDir }), ctx());
  assert.equal(done.summary.stopped, null);
  const calls = mock.served.slice(from).map(id);
  assert.equal(new Set(calls).size, calls.length, 'no (query, model) call answered twice');
  assert.deepEqual(calls, uninterrupted, 'together, exactly the calls of the uninterrupted run');
  const strip = (r: typeof done) =>
    r.trace.map((t) => ({ ...t, costUsd: t.costUsd === null ? null : Math.round(t.costUsd * 1e12) }));
  assert.deepEqual(strip(done), strip(reference));
  assert.equal(
    done.log.text.replace(/"latency_s":[\d.e+-]+/g, ''),
    reference.log.text.replace(/"latency_s":[\d.e+-]+/g, ''),
  );
  assert.deepEqual(readdirSync(journalDir), [], 'the journal of a finished run is removed');
});
