// Real Inspect AI logs (test/fixtures/logs/inspect/real/, see its README for where each comes from).
// Every figure the reader gives is checked against a count written here straight from the raw
// file (zip entries walked by test/helpers/zipFiles.ts, or the JSON), with each provider's token
// convention stated per fixture and checked against total_tokens; and the mean score against the
// log's own `results.scores[0].metrics.accuracy`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EvalLogError, readEvalLog, readEvalLogs } from '../../../src/node/logs/readEvalLog';
import type { ModelPrice, ReadLogResult } from '../../../src/engines/logs/types';
import { assertClose } from '../../helpers/assertClose';
import { FIXTURES } from '../../helpers/paths';
import { entryJson, rawZipEntries } from '../../helpers/zipFiles';

const DIR = join(FIXTURES, 'logs', 'inspect', 'real');
const at = (name: string) => join(DIR, name);
type Obj = Record<string, unknown>;

/** Where the token counts of one provider's usage go: input counts cache too, output counts reasoning too. */
interface Tokens {
  plainInput: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
}
type Convention = (u: Obj) => Tokens;
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
/** Anthropic (and Inspect's OpenAI Responses usage since 2025): input_tokens leaves the cache out; total = input + cache + output. */
const cacheApart: Convention = (u) => {
  assert.equal(
    num(u.total_tokens),
    num(u.input_tokens) + num(u.input_tokens_cache_read) + num(u.input_tokens_cache_write) + num(u.output_tokens),
    'cache-apart convention',
  );
  return {
    plainInput: num(u.input_tokens),
    cacheRead: num(u.input_tokens_cache_read),
    cacheWrite: num(u.input_tokens_cache_write),
    output: num(u.output_tokens),
  };
};
/** Gemini in Inspect 0.3.128: output_tokens leaves the thoughts out; total = input + output + reasoning. */
const thoughtsApart: Convention = (u) => {
  assert.equal(
    num(u.total_tokens),
    num(u.input_tokens) + num(u.output_tokens) + num(u.reasoning_tokens),
    'thoughts-apart convention',
  );
  return {
    plainInput: num(u.input_tokens),
    cacheRead: 0,
    cacheWrite: 0,
    output: num(u.output_tokens) + num(u.reasoning_tokens),
  };
};
/** No cache in play and reasoning (if any) inside output_tokens: total = input + output. */
const plain: Convention = (u) => {
  assert.equal(num(u.total_tokens), num(u.input_tokens) + num(u.output_tokens), 'plain convention');
  assert.equal(num(u.input_tokens_cache_read) + num(u.input_tokens_cache_write), 0, 'no cache');
  return { plainInput: num(u.input_tokens), cacheRead: 0, cacheWrite: 0, output: num(u.output_tokens) };
};

interface Fixture {
  file: string;
  model: string;
  convention: Convention;
  /** Where this log version keeps usage: the summaries, or only the sample entries. */
  from: 'summaries' | 'samples';
  epochs: number;
}

const FIXTURES_REAL: Fixture[] = [
  {
    file: '2025-09-15T15-04-34-04-00_popularity_jKN69eAYYpZFAZhRgMAztp.eval',
    model: 'anthropic/claude-sonnet-4-20250514',
    convention: cacheApart,
    from: 'summaries',
    epochs: 5,
  },
  {
    file: '2025-09-15T15-04-34-04-00_popularity_J5EskSJVsBD9iRd47twk8x.eval',
    model: 'google/gemini-2.5-pro',
    convention: thoughtsApart,
    from: 'summaries',
    epochs: 5,
  },
  {
    file: '2025-09-15T15-04-34-04-00_popularity_CuCFPdqnwXupUkxp69nJ2a.eval',
    model: 'openai/gpt-5',
    convention: plain,
    from: 'summaries',
    epochs: 5,
  },
  { file: 'ais-decoder.eval', model: 'openai/gpt-5.4', convention: cacheApart, from: 'summaries', epochs: 1 },
  {
    file: 'small.eval',
    model: 'anthropic/claude-opus-4-1-20250805',
    convention: cacheApart,
    from: 'summaries',
    epochs: 6,
  },
  {
    file: '2025-03-18T14-21-24+00-00_theory-of-mind_TZtKk4ZzmPhr2ERVLfZFwg.eval',
    model: 'openai/o3-mini',
    convention: plain,
    from: 'samples',
    epochs: 3,
  },
  {
    file: '2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval',
    model: 'openai/gpt-4o-mini',
    convention: plain,
    from: 'samples',
    epochs: 1,
  },
  {
    file: 'log_streaming.eval',
    model: 'azureai/Meta-Llama-3-1-405B-Instruct-jqf',
    convention: plain,
    from: 'samples',
    epochs: 2,
  },
  {
    file: 'log_streaming-chunked.eval',
    model: 'azureai/Meta-Llama-3-1-405B-Instruct-jqf',
    convention: plain,
    from: 'samples',
    epochs: 2,
  },
  {
    file: '2025-05-12T20-28-26-04-00_security-guide.json',
    model: 'openai/gpt-4o-mini',
    convention: plain,
    from: 'samples',
    epochs: 1,
  },
  {
    file: '2025-05-12T20-28-13-04-00_popularity.json',
    model: 'openai/gpt-4o-mini',
    convention: plain,
    from: 'samples',
    epochs: 1,
  },
];

