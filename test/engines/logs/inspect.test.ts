import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { EvalLogError, readEvalLog } from '../../../src/engines/logs/readEvalLog';
import { FIXTURES } from '../../helpers/paths';

const DIR = join(FIXTURES, 'logs', 'inspect');
const JSON_LOG = join(DIR, '2024-11-20T10-15-02+00-00_mmlu-0-shot_jT8rMWn6bQf2xYhG4kPzLc.json');
const EVAL_EPOCHS = join(DIR, '2024-11-21T09-00-00+00-00_mmlu-0-shot_Hk2pWq9XrT5sLm3VbN8cZe.eval');
const EVAL_LOGPROBS = join(DIR, '2024-11-21T11-30-00+00-00_mmlu-0-shot_Rb7nYt2QwE4uJk6PaS9dFg.eval');

test('whole-log .json: scores, usage, time and the answer token log-prob; an errored sample is reported', async () => {
  const log = await readEvalLog(JSON_LOG);
  assert.equal(log.adapter, 'inspect');
  assert.deepEqual(log.records.map((r) => [r.queryId, r.model, r.score]), [['1', 'openai/gpt-4o-mini', 1], ['2', 'openai/gpt-4o-mini', 0], ['3', 'openai/gpt-4o-mini', 1]]);
  // Fixture: the answer letter token's logprob (not the "ANSWER:" tokens); 0 is a legal log-prob (probability 1).
  assert.deepEqual(log.records.map((r) => r.logprob), [-0.0213, -0.7764, 0]);
  assert.equal(log.records[2].confidence, 1);
  assert.deepEqual(log.records.map((r) => [r.inputTokens, r.outputTokens]), [[131, 3], [158, 3], [112, 3]]);
  // total_time = working time + 0.021 s in the fixture.
  assert.deepEqual(log.records.map((r) => r.latencyS), [0.641, 0.731, 0.501]);
  assert.equal(log.records[0].task, 'mmlu_0_shot');
  assert.match(log.records[0].question, /^Answer the following multiple choice question/);
  assert.deepEqual(log.skipped.map((s) => [s.line, s.reason]), [[4, 'samples[3] (id 4): the sample ended with an error (Rate limit reached for gpt-4o-mini)']]);
  // No cost config in this run: the bundled price database prices gpt-4o-mini ($0.15 / $0.60 per million tokens).
  assert.deepEqual(log.missingFields, []);
  assert.ok(log.records.every((r) => r.costSource === 'database'));
  assert.ok(Math.abs((log.records[0].costUsd as number) - (131 * 0.15 + 3 * 0.6) / 1e6) < 1e-15);
  const offline = await readEvalLog(JSON_LOG, { priceDatabase: false });
  assert.deepEqual(offline.missingFields, ['cost_usd'], 'without the database nothing prices the tokens');
});

test('.eval archive: summaries give C/I/P/N scores, cost and time; later epochs are counted, not duplicated', async () => {
  const log = await readEvalLog(EVAL_EPOCHS);
  assert.equal(log.adapter, 'inspect');
  assert.deepEqual(log.skipped, []);
  assert.deepEqual(log.records.map((r) => r.score), [1, 0, 0.5, 0], 'C, I, P, N as Inspect values them');
  assert.deepEqual(log.records.map((r) => r.correct), [true, false, true, false], 'P = 0.5 meets the default 0.5 threshold');
  assert.ok(log.records.every((r) => r.model === 'anthropic/claude-3-5-haiku-20241022'));
  // Fixture: total_cost = (140 + id) * 0.8e-6 + 5 * 4e-6.
  log.records.forEach((r, i) => assert.ok(Math.abs((r.costUsd as number) - ((141 + i) * 0.8e-6 + 20e-6)) < 1e-15, `cost of sample ${i + 1}`));
  assert.deepEqual(log.missingFields, ['confidence'], 'no log-probs requested');
  assert.ok(log.warnings.some((w) => w.reason.startsWith('4 sample(s) from later epochs')));
});

test('.eval archive with log-probs requested: sample files are read for the confidence', async () => {
  const log = await readEvalLog(EVAL_LOGPROBS);
  assert.deepEqual(log.records.map((r) => r.logprob), [-0.0009, -0.3011, -0.0001, -1.204]);
  assert.deepEqual(log.records.map((r) => r.correct), [true, true, true, false]);
  assert.ok(log.records.every((r) => r.signal === 'answer_logprob'));
});

