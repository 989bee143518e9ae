// Edge cases of the Inspect AI reader on SMALL HAND-MADE logs (written by the tests below, shaped
// like Inspect's output): errored samples, several scorers, costs, log-probs, journals, broken
// entries. No real log in the Inspect repositories has these; the real logs are tested in
// inspectRealLogs.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { EvalLogError, readEvalLog } from '../../../src/node/logs/readEvalLog';
import { inspectUsageToNative } from '../../../src/engines/logs/inspectUsage';
import { inspectValueToFloat } from '../../../src/engines/logs/inspectSample';
import { storedEntry, writeZip, zstdEntry } from '../../helpers/zipFiles';

type Obj = Record<string, unknown>;
let dir = '';
let n = 0;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspect-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string | Uint8Array): string => {
  const f = join(dir, `${n++}-${name}`);
  writeFileSync(f, content);
  return f;
};

const MODEL = 'openai/gpt-4o-mini';
const header = (over: Obj = {}): Obj => ({
  version: 2,
  status: 'success',
  eval: { eval_id: 'e1', run_id: 'r1', task: 'mmlu', model: MODEL, config: { epochs: 1, epochs_reducer: ['mean'] } },
  results: { scores: [{ name: 'choice', scorer: 'choice', metrics: { accuracy: { name: 'accuracy', value: 0.5 } } }] },
  ...over,
});
const sample = (id: number | string, over: Obj = {}): Obj => ({
  id,
  epoch: 1,
  input: [{ role: 'user', content: `question ${id}` }],
  target: 'A',
  scores: { choice: { value: 'C', answer: 'A' } },
  model_usage: { [MODEL]: { input_tokens: 100, output_tokens: 5, total_tokens: 105 } },
  total_time: 1.5,
  working_time: 1.25,
  ...over,
});
const jsonLog = (h: Obj, samples: Obj[]): string => write('log.json', JSON.stringify({ ...h, samples }));

test('usage conventions: total_tokens tells whether input has the cache and output the reasoning', () => {
  const native = (u: Obj) => Object.fromEntries(inspectUsageToNative(u).fields);
  // Anthropic: input_tokens without cache; total = input + cache + output.
  assert.deepEqual(
    native({
      input_tokens: 100,
      output_tokens: 20,
      input_tokens_cache_read: 1000,
      input_tokens_cache_write: 50,
      total_tokens: 1170,
    }),
    { input_tokens: 1150, output_tokens: 20, cache_read_tokens: 1000, cache_write_tokens: 50 },
  );
  // OpenAI chat completions in older Inspect: prompt_tokens (cache included) as input_tokens.
  assert.deepEqual(
    native({ input_tokens: 1100, output_tokens: 20, input_tokens_cache_read: 1000, total_tokens: 1120 }),
    { input_tokens: 1100, output_tokens: 20, cache_read_tokens: 1000 },
  );
  // Gemini in Inspect 0.3.1xx: thoughts outside output_tokens.
  assert.deepEqual(native({ input_tokens: 59, output_tokens: 1, reasoning_tokens: 411, total_tokens: 471 }), {
    input_tokens: 59,
    output_tokens: 412,
    reasoning_tokens: 411,
  });
  // OpenAI reasoning models: reasoning inside output_tokens.
  assert.deepEqual(
    native({
      input_tokens: 63,
      output_tokens: 263,
      reasoning_tokens: 256,
      total_tokens: 326,
      input_tokens_cache_read: 0,
    }),
    { input_tokens: 63, output_tokens: 263, reasoning_tokens: 256, cache_read_tokens: 0 },
  );
  // The run's configured cost.
  assert.equal(
    inspectUsageToNative({ input_tokens: 1, output_tokens: 1, total_tokens: 2, total_cost: 0.0125 }).fields.get(
      'cost_usd',
    ),
    0.0125,
  );
  // Two readings add up (cache 200 = reasoning 200): Inspect's current convention, flagged as assumed.
  const ambiguous = inspectUsageToNative({
    input_tokens: 300,
    output_tokens: 300,
    input_tokens_cache_read: 200,
    reasoning_tokens: 200,
    total_tokens: 800,
  });
  assert.equal(ambiguous.assumed, true);
  assert.deepEqual([ambiguous.fields.get('input_tokens'), ambiguous.fields.get('output_tokens')], [500, 300]);
  assert.equal(
    inspectUsageToNative({ input_tokens: 10, output_tokens: 5, input_tokens_cache_read: 3 }).assumed,
    true,
    'no total_tokens: assumed',
  );
  assert.equal(
    inspectUsageToNative({ input_tokens: 10, output_tokens: 5, total_tokens: 99 }).assumed,
    false,
    'nothing to decide without cache or reasoning',
  );
  // Reasoning larger than the output cannot be inside it.
  assert.equal(
    inspectUsageToNative({ input_tokens: 10, output_tokens: 5, reasoning_tokens: 50 }).fields.get('output_tokens'),
    55,
  );
});

