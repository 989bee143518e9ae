import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EvalLogError, readEvalLog } from '../../../src/node/logs/readEvalLog';
import { readPromptfoo } from '../../../src/node/logs/readPromptfoo';
import { readPromptfooCsv } from '../../../src/node/logs/readPromptfooCsv';
import { readPromptfooJsonl } from '../../../src/node/logs/readPromptfooJsonl';
import { SNIFF_BYTES, sniffEvalLog } from '../../../src/node/logs/sniffEvalLog';
import type { ReadLogResult, ReadOptions } from '../../../src/engines/logs/types';
import { FIXTURES, realLog } from '../../helpers/paths';

let dir = '';
let n = 0;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pf-props-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (content: string | Uint8Array, ext: string) => {
  const f = join(dir, `f${n++}${ext}`);
  writeFileSync(f, content);
  return f;
};
const REAL = join(FIXTURES, 'logs', 'promptfoo', 'real');

/** A read either returns, with finite numbers only (a log-prob may be -Infinity), or fails with an EvalLogError; and it is quick. */
async function assertSafe(read: () => Promise<ReadLogResult>): Promise<void> {
  const t0 = Date.now();
  let log: ReadLogResult;
  try {
    log = await read();
  } catch (err) {
    assert.ok(err instanceof EvalLogError, `threw ${String(err)}`);
    return;
  }
  assert.ok(Date.now() - t0 < 2000, 'a small file is read in well under 2 s');
  for (const r of log.records) {
    for (const k of [
      'score',
      'costUsd',
      'latencyS',
      'inputTokens',
      'outputTokens',
      'reasoningTokens',
      'cacheReadTokens',
      'cacheWriteTokens',
      'confidence',
      'epochs',
    ] as const) {
      const v = r[k];
      assert.ok(v === null || Number.isFinite(v), `${k} = ${v}`);
    }
    assert.ok(r.logprob === null || r.logprob <= 0, `logprob = ${r.logprob}`);
    assert.ok(r.score >= 0 && r.score <= 1);
  }
  for (const p of [...log.skipped, ...log.warnings]) assert.ok(p.reason.length > 0 && p.reason.length < 1000, p.reason);
}

/** Mostly plausible counts and amounts, sometimes anything a double can be. */
const anyNumber = fc.oneof(
  { weight: 8, arbitrary: fc.nat(5000) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const assertion = fc.record(
  {
    type: fc.constantFrom('latency', 'cost', 'not-latency', 'contains', 'equals', 'llm-rubric', 'perplexity', ''),
    metric: maybe(fc.constantFrom('accuracy', 'speed')),
    weight: maybe(fc.oneof(anyNumber, fc.string())),
  },
  { requiredKeys: [] },
);
const { comp } = fc.letrec((tie) => ({
  comp: fc.record(
    {
      pass: fc.oneof({ weight: 8, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constant('yes') }),
      score: fc.oneof(anyNumber, fc.string()),
      assertion: maybe(assertion),
      componentResults: maybe(fc.array(tie('comp'), { maxLength: 3 })),
    },
    { requiredKeys: [] },
  ),
}));
const tokenUsage = fc.record(
  {
    prompt: anyNumber,
    completion: anyNumber,
    total: anyNumber,
    cached: anyNumber,
    completionDetails: fc.record(
      { reasoning: anyNumber, cacheReadInputTokens: anyNumber, cacheCreationInputTokens: anyNumber },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);
const vars = fc.dictionary(
  fc.constantFrom('question', 'query_id', 'model', 'correct', 'x'),
  fc.oneof(fc.string(), fc.integer()),
  { maxKeys: 4 },
);
/** Results as promptfoo writes them, with any field missing, mistyped or out of range. */
const result = fc.record(
  {
    cost: anyNumber,
    error: maybe(fc.string()),
    failureReason: fc.constantFrom(0, 1, 1, 1, 2),
    gradingResult: fc.oneof(
      fc.constant(null),
      fc.record({ pass: fc.boolean(), componentResults: fc.array(comp, { maxLength: 5 }) }, { requiredKeys: [] }),
    ),
    latencyMs: anyNumber,
    prompt: fc.record({ label: fc.constantFrom('p1', 'p2', '') }),
    promptId: fc.constantFrom('a', 'b', ''),
    promptIdx: fc.oneof(fc.nat(3), fc.string()),
    provider: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record({
          id: fc.constantFrom('openai:gpt-5', 'openai:gpt-5', 'x', ''),
          label: maybe(fc.constantFrom('', 'L')),
        }),
      },
      { weight: 1, arbitrary: fc.string() },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    repeatIndex: maybe(fc.oneof(fc.nat(3), fc.double())),
    response: fc.record(
      {
        output: maybe(fc.string()),
        tokenUsage: maybe(tokenUsage),
        cached: fc.boolean(),
        logProbs: maybe(fc.array(fc.oneof(fc.double(), fc.string()), { maxLength: 3 })),
        cost: anyNumber,
      },
      { requiredKeys: [] },
    ),
    success: fc.oneof({ weight: 8, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.string() }),
    testCase: fc.record(
      { vars, threshold: maybe(anyNumber), assert: maybe(fc.array(assertion, { maxLength: 3 })) },
      { requiredKeys: [] },
    ),
    testIdx: fc.oneof(
      { weight: 8, arbitrary: fc.nat(6) },
      { weight: 1, arbitrary: fc.double() },
      { weight: 1, arbitrary: fc.string() },
    ),
    vars,
  },
  { requiredKeys: ['promptIdx', 'testIdx'] },
);
const modes = fc.constantFrom<ReadOptions['promptfooAssertion']>(undefined, '*', 'accuracy', 'latency', 'contains');

test('random and malformed promptfoo results (JSON, JSONL): only EvalLogError, finite numbers, quick', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.oneof({ weight: 6, arbitrary: result }, { weight: 1, arbitrary: fc.jsonValue() }), { maxLength: 20 }),
      modes,
      fc.boolean(),
      async (results, promptfooAssertion, keepEpochs) => {
        const opts: ReadOptions = { promptfooAssertion, keepEpochs, priceDatabase: false };
        const doc = file(JSON.stringify({ evalId: 'eval-x', results: { version: 3, results } }), '.json');
        await assertSafe(() => readPromptfoo(doc, opts));
        await assertSafe(() => readEvalLog(doc, opts));
        const lines = file(results.map((r) => JSON.stringify(r)).join('\n') + '\n', '.jsonl');
        await assertSafe(() => readPromptfooJsonl(lines, opts));
        await assertSafe(() => readEvalLog(lines, opts));
      },
    ),
    { numRuns: 150 },
  );
});