/** Made-up prices ($ per million tokens), distinct per token kind so that a token in the wrong bucket changes the cost. */
const PRICE: ModelPrice = {
  inputPerMillion: 1.1,
  outputPerMillion: 7.3,
  cacheReadPerMillion: 0.13,
  cacheWritePerMillion: 2.9,
};
const priceOf = (t: Tokens): number =>
  (t.plainInput * 1.1 + t.cacheRead * 0.13 + t.cacheWrite * 2.9 + t.output * 7.3) / 1e6;

/** The log's header and its samples as this log version keeps them, read without the reader. */
function rawLog(f: Fixture): { header: Obj; samples: Obj[] } {
  const path = at(f.file);
  if (f.file.endsWith('.json')) {
    const log = JSON.parse(readFileSync(path, 'utf8')) as Obj;
    return { header: log, samples: log.samples as Obj[] };
  }
  const entries = rawZipEntries(readFileSync(path));
  const header = entryJson(entries, 'header.json') as Obj;
  if (f.from === 'summaries') return { header, samples: entryJson(entries, 'summaries.json') as Obj[] };
  const names = [...entries.keys()].filter((n) => /^samples\/[^/]+_epoch_\d+(\.json|\/sample\.json)$/.test(n));
  return { header, samples: names.map((n) => entryJson(entries, n) as Obj) };
}