test("score values as Inspect's value_to_float reads them", () => {
  const cases: [unknown, number | undefined][] = [
    ['C', 1],
    ['I', 0],
    ['P', 0.5],
    ['N', 0],
    [true, 1],
    [false, 0],
    [0.25, 0.25],
    ['Yes', 1],
    ['FALSE', 0],
    ['0.75', 0.75],
    ['maybe', undefined],
    [{ a: 1 }, undefined],
    [null, undefined],
  ];
  for (const [v, x] of cases) assert.equal(inspectValueToFloat(v), x, JSON.stringify(v));
});

test('errored, unscored and odd samples are each skipped with a reason, and counted in warnings; ids are <task>/<id>', async () => {
  const samples = [
    sample(1),
    sample(2, {
      error: { message: 'RateLimitError: 429 Too Many Requests\nretry later', traceback: '...' },
      scores: {},
    }),
    sample(3, { scores: { choice: { value: { a: 1, b: 0 } } } }),
    sample(4, { scores: { choice: { value: 1.5 } } }),
    sample(5, { scores: {} }),
    sample(6, { error: { message: 'Sandbox crashed' } }),
    sample(7, { invalidation: { author: 'reviewer', reason: 'leaked answer' } }),
    sample(8, { scores: { choice: { value: 'I' } } }),
  ];
  const log = await readEvalLog(jsonLog(header(), samples));
  assert.deepEqual(
    log.records.map((r) => [r.queryId, r.score]),
    [
      ['mmlu/1', 1],
      ['mmlu/8', 0],
    ],
  );
  assert.deepEqual(
    log.skipped.map((s) => [s.line, s.reason]),
    [
      [2, 'samples[1] (id 2, epoch 1): the sample ended with an error (RateLimitError: 429 Too Many Requests)'],
      [
        3,
        'samples[2] (id 3, epoch 1): scores.choice.value is a list or dictionary (a multi-value scorer): no single correctness',
      ],
      [4, 'samples[3] (id 4, epoch 1): scores.choice.value 1.5 is outside [0, 1]'],
      [5, 'samples[4] (id 5, epoch 1): the sample has no score (the run had no scorer, or scoring did not happen)'],
      [6, 'samples[5] (id 6, epoch 1): the sample ended with an error (Sandbox crashed)'],
      [
        7,
        'samples[6] (id 7, epoch 1): the sample was invalidated after the run (Inspect leaves it out of its metrics)',
      ],
    ],
  );
  assert.ok(
    log.warnings.some(
      (w) =>
        w.reason ===
        '2 sample(s) ended in an error and are left out (not counted as wrong answers; first: samples[1] (id 2, epoch 1))',
    ),
  );
  assert.ok(log.warnings.some((w) => w.reason.startsWith('1 sample(s) have no score from the scorer "choice"')));
  assert.equal(log.linesRead, 8);
});

test('several scorers: the first by default (the others are named), another on request; a sample without it is reported', async () => {
  const h = header({
    results: {
      scores: [
        { name: 'choice', scorer: 'choice', metrics: { accuracy: { value: 2 / 3 } } },
        { name: 'model_graded_qa', scorer: 'model_graded_qa', metrics: { accuracy: { value: 0.5 } } },
      ],
    },
  });
  const samples = [
    sample(1, { scores: { choice: { value: 'C' }, model_graded_qa: { value: 'I' } } }),
    sample(2, { scores: { choice: { value: 'I' }, model_graded_qa: { value: 'C' } } }),
    sample(3, { scores: { choice: { value: 'C' } } }),
  ];
  const f = jsonLog(h, samples);
  const first = await readEvalLog(f);
  assert.deepEqual(
    first.records.map((r) => r.score),
    [1, 0, 1],
  );
  assert.ok(
    first.warnings.some(
      (w) =>
        w.reason ===
        'correctness from scorer "choice" (the log also has "model_graded_qa": choose with --scorer / costRiskLab.inspect.scorer)',
    ),
  );
  assert.ok(!first.warnings.some((w) => w.reason.includes('differs from')), 'mean 2/3 agrees with the log');
  const graded = await readEvalLog(f, { inspectScorer: 'model_graded_qa' });
  assert.deepEqual(
    graded.records.map((r) => [r.queryId, r.score]),
    [
      ['mmlu/1', 0],
      ['mmlu/2', 1],
    ],
  );
  assert.deepEqual(
    graded.skipped.map((s) => [s.line, s.reason]),
    [[3, 'samples[2] (id 3, epoch 1): no score from the scorer "model_graded_qa" (this sample has "choice")']],
  );
  assert.ok(
    graded.warnings.some((w) =>
      w.reason.startsWith('correctness from scorer "model_graded_qa" (the log also has "choice"'),
    ),
  );
});