const HEADER =
  'question,[local:mini] Q {{question}},Status,Score,Named Scores,Metric: accuracy,Grader Reason,Comment,[big] Q {{question}},Status,Score,Named Scores,Grader Reason,Comment';
const cell = fc.oneof(
  fc.constantFrom('PASS', 'FAIL', 'ERROR', '', '1.00', '0.5', 'x', '"quoted, cell"', '"multi\nline"', '"open'),
  fc.string({ maxLength: 8 }).map((s) => s.replace(/[\n\r]/g, ' ')),
);

test('random and malformed promptfoo CSV rows: only EvalLogError, finite numbers, quick', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(cell, { maxLength: 16 }), { maxLength: 15 }),
      fc.constantFrom<ReadOptions['promptfooAssertion']>(undefined, '*', 'accuracy', 'nope'),
      async (rows, promptfooAssertion) => {
        const f = file([HEADER, ...rows.map((r) => r.join(','))].join('\n'), '.csv');
        await assertSafe(() => readPromptfooCsv(f, { promptfooAssertion }));
        await assertSafe(() => readEvalLog(f, { promptfooAssertion }));
      },
    ),
    { numRuns: 150 },
  );
});

test('real promptfoo outputs cut, spliced and corrupted at random: only EvalLogError, finite numbers, quick', async () => {
  const sources = ['qa.json', 'qa.jsonl', 'qa.csv', 'repeat.csv', 'prompts.jsonl', 'french-greeting-output.json'].map(
    (name) => ({ name, bytes: readFileSync(join(REAL, name)) }),
  );
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    cut: fc.nat(300),
    insert: fc.uint8Array({ maxLength: 20 }),
  });
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...sources),
      fc.array(edit, { minLength: 1, maxLength: 4 }),
      async (src, edits) => {
        let bytes = Buffer.from(src.bytes);
        for (const e of edits) {
          const at = Math.floor(e.at * bytes.length);
          bytes = Buffer.concat([
            bytes.subarray(0, at),
            Buffer.from(e.insert),
            bytes.subarray(Math.min(bytes.length, at + e.cut)),
          ]);
        }
        if (bytes.length === 0) return;
        const ext = src.name.slice(src.name.lastIndexOf('.'));
        await assertSafe(() => readEvalLog(file(bytes, ext), { priceDatabase: false }));
      },
    ),
    { numRuns: 200 },
  );
});

/** A promptfoo result line as its JSONL output writes it (keys in alphabetical order), with variables that look like native fields. */
const pfLine = fc
  .record({
    q: fc.string({ maxLength: 30 }),
    output: fc.string({ maxLength: 200 }),
    testIdx: fc.nat(100),
    promptIdx: fc.nat(3),
    pass: fc.boolean(),
  })
  .map(({ q, output, testIdx, promptIdx, pass }) =>
    JSON.stringify({
      cost: 0.001,
      gradingResult: {
        pass,
        score: Number(pass),
        componentResults: [{ pass, score: Number(pass), assertion: { type: 'contains', value: 'a' } }],
      },
      latencyMs: 10,
      prompt: { label: 'p' },
      promptId: 'p',
      promptIdx,
      provider: { id: 'openai:gpt-4o-mini', label: '' },
      response: { output },
      success: pass,
      testCase: { vars: { query_id: q, model: 'm', correct: true } },
      testIdx,
      vars: { query_id: q, model: 'm', correct: true },
    }),
  );
