import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { summarizeModels } from '../../../src/engines/logs/summarizeModels';
import { splitCsvRow } from '../../../src/engines/logs/csvRow';
import type { EvalRecord, ReadLogResult } from '../../../src/engines/logs/types';
import { assertClose } from '../../helpers/assertClose';
import { FIXTURES } from '../../helpers/paths';
import { countModels, readDoc, readJsonl, type PfResult } from './promptfooCounts';

const REAL = join(FIXTURES, 'logs', 'promptfoo', 'real');
const at = (name: string) => join(REAL, name);
// Means over a handful of records, summed in another order than the reader's: equal up to float rounding.
const TOL = { rel: 1e-12, abs: 1e-15 };
const NO_DB = { priceDatabase: false };

/** Mean of the records' graded scores per model (with repeats: the mean over repeats, averaged over queries). */
const meanScore = (rs: EvalRecord[]) => rs.reduce((s, r) => s + r.score, 0) / rs.length;
/** Answers (repeats each counted) that passed, over all answers: what promptfoo's `stats` count. */
const pooled = (rs: EvalRecord[]) =>
  rs.reduce((s, r) => s + r.score * r.epochs, 0) / rs.reduce((s, r) => s + r.epochs, 0);

/** Per-model n, accuracy, mean cost, latency and output tokens of a read log against the independent count from the raw results. */
function assertMatchesCount(log: ReadLogResult, results: PfResult[], strict: boolean, what: string): void {
  const expected = countModels(results, strict);
  const summary = summarizeModels(log.records);
  assert.deepEqual(summary.map((s) => s.model).sort(), [...expected.keys()].sort(), `${what}: models`);
  for (const s of summary) {
    const e = expected.get(s.model)!;
    const rs = log.records.filter((r) => r.model === s.model);
    const w = `${what} ${s.model}`;
    assert.equal(s.n, e.n, `${w}: n`);
    assert.equal(
      rs.reduce((k, r) => k + r.epochs, 0),
      e.answers,
      `${w}: answers`,
    );
    assertClose(meanScore(rs), e.meanScore, TOL, `${w}: mean score`);
    assertClose(
      s.accuracy,
      e.meanScore,
      TOL,
      `${w}: accuracy (the mean score over queries, each query's repeats averaged)`,
    );
    assertClose(
      rs.filter((r) => r.correct).length / rs.length,
      e.majority,
      TOL,
      `${w}: share of queries whose mean over repeats is >= 0.5 (what right/wrong analyses use)`,
    );
    assertClose(pooled(rs), e.passed / e.answers, TOL, `${w}: pooled pass rate`);
    assertClose(s.mean_cost_usd!, e.cost, TOL, `${w}: mean cost`);
    assertClose(s.mean_latency_s!, e.latency, TOL, `${w}: mean latency`);
    assertClose(s.mean_output_tokens!, e.outputTokens, TOL, `${w}: mean output tokens`);
  }
}

/** promptfoo's own `stats` (every assertion) equals the strict pooled count; its per-prompt metrics equal the per-model ones, and so do total cost and prompt tokens. */
function assertMatchesStats(strictLog: ReadLogResult, file: string): void {
  const doc = readDoc(file);
  const { successes, failures, errors } = doc.results.stats;
  assertClose(pooled(strictLog.records), successes / (successes + failures), TOL, `${file}: stats`);
  assert.equal(strictLog.skipped.length, errors, `${file}: errors`);
  const several = new Set(doc.results.results.map((r) => r.promptId)).size > 1;
  for (const p of doc.results.prompts) {
    const rs = strictLog.records.filter((r) => r.model === (several ? `${p.provider} · ${p.label}` : p.provider));
    const m = p.metrics;
    assertClose(pooled(rs), m.testPassCount / (m.testPassCount + m.testFailCount), TOL, `${p.provider}: testPassCount`);
    assert.equal(
      rs.reduce((k, r) => k + r.epochs, 0),
      m.testPassCount + m.testFailCount,
      `${p.provider}: answers`,
    );
    assertClose(
      rs.reduce((s, r) => s + r.costUsd! * r.epochs, 0),
      m.cost,
      { rel: 1e-9 },
      `${p.provider}: total cost`,
    );
    assertClose(
      rs.reduce((s, r) => s + r.inputTokens! * r.epochs, 0),
      m.tokenUsage.prompt,
      { rel: 1e-12 },
      `${p.provider}: prompt tokens`,
    );
  }
}

