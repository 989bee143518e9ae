import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { sniffEvalLog } from '../../../src/node/logs/sniffEvalLog';
import type { EvalRecord, ReadLogResult } from '../../../src/engines/logs/types';
import { builtCli } from '../../helpers/builtCli';
import { FIXTURES } from '../../helpers/paths';

// Real lm-evaluation-harness output (see test/fixtures/logs/lm-eval/real/README.md for where each file comes from).
// Every count below is made here from the raw file with a few lines of code, not by the reader.
// Tolerances: our accuracy and the independent count are the same sum divided by the same n, so they
// must be equal to the last bit (0); against the harness's own value in the results file we allow
// 1e-12, since numpy's mean may sum in another order.
const REAL = join(FIXTURES, 'logs', 'lm-eval', 'real');
const WMDP = join(REAL, 'v0.4.2-array', 'out', 'model__gpt-3.5-turbo-0125_wmdp_bio.jsonl');
const WMDP_RESULTS = join(REAL, 'v0.4.2-array', 'out', 'results.json');
const QWEN = join(REAL, 'v0.4.13', 'Qwen__Qwen3-8B');
const BELIEF = join(QWEN, 'samples_negotiationtom_belief_2026-07-08T18-15-33.115417.jsonl');
const INTENTION = join(QWEN, 'samples_negotiationtom_intention_2026-07-08T18-15-33.115417.jsonl');
const QWEN_RESULTS = join(QWEN, 'results_2026-07-08T18-15-33.115417.json');
const ASDIV_DIR = join(REAL, 'v0.4.3', 'meta-llama__Meta-Llama-3-8B-Instruct');
const ASDIV = join(ASDIV_DIR, 'samples_asdiv_2024-08-21T03-44-09.494230.jsonl');
const ASDIV_RESULTS = join(ASDIV_DIR, 'results_2024-08-21T03-44-09.494230.json');
const TRUTHFULQA = join(REAL, 'v0.4.8', 'results', 'samples_truthfulqa_gen_2025-05-31T14-30-51.983293.jsonl');
const POLYMER = join(REAL, 'v0.4.8', 'gpt-4o-mini', 'samples_polymer_tg_prediction_2025-06-30T19-40-09.461247.jsonl');
const POLYMER_RESULTS = join(REAL, 'v0.4.8', 'gpt-4o-mini', 'results_2025-06-30T19-40-09.461247.json');
const ALL = [WMDP, BELIEF, INTENTION, ASDIV, TRUTHFULQA, POLYMER];

type Sample = Record<string, unknown>;
/** Python's json writes bare Infinity / NaN (as values, after ":", "," or "["); 1e999 is JSON for Infinity, and NaN is read as null here. */
const parsePy = (text: string): unknown =>
  JSON.parse(
    text.replace(/(?<=[:,[]\s*)(-?Infinity|NaN)\b/g, (t) =>
      t === 'NaN' ? 'null' : t.startsWith('-') ? '-1e999' : '1e999',
    ),
  );
/** The samples of a file in either layout (one JSON array, or one JSON object per line). */
const rawSamples = (file: string): Sample[] => {
  const text = readFileSync(file, 'utf8');
  return text.trimStart().startsWith('[')
    ? (parsePy(text) as Sample[])
    : text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => parsePy(l) as Sample);
};
const harness = (resultsFile: string, task: string, key: string): number =>
  (parsePy(readFileSync(resultsFile, 'utf8')) as { results: Record<string, Record<string, number>> }).results[task][
    key
  ];
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const accuracy = (r: ReadLogResult): number => mean(r.records.map((x) => x.score));
const NO_TOOL_METRICS = ['cost_usd', 'input_tokens', 'latency_s', 'output_tokens'];
/** The harness records no cost, tokens or latency per sample: every record lacks them and missingFields says so. */
const assertNoCostFields = (r: ReadLogResult): void => {
  for (const f of NO_TOOL_METRICS) assert.ok(r.missingFields.includes(f), f);
  assert.ok(
    r.records.every(
      (x: EvalRecord) => x.costUsd === null && x.latencyS === null && x.inputTokens === null && x.outputTokens === null,
    ),
  );
};
const finiteOrNull = (r: ReadLogResult): void => {
  for (const x of r.records)
    for (const v of [x.score, x.confidence, x.costUsd, x.latencyS, ...Object.values(x.extra ?? {})])
      assert.ok(v === null || typeof v === 'boolean' || Number.isFinite(v), `${x.queryId}: ${String(v)}`);
};

test('every real samples file is recognised as lm-eval by its content, the 0.4.0–0.4.2 JSON array included', async () => {
  for (const f of ALL) assert.equal(await sniffEvalLog(f), 'lm-eval', f);
});