/** A native record line, possibly with extra fields named like promptfoo's. */
const nativeLine = fc
  .record({
    id: fc.string({ maxLength: 20 }),
    extra: fc.dictionary(
      fc.constantFrom('testIdx', 'promptIdx', 'success', 'gradingResult', 'response', 'latency_s'),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 6 },
    ),
  })
  .map(({ id, extra }) => JSON.stringify({ query_id: id || 'q', model: 'gpt-4o', correct: true, ...extra }));

test('sniffing never mistakes promptfoo JSONL or CSV for native logs, nor native logs for promptfoo', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(pfLine, { minLength: 1, maxLength: 6 }),
      fc.array(nativeLine, { minLength: 1, maxLength: 6 }),
      async (pf, native) => {
        assert.equal(await sniffEvalLog(file(pf.join('\n') + '\n', '.jsonl')), 'promptfoo-jsonl');
        assert.equal(await sniffEvalLog(file(native.join('\n') + '\n', '.jsonl')), 'native');
      },
    ),
    { numRuns: 100 },
  );
  // A first result line longer than the sniffed head: judged by the keys before the cut.
  const long = {
    cost: 0.001,
    gradingResult: {
      pass: true,
      score: 1,
      componentResults: [{ pass: true, score: 1, reason: 'r'.repeat(SNIFF_BYTES), assertion: { type: 'llm-rubric' } }],
    },
    latencyMs: 10,
    promptIdx: 0,
    provider: { id: 'openai:gpt-5' },
    success: true,
    testIdx: 0,
    vars: { query_id: 'q', model: 'm' },
  };
  assert.equal(await sniffEvalLog(file(JSON.stringify(long) + '\n', '.jsonl')), 'promptfoo-jsonl');
  // A failed call (no grading) whose long prompt quotes a native record.
  const failed = {
    cost: 0,
    error: 'timeout',
    gradingResult: null,
    id: 'x',
    latencyMs: 5,
    namedScores: {},
    prompt: { raw: `${'{"query_id": "q", "model": "m"} '.repeat(SNIFF_BYTES / 16)}` },
    promptIdx: 0,
    testIdx: 0,
  };
  assert.equal(await sniffEvalLog(file(JSON.stringify(failed) + '\n', '.jsonl')), 'promptfoo-jsonl');
  // CSV: a promptfoo table whose variables are named like the native columns, and a native CSV with a Status column.
  assert.equal(
    await sniffEvalLog(
      file(
        'query_id,model,correct,[gpt-4o] p,Status,Score,Named Scores,Grader Reason,Comment\nq1,m,1,out,PASS,1.00,,ok,\n',
        '.csv',
      ),
    ),
    'promptfoo-csv',
  );
  assert.equal(await sniffEvalLog(file('query_id,model,correct,Status,Score\nq1,m,1,PASS,1\n', '.csv')), 'csv');
  // A header whose prompt label spans lines (quoted), as multi-line prompts give.
  assert.equal(
    await sniffEvalLog(
      file(
        'question,"[gpt-4o] Line one\nline two {{question}}",Status,Score,Named Scores,Grader Reason,Comment\nq,"a",PASS,1.00,,,\n',
        '.csv',
      ),
    ),
    'promptfoo-csv',
  );
  for (const name of ['qa.jsonl', 'prompts.jsonl', 'repeat.jsonl'])
    assert.equal(await sniffEvalLog(join(REAL, name)), 'promptfoo-jsonl', name);
  for (const name of ['qa.csv', 'prompts.csv', 'repeat.csv'])
    assert.equal(await sniffEvalLog(join(REAL, name)), 'promptfoo-csv', name);
  for (const name of ['mmlu-llama', 'mmlu-qwen-oai', 'medmcqa-llama', 'medmcqa-qwen-oai'] as const)
    assert.equal(await sniffEvalLog(realLog(name)), 'native', name);
});

test('a promptfoo CSV whose quoted cells span lines is read row by row, and an unclosed quote is one reported row', async () => {
  const f = file(
    `question,"[gpt-4o] Say\nit {{question}}",Status,Score,Named Scores,Grader Reason,Comment\n"two\nlines",out,PASS,1.00,,ok,\nq2,"multi\nline, output",FAIL,0.00,,"Latency 900ms is greater than threshold 100ms",\nq3,"never closed,FAIL,0.00,,,\n`,
    '.csv',
  );
  const log = await readEvalLog(f);
  assert.deepEqual(
    log.records.map((r) => [r.model, r.queryId, r.correct, r.line]),
    [
      ['gpt-4o', 'test-0', true, 3],
      ['gpt-4o', 'test-1', false, 5],
    ],
  );
  assert.equal(log.skipped.length, 1);
  assert.equal(log.skipped[0].line, 7, 'the header spans lines 1-2, each row two lines');
  assert.match(
    log.warnings.map((w) => w.reason).join('\n'),
    /1 of 1 failed result\(s\) give a latency, cost or other operational reason/,
  );
});