const JSON_FIXTURES = ['sample-export.json', 'french-greeting-output.json', 'qa.json', 'prompts.json', 'repeat.json'];

for (const name of JSON_FIXTURES) {
  test(`${name}: per-model counts equal an independent count (content assertions by default, every assertion with "*"), and "*" equals promptfoo's stats`, async () => {
    const results = readDoc(at(name)).results.results;
    const log = await readEvalLog(at(name), NO_DB);
    assert.equal(log.adapter, 'promptfoo');
    assertMatchesCount(log, results, false, name);
    const strict = await readEvalLog(at(name), { ...NO_DB, promptfooAssertion: '*' });
    assertMatchesCount(strict, results, true, `${name} (*)`);
    assertMatchesStats(strict, at(name));
  });
}

for (const name of ['qa', 'prompts', 'repeat']) {
  test(`${name}.jsonl reads like ${name}.json of the same run (same records, counts equal an independent count)`, async () => {
    const log = await readEvalLog(at(`${name}.jsonl`), NO_DB);
    assert.equal(log.adapter, 'promptfoo-jsonl');
    assertMatchesCount(log, readJsonl(at(`${name}.jsonl`)), false, `${name}.jsonl`);
    const fromJson = await readEvalLog(at(`${name}.json`), NO_DB);
    const strip = (rs: EvalRecord[]) => rs.map(({ file: _f, line: _l, ...r }) => r);
    assert.deepEqual(strip(log.records), strip(fromJson.records));
    assert.equal(log.skipped.length, fromJson.skipped.length);
  });

  test(`${name}.csv: promptfoo's Status per column, equal to an independent count of its cells and to the JSON of the same run read with "*"`, async () => {
    const log = await readEvalLog(at(`${name}.csv`), NO_DB);
    assert.equal(log.adapter, 'promptfoo-csv');
    // Independent count: PASS cells per output column (the cell before each Status header), rows split by the CSV tokenizer alone.
    const text = readFileSync(at(`${name}.csv`), 'utf8')
      .trimEnd()
      .split('\n');
    const header = splitCsvRow(text[0]).cells!;
    const cols = header.flatMap((h, i) => (header[i + 1] === 'Status' ? [i] : []));
    const rows = text.slice(1).map((l) => splitCsvRow(l).cells!);
    const json = await readEvalLog(at(`${name}.json`), { ...NO_DB, promptfooAssertion: '*' });
    const strictJson = summarizeModels(json.records);
    const summary = summarizeModels(log.records);
    assert.equal(summary.length, cols.length);
    for (const s of summary) {
      const j = strictJson.find((x) => x.model === s.model)!;
      assert.equal(s.n, j.n, `${s.model}: n`);
      assertClose(s.accuracy, j.accuracy, TOL, `${s.model}: accuracy`);
      assert.equal(s.mean_cost_usd, null, 'the CSV holds no cost');
      assert.equal(s.mean_latency_s, null, 'nor latency');
      const rs = log.records.filter((r) => r.model === s.model);
      const jr = json.records.filter((r) => r.model === s.model);
      assertClose(pooled(rs), pooled(jr), TOL, `${s.model}: pooled`);
    }
    const pass = cols.map((c) => rows.filter((r) => r[c + 1] === 'PASS').length);
    const answered = cols.map((c) => rows.filter((r) => r[c + 1] === 'PASS' || r[c + 1] === 'FAIL').length);
    const passed = log.records.reduce((s, r) => s + r.score * r.epochs, 0);
    assert.equal(
      passed,
      pass.reduce((s, x) => s + x, 0),
    );
    assert.equal(
      log.records.reduce((s, r) => s + r.epochs, 0),
      answered.reduce((s, x) => s + x, 0),
    );
    assert.equal(
      log.skipped.length,
      rows.reduce((s, r) => s + cols.filter((c) => r[c + 1] === 'ERROR').length, 0),
    );
    assert.ok(log.warnings.some((w) => /CSV has no per-assertion results/.test(w.reason)));
  });
}