test('broken .eval archives and logs without samples are whole-file errors with a reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
  try {
    const notZip = join(dir, 'a.eval');
    writeFileSync(notZip, '{"version": 2}');
    await assert.rejects(readEvalLog(notZip), (e: unknown) => e instanceof EvalLogError && /not a zip archive/.test(e.message));
    const truncated = join(dir, 'b.eval');
    writeFileSync(truncated, zipSync({ 'header.json': strToU8('{"eval": {"model": "m"}}') }).subarray(0, 40));
    await assert.rejects(readEvalLog(truncated), (e: unknown) => e instanceof EvalLogError && /not a readable \.eval archive/.test(e.message));
    const badJson = join(dir, 'c.eval');
    writeFileSync(badJson, zipSync({ 'header.json': strToU8('{"eval": {"model": "m"},\n  "status": ') }));
    await assert.rejects(readEvalLog(badJson), (e: unknown) => e instanceof EvalLogError && /header\.json inside the \.eval archive is not valid JSON/.test(e.message));
    const noSamples = join(dir, 'd.json');
    writeFileSync(noSamples, JSON.stringify({ version: 2, status: 'success', eval: { eval_id: 'x', task: 't', model: 'openai/gpt-4o' } }));
    await assert.rejects(readEvalLog(noSamples), (e: unknown) => e instanceof EvalLogError && /no "samples"/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('numeric scores, multi-value scores and a run that did not finish', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
  try {
    const f = join(dir, 'log.json');
    const sample = (id: number, value: unknown) => ({ id, epoch: 1, input: 'q', target: 'a', scores: { model_graded_fact: { value } }, model_usage: {}, total_time: 1 });
    writeFileSync(f, JSON.stringify({ version: 2, status: 'cancelled', eval: { eval_id: 'x', task: 't', model: 'mockllm/model' }, samples: [sample(1, 0.8), sample(2, { accuracy: 1 }), sample(3, 1.5), sample(4, 'C')] }));
    const log = await readEvalLog(f);
    assert.deepEqual(log.records.map((r) => [r.queryId, r.score]), [['1', 0.8], ['4', 1]]);
    assert.deepEqual(log.skipped.map((s) => s.line), [2, 3]);
    assert.match(log.skipped[0].reason, /multi-value scorer/);
    assert.match(log.skipped[1].reason, /1\.5 is outside \[0, 1\]/);
    assert.ok(log.warnings.some((w) => w.reason.includes('"cancelled"')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the scorer that counts can be chosen; a sample without it is reported, and the scorer used is named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
  try {
    const f = join(dir, 'log.json');
    const sample = (id: number, scores: Record<string, unknown>) => ({ id, epoch: 1, input: 'q', target: 'a', scores, model_usage: {}, total_time: 1 });
    const samples = [sample(1, { choice: { value: 'C' }, model_graded_qa: { value: 'I' } }), sample(2, { choice: { value: 'I' }, model_graded_qa: { value: 'C' } }), sample(3, { choice: { value: 'C' } })];
    writeFileSync(f, JSON.stringify({ version: 2, status: 'success', eval: { task: 't', model: 'mockllm/model' }, results: { scores: [{ name: 'choice' }, { name: 'model_graded_qa' }] }, samples }));
    const first = await readEvalLog(f);
    assert.deepEqual(first.records.map((r) => r.score), [1, 0, 1], 'the log\'s first scorer by default');
    assert.ok(first.warnings.some((w) => w.reason === 'correctness from scorer "choice"'));
    const graded = await readEvalLog(f, { inspectScorer: 'model_graded_qa' });
    assert.deepEqual(graded.records.map((r) => [r.queryId, r.score]), [['1', 0], ['2', 1]]);
    assert.deepEqual(graded.skipped.map((s) => [s.line, s.reason]), [[3, 'samples[2] (id 3): no score from the scorer "model_graded_qa" (this sample has "choice")']]);
    assert.ok(graded.warnings.some((w) => w.reason === 'correctness from scorer "model_graded_qa"'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