test('lm-eval 0.4.2 JSON array (wmdp_bio, 3,802 lines): 100 samples, exact_match from results.json, model from its model_args', async () => {
  const raw = rawSamples(WMDP);
  const log = await readEvalLog(WMDP);
  assert.equal(log.adapter, 'lm-eval');
  assert.deepEqual(log.skipped, []);
  assert.equal(log.linesRead, raw.length);
  assert.equal(log.records.length, 100);
  assert.deepEqual(
    log.records.map((r) => r.queryId),
    raw.map((s) => `wmdp_bio/${String(s.doc_id)}`),
  );
  assert.equal(accuracy(log), mean(raw.map((s) => s.exact_match as number)));
  assert.ok(Math.abs(accuracy(log) - harness(WMDP_RESULTS, 'wmdp_bio', 'exact_match,none')) <= 1e-12);
  assert.ok(
    log.records.every(
      (r) =>
        r.model === 'gpt-3.5-turbo-0125' &&
        r.task === 'wmdp_bio' &&
        r.taskType === 'generation' &&
        r.confidence === null,
    ),
  );
  // Records point at the line where their array element starts.
  const starts = readFileSync(WMDP, 'utf8')
    .split('\n')
    .flatMap((l, i) => (l === '  {' ? [i + 1] : []));
  assert.deepEqual(
    log.records.map((r) => r.line),
    starts,
  );
  assert.equal(log.records[0].question, (raw[0].doc as { question: string }).question);
  assert.ok(
    log.records.every((r) => r.extra === undefined),
    'doc_id and target are not extra metrics',
  );
  assert.ok(
    log.warnings.some((w) => w.reason.includes('"config.model_args" (model=gpt-3.5-turbo-0125) of results.json')),
  );
  assert.ok(log.warnings.some((w) => w.reason.startsWith('correctness from metric "exact_match"')));
  assertNoCostFields(log);
  assert.ok(log.missingFields.includes('confidence'));
});

test("lm-eval 0.4.13 multiple choice (negotiationtom_belief): acc equals the harness, confidence is the chosen option's log-likelihood", async () => {
  const raw = rawSamples(BELIEF);
  const log = await readEvalLog(BELIEF);
  assert.deepEqual(log.skipped, []);
  assert.equal(log.records.length, raw.length);
  assert.equal(log.records.length, 20);
  assert.equal(accuracy(log), mean(raw.map((s) => s.acc as number)));
  assert.ok(Math.abs(accuracy(log) - harness(QWEN_RESULTS, 'negotiationtom_belief', 'acc,none')) <= 1e-12);
  assert.equal(accuracy(log), 0.45);
  assert.ok(
    log.records.every(
      (r) => r.model === 'Qwen/Qwen3-8B' && r.taskType === 'multiple_choice' && r.signal === 'answer_logprob',
    ),
  );
  // Independently: the option the harness's acc picks is the largest log-likelihood in filtered_resps
  // (strings, as 0.4.3+ writes them); acc is 1 exactly when that option is the target. Our logprob is its log-likelihood.
  raw.forEach((s, i) => {
    const lls = (s.filtered_resps as string[][]).map((p) => Number(p[0]));
    const chosen = lls.indexOf(Math.max(...lls));
    assert.equal(chosen === Number(s.target) ? 1 : 0, s.acc, `doc ${String(s.doc_id)}: acc is the argmax rule`);
    assert.equal(log.records[i].logprob, lls[chosen]);
    assert.equal(log.records[i].confidence, Math.exp(lls[chosen]));
  });
  assertNoCostFields(log);
});

test('list-valued metrics first (negotiationtom_intention: micro_f1, macro_f1, exact_match): exact_match is chosen and equals the harness', async () => {
  const raw = rawSamples(INTENTION);
  assert.ok(
    raw.every((s) => Array.isArray(s.micro_f1) && Array.isArray(s.macro_f1)),
    'the fixture stores f1 inputs as lists',
  );
  const log = await readEvalLog(INTENTION);
  assert.deepEqual(log.skipped, []);
  assert.equal(log.records.length, 20);
  assert.equal(accuracy(log), mean(raw.map((s) => s.exact_match as number)));
  assert.ok(Math.abs(accuracy(log) - harness(QWEN_RESULTS, 'negotiationtom_intention', 'exact_match,none')) <= 1e-12);
  const chosen = log.warnings.find((w) => w.reason.startsWith('correctness from metric "exact_match"'));
  assert.ok(
    chosen && chosen.reason.includes('"micro_f1" holds a list') && chosen.reason.includes('corpus-level'),
    chosen?.reason,
  );
  assert.ok(
    log.records.every((r) => r.extra === undefined),
    'list metrics are not extras',
  );
  // Asking for the corpus-level metric gives one message, not one per sample.
  const f1 = await readEvalLog(INTENTION, { lmEvalMetric: 'micro_f1' });
  assert.equal(f1.records.length, 0);
  assert.equal(f1.skipped.length, 1);
  assert.match(
    f1.skipped[0].reason,
    /^20 sample\(s\) \(first on line 1\) skipped: metric "micro_f1" holds a list per sample.*corpus-level.*"exact_match" is usable/,
  );
  assertNoCostFields(log);
});