test("the mean score is compared with the log's own accuracy, and a non-mean epoch reducer is pointed out", async () => {
  const off = await readEvalLog(
    jsonLog(
      header({ results: { scores: [{ name: 'choice', scorer: 'choice', metrics: { accuracy: { value: 0.9 } } }] } }),
      [sample(1), sample(2, { scores: { choice: { value: 'I' } } })],
    ),
  );
  assert.ok(
    off.warnings.some(
      (w) =>
        w.reason ===
        'the mean score here, 0.5, differs from the log\'s own accuracy for scorer "choice", 0.9 (skipped samples, or a custom metric or reducer, can explain it)',
    ),
  );
  const epochs = [sample(1), sample(1, { epoch: 2, scores: { choice: { value: 'I' } } })];
  const maxed = await readEvalLog(
    jsonLog(
      header({
        results: {
          scores: [{ name: 'choice', scorer: 'choice', reducer: 'max', metrics: { accuracy: { value: 1 } } }],
        },
      }),
      epochs,
    ),
  );
  assert.equal(maxed.records[0].score, 0.5);
  assert.ok(maxed.warnings.some((w) => w.reason.startsWith('the run reduced epochs with "max" (its accuracy: 1)')));
});

test('costs, time and usage: total_cost is the cost; usage of graders is left out and said; usage under another name is taken and said', async () => {
  const usage = {
    [MODEL]: { input_tokens: 100, output_tokens: 5, total_tokens: 105, total_cost: 0.00042 },
    'anthropic/claude-3-5-haiku-latest': { input_tokens: 900, output_tokens: 30, total_tokens: 930 },
  };
  const log = await readEvalLog(
    jsonLog(header(), [sample(1, { model_usage: usage }), sample(2, { total_time: undefined, working_time: 2.5 })]),
  );
  assert.deepEqual(
    log.records.map((r) => [r.costUsd, r.costSource, r.inputTokens, r.latencyS]),
    [
      [0.00042, 'log', 100, 1.5],
      [(100 * 0.15 + 5 * 0.6) / 1e6, 'database', 100, 2.5],
    ],
  );
  assert.ok(
    log.warnings.some(
      (w) =>
        w.reason ===
        `model_usage also lists "anthropic/claude-3-5-haiku-latest" (graders or tools): their tokens are not counted in "${MODEL}"'s cost`,
    ),
  );
  const renamed = await readEvalLog(
    jsonLog(header(), [
      sample(1, {
        model_usage: { 'openai/gpt-4o-mini-2024-07-18': { input_tokens: 7, output_tokens: 3, total_tokens: 10 } },
      }),
    ]),
  );
  assert.equal(renamed.records[0].inputTokens, 7);
  assert.ok(
    renamed.warnings.some(
      (w) =>
        w.reason ===
        `model_usage does not list the evaluated model "${MODEL}": the usage of "openai/gpt-4o-mini-2024-07-18" was taken as its usage`,
    ),
  );
});

/** A small .eval archive (deflate, as Inspect wrote before 0.3.206). */
const evalArchive = (files: Record<string, unknown>): string =>
  write(
    'log.eval',
    zipSync(
      Object.fromEntries(
        Object.entries(files).map(([k, v]) => [k, strToU8(typeof v === 'string' ? v : JSON.stringify(v))]),
      ),
    ),
  );

test(".eval with log-probs requested: the sample entries give the answer token's log-prob", async () => {
  const h = header({ eval: { task: 'mmlu', model: MODEL, model_generate_config: { logprobs: true } } });
  const lp = (id: number, answer: string, logprob: number) =>
    sample(id, {
      scores: { choice: { value: 'C', answer } },
      output: {
        choices: [
          {
            logprobs: {
              content: [
                { token: 'ANSWER', logprob: -0.01 },
                { token: ':', logprob: 0 },
                { token: ` ${answer}`, logprob },
              ],
            },
          },
        ],
      },
    });
  const s1 = lp(1, 'B', -0.0213);
  const s2 = lp(2, 'C', -0.7764);
  const summary = (s: Obj) => ({ ...s, output: undefined });
  const log = await readEvalLog(
    evalArchive({
      'header.json': h,
      'summaries.json': [summary(s1), summary(s2)],
      'samples/1_epoch_1.json': s1,
      'samples/2_epoch_1.json': s2,
    }),
  );
  assert.deepEqual(
    log.records.map((r) => [r.logprob, r.signal]),
    [
      [-0.0213, 'answer_logprob'],
      [-0.7764, 'answer_logprob'],
    ],
  );
  assert.ok(
    log.warnings.some(
      (w) => w.reason === 'the run asked for log-probs: the sample entries are read for the confidence signal',
    ),
  );
});

