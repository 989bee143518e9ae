import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEvalLog } from '../../../src/engines/logs/readEvalLog';
import { lmEvalTaskFromFileName } from '../../../src/engines/logs/lmEvalModel';
import { FIXTURES } from '../../helpers/paths';

const DIR = join(FIXTURES, 'logs', 'lm-eval');
const MMLU = join(DIR, 'meta-llama__Llama-3.2-1B', 'samples_mmlu_abstract_algebra_2024-11-20T10-31-07.412337.jsonl');
const HELLASWAG = join(DIR, 'Qwen__Qwen2.5-0.5B-Instruct', 'samples_hellaswag_2024-11-21T08-02-44.118210.jsonl');
const GSM8K = join(DIR, 'Qwen__Qwen2.5-0.5B-Instruct', 'samples_gsm8k_2024-11-21T08-02-44.118210.jsonl');

test('task name comes from samples_<task>_<timestamp>.jsonl', () => {
  assert.equal(lmEvalTaskFromFileName(MMLU), 'mmlu_abstract_algebra');
  assert.equal(lmEvalTaskFromFileName('/x/samples_arc_challenge_2024-01-02T03-04-05.jsonl'), 'arc_challenge');
  assert.equal(lmEvalTaskFromFileName('/x/my_samples.jsonl'), 'my_samples');
});

test('multiple choice (MMLU): acc is the correctness, the chosen option log-likelihood the confidence, the model from results_*.json', async () => {
  const log = await readEvalLog(MMLU);
  assert.equal(log.adapter, 'lm-eval');
  assert.deepEqual(log.skipped, []);
  assert.equal(log.records.length, 5);
  assert.ok(log.records.every((r) => r.model === 'meta-llama/Llama-3.2-1B'));
  assert.deepEqual(log.records.map((r) => r.queryId), [0, 1, 2, 3, 4].map((i) => `mmlu_abstract_algebra/${i}`));
  // Fixture values: acc per doc and the largest of the four filtered_resps log-likelihoods.
  assert.deepEqual(log.records.map((r) => r.score), [1, 0, 1, 1, 0]);
  assert.deepEqual(log.records.map((r) => r.logprob), [-0.8945, -0.9101, -0.6211, -1.0879, -1.1055]);
  assert.ok(log.records.every((r) => r.signal === 'answer_logprob' && r.taskType === 'multiple_choice'));
  assert.equal(log.records[0].question, 'Find all c in Z_3 such that Z_3[x]/(x^2 + c) is a field.');
  // The harness records no tokens, cost or latency per sample: say so.
  assert.deepEqual([...log.missingFields].sort(), ['cost_usd', 'input_tokens', 'latency_s', 'output_tokens']);
  assert.ok(log.warnings.some((w) => w.reason.includes('results_2024-11-20T10-31-07.412337.json')));
});

test('sentence options (HellaSwag) give a sequence log-prob, and the model falls back to the folder name', async () => {
  const log = await readEvalLog(HELLASWAG);
  assert.equal(log.records.length, 2);
  assert.ok(log.records.every((r) => r.model === 'Qwen/Qwen2.5-0.5B-Instruct'));
  // metrics ["acc", "acc_norm"]: acc comes first; both docs have acc 0 in the fixture.
  assert.deepEqual(log.records.map((r) => r.score), [0, 0]);
  assert.deepEqual(log.records.map((r) => r.logprob), [-21.5, -16.2]);
  assert.ok(log.records.every((r) => r.taskType === 'generation' && r.signal === 'option_sequence_logprob'));
  assert.ok(log.warnings.some((w) => w.reason.includes('folder name')));
});

test('generation (GSM8K) scored under two filters: the first filter is used, no confidence is reported missing', async () => {
  const log = await readEvalLog(GSM8K);
  assert.equal(log.records.length, 3);
  assert.deepEqual(log.records.map((r) => r.score), [1, 0, 0], 'strict-match exact_match values');
  assert.ok(log.records.every((r) => r.confidence === null && r.taskType === 'generation'));
  assert.ok(log.missingFields.includes('confidence'));
  assert.ok(log.warnings.some((w) => w.reason.includes('3 line(s)') && w.reason.includes('strict-match')));
});

test('a samples file in an unnamed folder with no results file still reads, and bad lines are reported by line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lmeval-'));
  try {
    mkdirSync(join(dir, 'out'));
    const f = join(dir, 'out', 'samples_mmlu_abstract_algebra_2024-11-20T10-31-07.412337.jsonl');
    copyFileSync(MMLU, f);
    const { appendFileSync } = await import('node:fs');
    appendFileSync(f, '{"doc_id": 5, "doc": {}, "filter": "none", "metrics": ["acc"], "acc": 3.0}\n{"doc_id": 6, "resps": [], "filter": "none", "metrics": []}\n');
    const log = await readEvalLog(f);
    assert.equal(log.records.length, 5);
    assert.equal(log.records[0].model, 'out');
    assert.deepEqual(log.skipped.map((s) => [s.line, s.reason]), [
      [6, 'metric "acc" is 3, outside [0, 1]: not a correctness score'],
      [7, 'no per-sample metric found (looked for acc, exact_match, acc_norm, em, pass@1, mc1, f1)'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a chosen metric and filter replace the defaults; a metric a sample lacks is a per-line error naming what it has', async () => {
  // HellaSwag fixture: acc 0 and acc_norm 1 on both docs.
  const norm = await readEvalLog(HELLASWAG, { lmEvalMetric: 'acc_norm' });
  assert.deepEqual(norm.records.map((r) => r.score), [1, 1]);
  assert.ok(norm.warnings.some((w) => w.reason === 'correctness from metric "acc_norm"'));
  // GSM8K fixture: flexible-extract finds "70000" on doc 2 where strict-match gives [invalid].
  const flexible = await readEvalLog(GSM8K, { lmEvalFilter: 'flexible-extract' });
  assert.deepEqual(flexible.records.map((r) => r.score), [1, 0, 1]);
  assert.ok(flexible.warnings.some((w) => w.reason.includes('3 line(s)') && w.reason.includes('"flexible-extract" lines are used')));
  const noFilter = await readEvalLog(GSM8K, { lmEvalFilter: 'majority-vote' });
  assert.equal(noFilter.records.length, 0);
  assert.ok(noFilter.warnings.some((w) => w.reason === 'no line uses the filter "majority-vote" (the file has "strict-match", "flexible-extract")'));
  const missing = await readEvalLog(MMLU, { lmEvalMetric: 'f1' });
  assert.equal(missing.records.length, 0);
  assert.deepEqual(missing.skipped.map((s) => s.line), [1, 2, 3, 4, 5]);
  assert.equal(missing.skipped[0].reason, 'no metric "f1" in this sample (it has "acc")');
});