test("lm-eval 0.4.3 loglikelihood with one option (asdiv): acc from the results file's metric list, no confidence (the only option is the gold answer)", async () => {
  const raw = rawSamples(ASDIV);
  assert.ok(
    raw.every((s) => s.metrics === undefined && s.filter === undefined),
    'written before the "metrics" and "filter" keys',
  );
  const log = await readEvalLog(ASDIV);
  assert.deepEqual(log.skipped, []);
  assert.equal(log.records.length, 50);
  assert.equal(accuracy(log), mean(raw.map((s) => s.acc as number)));
  assert.ok(Math.abs(accuracy(log) - harness(ASDIV_RESULTS, 'asdiv', 'acc,none')) <= 1e-12);
  assert.equal(accuracy(log), 0.92);
  assert.ok(log.records.every((r) => r.confidence === null && r.model === 'meta-llama/Meta-Llama-3-8B-Instruct'));
  assert.ok(log.missingFields.includes('confidence'));
  assert.equal(log.records[0].question, 'How many apples are in the basket?');
  assert.ok(log.warnings.some((w) => w.reason.includes('metric list of results_2024-08-21T03-44-09.494230.json')));
  assertNoCostFields(log);
});

test('truthfulqa_gen: bleu_max (outside [0, 1]) comes first, so bleu_acc is the correctness; a folder named "results" is flagged', async () => {
  const raw = rawSamples(TRUTHFULQA);
  assert.equal((raw[0].metrics as string[])[0], 'bleu_max');
  const log = await readEvalLog(TRUTHFULQA);
  assert.deepEqual(log.skipped, []);
  assert.equal(log.records.length, 20);
  assert.equal(accuracy(log), mean(raw.map((s) => s.bleu_acc as number)));
  assert.equal(accuracy(log), 0.5);
  assert.ok(
    log.warnings.some(
      (w) =>
        w.reason.startsWith('correctness from metric "bleu_acc"') &&
        w.reason.includes('"bleu_max" is 41.1134, outside [0, 1]'),
    ),
  );
  assert.ok(
    log.warnings.some((w) =>
      w.reason.startsWith('other per-sample metrics kept as extra fields: "bleu_max", "bleu_diff"'),
    ),
  );
  // No results file beside it: the folder names the model, and the warning says that folder is an output folder.
  assert.ok(log.records.every((r) => r.model === 'results'));
  assert.ok(
    log.warnings.some(
      (w) => w.reason.includes('the folder name "results"') && w.reason.includes('names an output folder, not a model'),
    ),
  );
  // The other per-sample metrics are kept as extras; tool fields (doc_id, target, the fork's "hallucination" label) are not.
  assert.deepEqual(
    Object.keys(log.records[0].extra ?? {}).sort(),
    (raw[0].metrics as string[]).filter((m) => m !== 'bleu_acc').sort(),
  );
  assert.equal(log.records[0].extra?.bleu_max, raw[0].bleu_max);
  assert.equal(log.records[0].question, 'What happens to you if you eat watermelon seeds?');
  finiteOrNull(log);
  assertNoCostFields(log);
});

test('a task whose only metric is not a correctness (polymer_tg_prediction: mae, often Infinity): one clear message, no record', async () => {
  const raw = rawSamples(POLYMER);
  assert.ok(raw.some((s) => s.mae === Infinity));
  assert.equal(harness(POLYMER_RESULTS, 'polymer_tg_prediction', 'mae,none'), Infinity);
  const log = await readEvalLog(POLYMER);
  assert.equal(log.records.length, 0);
  assert.equal(log.linesRead, raw.length);
  assert.equal(log.skipped.length, 1);
  assert.match(
    log.skipped[0].reason,
    /^no per-sample metric can serve as correctness in any of the 24 sample\(s\) \(filter "none"\), from line 1 on: "mae" is Infinity, outside \[0, 1\]/,
  );
  assert.ok(
    log.warnings.some(
      (w) => w.reason === 'model name "gpt-4o-mini" taken from "model_name" of results_2025-06-30T19-40-09.461247.json',
    ),
  );
});

test(
  "the built CLI summarises each real file (exit 0 with the model's accuracy; exit 2 with the reason for the file without a usable metric)",
  { timeout: 120_000 },
  () => {
    const cli = builtCli();
    for (const f of ALL) {
      const r = spawnSync(process.execPath, [cli, 'summary', f, '--json'], { encoding: 'utf8' });
      if (f === POLYMER) {
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /no per-sample metric can serve as correctness/);
        continue;
      }
      assert.equal(r.status, 0, `${f}: ${r.stderr}`);
      const out = JSON.parse(r.stdout) as { models: { model: string; n: number; accuracy: number }[] };
      assert.equal(out.models.length, 1);
      assert.ok(out.models[0].n > 0 && out.models[0].accuracy >= 0 && out.models[0].accuracy <= 1);
    }
  },
);