/** Per-query means over epochs, then means over queries: Inspect's mean reducer, then its accuracy metric. */
function independentCount(f: Fixture): {
  n: number;
  epochsSeen: number;
  accuracy: number;
  cost: number;
  latency: number | null;
  output: number;
  logAccuracy: number;
} {
  const { header, samples } = rawLog(f);
  const scorer = ((header.results as Obj).scores as Obj[])[0].scorer as string;
  const byId = new Map<string, { score: number[]; cost: number[]; latency: number[]; output: number[] }>();
  for (const s of samples) {
    const value = ((s.scores as Obj)[scorer] as Obj).value;
    const score = value === 'C' ? 1 : value === 'I' ? 0 : (value as number);
    const tokens = f.convention((s.model_usage as Obj)[f.model] as Obj);
    const q = byId.get(String(s.id)) ?? { score: [], cost: [], latency: [], output: [] };
    q.score.push(score);
    q.cost.push(priceOf(tokens));
    q.output.push(tokens.output);
    const latency = typeof s.total_time === 'number' ? s.total_time : s.working_time;
    if (typeof latency === 'number') q.latency.push(latency);
    byId.set(String(s.id), q);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const qs = [...byId.values()];
  const latencies = qs.filter((q) => q.latency.length).map((q) => mean(q.latency));
  const metrics = ((header.results as Obj).scores as Obj[])[0].metrics as Obj;
  return {
    n: byId.size,
    epochsSeen: Math.max(...qs.map((q) => q.score.length)),
    accuracy: mean(qs.map((q) => mean(q.score))),
    cost: mean(qs.map((q) => mean(q.cost))),
    latency: latencies.length ? mean(latencies) : null,
    output: mean(qs.map((q) => mean(q.output))),
    logAccuracy: (metrics.accuracy as Obj).value as number,
  };
}

const meanOf = (log: ReadLogResult, pick: (r: ReadLogResult['records'][number]) => number | null): number | null => {
  const xs = log.records.map(pick).filter((v): v is number => v !== null);
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
};

for (const f of FIXTURES_REAL) {
  test(`real Inspect log ${f.file}: n, accuracy, cost, latency and output tokens equal a count from the raw file; accuracy equals the log's own`, async () => {
    const expected = independentCount(f);
    assert.equal(expected.epochsSeen, f.epochs, 'epochs per query in the raw file');
    const log = await readEvalLog(at(f.file), { prices: new Map([[f.model, PRICE]]), priceDatabase: false });
    assert.equal(log.adapter, 'inspect');
    assert.deepEqual(log.skipped, []);
    assert.deepEqual([...new Set(log.records.map((r) => r.model))], [f.model]);
    assert.equal(log.records.length, expected.n, 'one record per query');
    assert.ok(
      log.records.every((r) => r.epochs === f.epochs && r.queryId.includes('/')),
      'every epoch averaged in; ids are <task>/<id>',
    );
    // Tolerances: the same sums in another order, so 1e-12 relative; the log's metric is Python's float of the same mean, so 1e-9.
    assertClose(meanOf(log, (r) => r.score) as number, expected.accuracy, { rel: 1e-12 }, 'mean score');
    assertClose(
      meanOf(log, (r) => r.score) as number,
      expected.logAccuracy,
      { abs: 1e-9 },
      "mean score vs the log's accuracy",
    );
    assertClose(meanOf(log, (r) => r.costUsd) as number, expected.cost, { rel: 1e-12 }, 'mean cost');
    assertClose(meanOf(log, (r) => r.outputTokens) as number, expected.output, { rel: 1e-12 }, 'mean output tokens');
    const latency = meanOf(log, (r) => r.latencyS);
    if (expected.latency === null) assert.equal(latency, null, 'no time in this log version');
    else assertClose(latency as number, expected.latency, { rel: 1e-12 }, 'mean latency');
    assert.ok(!log.warnings.some((w) => /differs from the log's own/.test(w.reason)), 'no headline mismatch reported');
    if (f.epochs > 1) assert.ok(log.warnings.some((w) => w.reason.includes('were averaged into one record')));
    if (f.from === 'samples' && f.file.endsWith('.eval'))
      assert.ok(log.warnings.some((w) => w.reason.includes('usage, time and scores come from the sample entries')));
  });
}

test("5-epoch Claude run: the mean over all epochs is Inspect's 0.66 (epoch 1 alone would say 0.70); keepEpochs keeps the 50 answers apart", async () => {
  const file = at('2025-09-15T15-04-34-04-00_popularity_jKN69eAYYpZFAZhRgMAztp.eval');
  const log = await readEvalLog(file);
  assertClose(
    meanOf(log, (r) => r.score) as number,
    0.66,
    { abs: 1e-9 },
    'results.scores[0].metrics.accuracy is 0.6599999999999999',
  );
  const summaries = entryJson(rawZipEntries(readFileSync(file)), 'summaries.json') as Obj[];
  const epoch1 = summaries.filter((s) => s.epoch === 1);
  assert.equal(
    epoch1.filter((s) => ((s.scores as Obj).match as Obj).value === 'C').length / epoch1.length,
    0.7,
    'what reading epoch 1 only gave',
  );
  const kept = await readEvalLog(file, { keepEpochs: true });
  assert.equal(kept.records.length, 50);
  assert.ok(kept.records.every((r) => /^popularity\/\d+#[1-5]$/.test(r.queryId)));
});

test('Gemini 2.5 Pro: output_tokens leaves the thoughts out, so the reasoning tokens are added to the output and to the cost', async () => {
  const file = at('2025-09-15T15-04-34-04-00_popularity_J5EskSJVsBD9iRd47twk8x.eval');
  const kept = await readEvalLog(file, { keepEpochs: true });
  const summaries = entryJson(rawZipEntries(readFileSync(file)), 'summaries.json') as Obj[];
  const first = summaries[0];
  const u = (first.model_usage as Obj)['google/gemini-2.5-pro'] as Obj;
  const rec = kept.records.find((r) => r.queryId === `popularity/${first.id}#${first.epoch}`);
  assert.ok(rec);
  assert.equal(
    rec.outputTokens,
    num(u.output_tokens) + num(u.reasoning_tokens),
    `${u.output_tokens} + ${u.reasoning_tokens} reasoning`,
  );
  assert.equal(rec.reasoningTokens, num(u.reasoning_tokens));
  const reasoning = summaries.map((s) =>
    num(((s.model_usage as Obj)['google/gemini-2.5-pro'] as Obj).reasoning_tokens),
  );
  assert.ok(reasoning.reduce((a, b) => a + b, 0) / reasoning.length > 400, 'about 400+ reasoning tokens per sample');
  // Bundled database (genai-prices, pinned in package.json): Gemini 2.5 Pro at $1.25 / $10 per million up to 200k prompt tokens.
  assert.ok(kept.records.every((r) => r.costSource === 'database'));
  for (const r of kept.records)
    assertClose(
      r.costUsd as number,
      ((r.inputTokens as number) * 1.25 + (r.outputTokens as number) * 10) / 1e6,
      { rel: 1e-12 },
      r.queryId,
    );
});

test('Claude Opus 4.1 with prompt caching: input counts cache reads and writes (Anthropic leaves them out of input_tokens)', async () => {
  const file = at('small.eval');
  const kept = await readEvalLog(file, { keepEpochs: true });
  const summaries = entryJson(rawZipEntries(readFileSync(file)), 'summaries.json') as Obj[];
  for (const s of summaries) {
    const u = (s.model_usage as Obj)['anthropic/claude-opus-4-1-20250805'] as Obj;
    const r = kept.records.find((x) => x.queryId === `oxdna_simple/${s.id}#${s.epoch}`);
    assert.ok(r);
    assert.deepEqual(
      [r.inputTokens, r.cacheReadTokens, r.cacheWriteTokens, r.outputTokens, r.reasoningTokens],
      [
        num(u.input_tokens) + num(u.input_tokens_cache_read) + num(u.input_tokens_cache_write),
        u.input_tokens_cache_read,
        u.input_tokens_cache_write,
        u.output_tokens,
        u.reasoning_tokens,
      ],
    );
  }
});

test('logs of the same task from three models share query ids; logs of other tasks do not collide', async () => {
  const files = [
    '2025-09-15T15-04-34-04-00_popularity_jKN69eAYYpZFAZhRgMAztp.eval',
    '2025-09-15T15-04-34-04-00_popularity_J5EskSJVsBD9iRd47twk8x.eval',
    '2025-09-15T15-04-34-04-00_popularity_CuCFPdqnwXupUkxp69nJ2a.eval',
    '2025-03-18T14-21-24+00-00_theory-of-mind_TZtKk4ZzmPhr2ERVLfZFwg.eval',
  ].map(at);
  const { results, failures } = await readEvalLogs(files);
  assert.deepEqual(failures, []);
  const ids = results.map((r) => new Set(r.records.map((x) => x.queryId)));
  assert.deepEqual([...ids[0]].sort(), [...ids[1]].sort());
  assert.deepEqual([...ids[0]].sort(), [...ids[2]].sort());
  assert.ok(
    [...ids[3]].every((id) => id.startsWith('theory_of_mind/') && !ids[0].has(id)),
    'theory_of_mind ids 1..10 do not meet popularity ids 1..10',
  );
});

test('a current zstandard archive (zip method 93) with no scorer: read, and the unscored sample is reported', async () => {
  const log = await readEvalLog(at('retry-2-then-success.eval'));
  assert.equal(log.records.length, 0);
  assert.deepEqual(
    log.skipped.map((s) => [s.line, s.reason]),
    [
      [
        1,
        'summaries.json[0] (id 1, epoch 1): the sample has no score (the run had no scorer, or scoring did not happen)',
      ],
    ],
  );
  assert.ok(log.warnings.some((w) => w.reason.startsWith('1 sample(s) have no score and are left out')));
});

test('a cancelled run with "samples": [] and a header-only log are whole-file errors that say so', async () => {
  await assert.rejects(
    readEvalLog(at('2025-05-12T20-28-13-04-00_no-samples.json')),
    (e: unknown) =>
      e instanceof EvalLogError &&
      e.message.endsWith(
        'the run was cancelled before any sample finished (status "cancelled", no samples in the log)',
      ),
  );
  await assert.rejects(
    readEvalLog(at('2024-08-29T15-11-18+00-00_popularity_5EAmX6wjMFqea6WY7XHzZp.json')),
    (e: unknown) =>
      e instanceof EvalLogError && /header-only log: the file has no "samples" .*status is "error"/.test(e.message),
  );
});

test('a cancelled run that finished some samples is read, with a warning about its status', async () => {
  const log = await readEvalLog(at('2025-05-12T20-28-13-04-00_popularity.json'));
  assert.equal(log.records.length, 3);
  assert.ok(
    log.warnings.some(
      (w) => w.reason === 'the run was cancelled (status "cancelled"): only the samples it finished are in the log',
    ),
  );
});