test("promptfoo's own example export: gpt-5 and gpt-5-mini answer every riddle right by content, though every result fails its latency check", async () => {
  const log = await readEvalLog(at('sample-export.json'), NO_DB);
  const s = summarizeModels(log.records);
  assert.deepEqual(
    s.map((m) => [m.model, m.n, m.accuracy]),
    [
      ['openai:gpt-5-mini', 2, 1],
      ['openai:gpt-5', 2, 1],
    ],
  );
  const strict = await readEvalLog(at('sample-export.json'), { ...NO_DB, promptfooAssertion: '*' });
  assert.deepEqual(
    summarizeModels(strict.records).map((m) => m.accuracy),
    [0, 0],
    'stats: 0 successes, 4 failures',
  );
  const w = log.warnings.map((x) => x.reason).join('\n');
  assert.match(
    w,
    /operational assertions \(cost x4, latency x4\) were left out of 4 result\(s\); 4 result\(s\) changed verdict \(4 failed only on them/,
  );
  assert.match(w, /model names are the providers' labels \(else their ids\)\n/);
  // OpenAI's completion tokens include reasoning (total = prompt + completion): not added twice.
  const r = log.records.find((x) => x.model === 'openai:gpt-5' && x.queryId === 'test-0')!;
  assert.deepEqual(
    [r.inputTokens, r.outputTokens, r.reasoningTokens, r.costUsd, r.latencyS],
    [37, 204, 192, 0.00208625, 6.197],
  );
  // Selecting assertions: the llm-rubric alone, or a type no result has.
  const rubric = await readEvalLog(at('sample-export.json'), { ...NO_DB, promptfooAssertion: 'llm-rubric' });
  assert.equal(rubric.records.length, 4);
  const latency = await readEvalLog(at('sample-export.json'), { ...NO_DB, promptfooAssertion: 'latency' });
  assert.deepEqual(
    latency.records.map((x) => x.correct),
    [false, false, false, false],
  );
  const none = await readEvalLog(at('sample-export.json'), { ...NO_DB, promptfooAssertion: 'equals' });
  assert.equal(none.records.length, 0);
  assert.match(
    none.skipped[0].reason,
    /no assertion of type or metric "equals" \(this result has cost, latency, contains, llm-rubric\)/,
  );
});

test('french greeting: the test threshold is applied to the content assertions, and the cost/latency assert-set is left out', async () => {
  const log = await readEvalLog(at('french-greeting-output.json'), NO_DB);
  // (2 x 1 + 1 x 1 + 1 x 0.6015) / 4 = 0.9004 >= 0.9, where promptfoo's 0.82 included the set's 0.5.
  assert.deepEqual(
    log.records.map((r) => [r.model, r.correct]),
    [['openai:gpt-4o-mini', true]],
  );
  const byMetric = await readEvalLog(at('french-greeting-output.json'), { ...NO_DB, promptfooAssertion: 'Topicality' });
  assert.deepEqual(
    byMetric.records.map((r) => r.correct),
    [false],
    'answer-relevance 0.60 < 0.8',
  );
});

test('qa (one prompt, four providers): models named by label or id alone; Gemini-style reasoning added to output; cache reads and writes; provider errors skipped and counted', async () => {
  const log = await readEvalLog(at('qa.json'), NO_DB);
  assert.deepEqual(
    summarizeModels(log.records)
      .map((m) => m.model)
      .sort(),
    ['large-model', 'local:flaky', 'local:mini', 'local:thinker'],
  );
  const raw = readDoc(at('qa.json')).results.results;
  const thinker = log.records.find((r) => r.model === 'local:thinker' && r.queryId === 'test-0')!;
  const tRaw = raw.find((r) => r.provider.id === 'local:thinker' && r.testIdx === 0)!.response!.tokenUsage!;
  assert.equal(tRaw.total, tRaw.prompt! + tRaw.completion! + tRaw.completionDetails!.reasoning!);
  assert.equal(thinker.outputTokens, tRaw.completion! + tRaw.completionDetails!.reasoning!);
  assert.equal(thinker.reasoningTokens, tRaw.completionDetails!.reasoning);
  assert.equal(thinker.cacheReadTokens, 12, 'the provider cache reported as `cached` (not a promptfoo cache hit)');
  assert.equal(thinker.signal, 'sequence_logprob');
  const large = log.records.find((r) => r.model === 'large-model')!;
  assert.deepEqual([large.cacheReadTokens, large.cacheWriteTokens], [16, 4]);
  assert.equal(log.skipped.length, 2);
  assert.match(
    log.skipped[0].reason,
    /^results\.results\[\d+\]: the provider call failed \(API error: 400 Bad Request/,
  );
  assert.ok(log.warnings.some((w) => /^2 result\(s\) whose provider call failed were skipped/.test(w.reason)));
  assert.ok(log.warnings.some((w) => /^6 result\(s\) count reasoning tokens apart from the completion/.test(w.reason)));
});

test('prompts (two prompts x two providers): the prompt label is appended; a threshold test can turn a pass into a fail once its cost check is left out', async () => {
  const log = await readEvalLog(at('prompts.json'), NO_DB);
  assert.deepEqual(
    summarizeModels(log.records)
      .map((m) => m.model)
      .sort(),
    ['large-model · explain', 'large-model · terse', 'local:mini · explain', 'local:mini · terse'],
  );
  // mini answers 41 to 17 x 3: contains "51" fails (0), cost passes (1), mean 0.5 >= threshold 0.5, so promptfoo passes it.
  const wrong = log.records.filter((r) => r.model.startsWith('local:mini') && r.queryId === 'test-1');
  assert.deepEqual(
    wrong.map((r) => r.correct),
    [false, false],
  );
  assert.match(
    log.warnings.map((w) => w.reason).join('\n'),
    /6 result\(s\) changed verdict \(4 failed only on them and count as right, 2 passed only thanks to them and count as wrong\)/,
  );
});

test('repeat (--repeat 3): repeats of a test case are one query with three epochs, averaged; keepEpochs makes them queries of their own', async () => {
  for (const file of ['repeat.json', 'repeat.jsonl', 'repeat.csv']) {
    const log = await readEvalLog(at(file), NO_DB);
    assert.deepEqual(
      log.records.map((r) => r.queryId),
      ['test-0', 'test-0', 'test-3', 'test-3', 'test-6', 'test-6'],
      file,
    );
    assert.ok(
      log.records.every((r) => r.epochs === 3),
      file,
    );
    const mini = log.records.filter((r) => r.model === 'local:mini').map((r) => r.score);
    assertClose(mini[0], 1 / 3, TOL, `${file}: right on the first repeat only`);
    assertClose(mini[1], 2 / 3, TOL, `${file}: wrong on the first repeat only`);
    const kept = await readEvalLog(at(file), { ...NO_DB, keepEpochs: true });
    assert.equal(kept.records.length, 18, file);
    assert.ok(
      kept.records.some((r) => r.queryId === 'test-3#2'),
      file,
    );
  }
});

test('CSV with a named metric: correctness is that metric column; an unknown metric is a file error naming the ones there are', async () => {
  const log = await readEvalLog(at('qa.csv'), { ...NO_DB, promptfooAssertion: 'accuracy' });
  const json = await readEvalLog(at('qa.json'), { ...NO_DB, promptfooAssertion: 'accuracy' });
  const byModel = (rs: EvalRecord[]) =>
    summarizeModels(rs)
      .map((m) => [m.model, m.accuracy])
      .sort();
  assert.deepEqual(byModel(log.records), byModel(json.records));
  await assert.rejects(
    readEvalLog(at('qa.csv'), { promptfooAssertion: 'latency' }),
    /no "Metric: latency" column \(it has "accuracy", "brevity"\)/,
  );
});