test('a journal-only archive (a run that stopped): journal summaries, plus sample entries no summary lists', async () => {
  const log = await readEvalLog(
    evalArchive({
      '_journal/start.json': { version: 2, eval: header().eval },
      '_journal/summaries/1.json': [sample(1)],
      '_journal/summaries/2.json': [sample(2)],
      'samples/1_epoch_1.json': sample(1),
      'samples/2_epoch_1.json': sample(2),
      'samples/3_epoch_1.json': sample(3),
    }),
  );
  assert.deepEqual(
    log.records.map((r) => r.queryId),
    ['mmlu/1', 'mmlu/2', 'mmlu/3'],
  );
  assert.ok(
    log.warnings.some(
      (w) =>
        w.reason ===
        '1 sample entry is missing from _journal/summaries (a run that stopped early?): read from the entries themselves',
    ),
  );
});

test('archives without samples, with a broken header or a broken sample entry', async () => {
  await assert.rejects(
    readEvalLog(evalArchive({ '_journal/start.json': { version: 2, eval: header().eval } })),
    (e: unknown) => e instanceof EvalLogError && /the log holds no samples/.test(e.message),
  );
  await assert.rejects(
    readEvalLog(evalArchive({ 'header.json': header({ status: 'started' }) })),
    (e: unknown) =>
      e instanceof EvalLogError &&
      e.message.endsWith(
        'the run has not finished any sample yet (status "started": still running, or it stopped without closing the log)',
      ),
  );
  await assert.rejects(
    readEvalLog(
      evalArchive({
        'header.json': header({ status: 'error', error: { message: 'ValueError: bad dataset\n  at ...' } }),
        'summaries.json': [],
      }),
    ),
    (e: unknown) =>
      e instanceof EvalLogError &&
      e.message.endsWith('the run failed before any sample finished (status "error": ValueError: bad dataset)'),
  );
  await assert.rejects(
    readEvalLog(evalArchive({ 'header.json': '{"eval": {"model": "m"},\n  "status": ' })),
    (e: unknown) =>
      e instanceof EvalLogError && /header\.json inside the \.eval archive is not valid JSON/.test(e.message),
  );
  await assert.rejects(
    readEvalLog(evalArchive({ 'reductions.json': [] })),
    (e: unknown) =>
      e instanceof EvalLogError && /neither header\.json nor _journal\/start\.json \(1 entries\)/.test(e.message),
  );
  await assert.rejects(
    readEvalLog(write('x.eval', '{"version": 2}')),
    (e: unknown) => e instanceof EvalLogError && /not a zip archive/.test(e.message),
  );
  // Usage only in the sample entries (old layout), and one entry is cut short: that sample is skipped, naming the entry.
  const old = (s: Obj) => ({ ...s, model_usage: undefined });
  const log = await readEvalLog(
    evalArchive({
      'header.json': header(),
      'summaries.json': [old(sample(1)), old(sample(2))],
      'samples/1_epoch_1.json': sample(1),
      'samples/2_epoch_1.json': JSON.stringify(sample(2)).slice(0, 50),
    }),
  );
  assert.deepEqual(
    log.records.map((r) => [r.queryId, r.inputTokens]),
    [['mmlu/1', 100]],
  );
  assert.equal(log.skipped.length, 1);
  assert.match(
    log.skipped[0].reason,
    /^samples\/2_epoch_1\.json: samples\/2_epoch_1\.json inside the \.eval archive is not valid JSON/,
  );
});

test('zstandard and stored entries, and a ZIP64 directory, are read like deflate ones', async () => {
  const files = [
    zstdEntry('header.json', JSON.stringify(header())),
    storedEntry('summaries.json', JSON.stringify([sample(1), sample(2, { scores: { choice: { value: 'I' } } })])),
  ];
  for (const zip64 of [false, true]) {
    const log = await readEvalLog(write('z.eval', writeZip(files, { zip64 })));
    assert.deepEqual(
      log.records.map((r) => [r.queryId, r.score]),
      [
        ['mmlu/1', 1],
        ['mmlu/2', 0],
      ],
      zip64 ? 'zip64' : 'zip',
    );
  }
});

test('a cancelled read stops with the abort reason', async () => {
  const ctl = new AbortController();
  ctl.abort(new Error('user cancelled'));
  await assert.rejects(
    readEvalLog(evalArchive({ 'header.json': header(), 'summaries.json': [sample(1)] }), { signal: ctl.signal }),
    /user cancelled/,
  );
});
