import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { lmEvalTaskFromFileName } from '../../../src/node/logs/lmEvalModel';
import { sniffEvalLog } from '../../../src/node/logs/sniffEvalLog';
import { FIXTURES } from '../../helpers/paths';

// Hand-made fixtures in the harness's format (filters, acc_norm); real files are tested in lmEvalReal.test.ts.
const DIR = join(FIXTURES, 'logs', 'lm-eval');
const MMLU = join(DIR, 'meta-llama__Llama-3.2-1B', 'samples_mmlu_abstract_algebra_2024-11-20T10-31-07.412337.jsonl');
const HELLASWAG = join(DIR, 'Qwen__Qwen2.5-0.5B-Instruct', 'samples_hellaswag_2024-11-21T08-02-44.118210.jsonl');
const GSM8K = join(DIR, 'Qwen__Qwen2.5-0.5B-Instruct', 'samples_gsm8k_2024-11-21T08-02-44.118210.jsonl');
const WMDP = join(DIR, 'real', 'v0.4.2-array', 'out', 'model__gpt-3.5-turbo-0125_wmdp_bio.jsonl');
const ASDIV = join(
  DIR,
  'real',
  'v0.4.3',
  'meta-llama__Meta-Llama-3-8B-Instruct',
  'samples_asdiv_2024-08-21T03-44-09.494230.jsonl',
);

let tmp = '';
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'lmeval-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));
/** A fresh folder under the test's temporary folder. */
const folder = (name: string): string => {
  const d = join(tmp, name);
  mkdirSync(d, { recursive: true });
  return d;
};

test('task name comes from samples_<task>_<timestamp>.jsonl', () => {
  assert.equal(lmEvalTaskFromFileName(MMLU), 'mmlu_abstract_algebra');
  assert.equal(lmEvalTaskFromFileName('/x/samples_arc_challenge_2024-01-02T03-04-05.jsonl'), 'arc_challenge');
  assert.equal(lmEvalTaskFromFileName('/x/samples_arc_challenge_2024-06-08T05-42-41.351110.json'), 'arc_challenge');
  assert.equal(lmEvalTaskFromFileName('/x/my_samples.jsonl'), 'my_samples');
});

test('multiple choice (MMLU): acc is the correctness, the chosen option log-likelihood the confidence, the model from results_*.json', async () => {
  const log = await readEvalLog(MMLU);
  assert.equal(log.adapter, 'lm-eval');
  assert.deepEqual(log.skipped, []);
  assert.equal(log.records.length, 5);
  assert.ok(log.records.every((r) => r.model === 'meta-llama/Llama-3.2-1B'));
  assert.deepEqual(
    log.records.map((r) => r.queryId),
    [0, 1, 2, 3, 4].map((i) => `mmlu_abstract_algebra/${i}`),
  );
  // Fixture values: acc per doc and the largest of the four filtered_resps log-likelihoods.
  assert.deepEqual(
    log.records.map((r) => r.score),
    [1, 0, 1, 1, 0],
  );
  assert.deepEqual(
    log.records.map((r) => r.logprob),
    [-0.8945, -0.9101, -0.6211, -1.0879, -1.1055],
  );
  assert.ok(
    log.records.every(
      (r) => r.signal === 'answer_logprob' && r.taskType === 'multiple_choice' && r.extra === undefined,
    ),
  );
  assert.equal(log.records[0].question, 'Find all c in Z_3 such that Z_3[x]/(x^2 + c) is a field.');
  // The harness records no tokens, cost or latency per sample: say so.
  assert.deepEqual([...log.missingFields].sort(), ['cost_usd', 'input_tokens', 'latency_s', 'output_tokens']);
  assert.ok(
    log.warnings.some(
      (w) =>
        w.reason ===
        'model name "meta-llama/Llama-3.2-1B" taken from "model_name" of results_2024-11-20T10-31-07.412337.json',
    ),
  );
  // The results file reports acc 0.6 over these five documents: no difference to warn about.
  assert.ok(!log.warnings.some((w) => w.reason.includes('differs from the harness')));
});

test('sentence options (HellaSwag): acc picks the most likely option, acc_norm the most likely per character of the option without its leading delimiter', async () => {
  const log = await readEvalLog(HELLASWAG);
  assert.equal(log.records.length, 2);
  assert.ok(log.records.every((r) => r.model === 'Qwen/Qwen2.5-0.5B-Instruct'));
  assert.ok(log.warnings.some((w) => w.reason.includes('the folder name "Qwen__Qwen2.5-0.5B-Instruct"')));
  // metrics ["acc", "acc_norm"]: acc comes first; acc_norm is kept as an extra field.
  assert.deepEqual(
    log.records.map((r) => r.score),
    [0, 0],
  );
  assert.deepEqual(
    log.records.map((r) => r.extra),
    [{ acc_norm: 1 }, { acc_norm: 1 }],
  );
  assert.deepEqual(
    log.records.map((r) => r.logprob),
    [-21.5, -16.2],
  );
  assert.ok(log.records.every((r) => r.taskType === 'generation' && r.signal === 'option_sequence_logprob'));
  // Independent acc_norm choice: argmax of ll / len(option), the option being arguments[i][1] without the " " delimiter (as the harness's doc_to_choice).
  const raw = readFileSync(HELLASWAG, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { arguments: [string, string][]; filtered_resps: [string, string][] });
  const expected = raw.map((s) => {
    const keys = s.filtered_resps.map((p, i) => Number(p[0]) / s.arguments[i][1].slice(1).length);
    return Number(s.filtered_resps[keys.indexOf(Math.max(...keys))][0]);
  });
  const norm = await readEvalLog(HELLASWAG, { lmEvalMetric: 'acc_norm' });
  assert.deepEqual(
    norm.records.map((r) => r.score),
    [1, 1],
  );
  assert.deepEqual(
    norm.records.map((r) => r.logprob),
    expected,
  );
  assert.deepEqual(expected, [-27.1, -19]);
  assert.ok(norm.warnings.some((w) => w.reason === 'correctness from metric "acc_norm"'));
  assert.ok(norm.warnings.some((w) => w.reason === 'other per-sample metrics kept as extra fields: "acc"'));
});

test('generation (GSM8K) scored under two filters: the first filter is used, the other counted; --filter picks another', async () => {
  const log = await readEvalLog(GSM8K);
  assert.equal(log.records.length, 3);
  assert.deepEqual(
    log.records.map((r) => r.score),
    [1, 0, 0],
    'strict-match exact_match values',
  );
  assert.ok(log.records.every((r) => r.confidence === null && r.taskType === 'generation'));
  assert.ok(log.missingFields.includes('confidence'));
  assert.ok(
    log.warnings.some(
      (w) =>
        w.reason ===
        '3 line(s) score the same documents under other filters than "strict-match" ("strict-match", "flexible-extract"); the "strict-match" lines are used',
    ),
  );
  // flexible-extract finds "70000" on doc 2 where strict-match gives [invalid].
  const flexible = await readEvalLog(GSM8K, { lmEvalFilter: 'flexible-extract' });
  assert.deepEqual(
    flexible.records.map((r) => r.score),
    [1, 0, 1],
  );
  assert.ok(
    flexible.warnings.some(
      (w) => w.reason.includes('3 line(s)') && w.reason.includes('the "flexible-extract" lines are used'),
    ),
  );
  const none = await readEvalLog(GSM8K, { lmEvalFilter: 'majority-vote' });
  assert.equal(none.records.length, 0);
  assert.ok(
    none.warnings.some(
      (w) => w.reason === 'no line uses the filter "majority-vote" (the file has "strict-match", "flexible-extract")',
    ),
  );
});

test('a samples file in an output folder with no results file: the folder is named in a warning, bad lines are reported by line', async () => {
  const f = join(folder('plain/out'), 'samples_mmlu_abstract_algebra_2024-11-20T10-31-07.412337.jsonl');
  copyFileSync(MMLU, f);
  appendFileSync(
    f,
    '{"doc_id": 5, "doc": {}, "filter": "none", "metrics": ["acc"], "acc": 3.0}\n{"doc_id": 6, "resps": [], "filter": "none", "metrics": []}\n[1, 2]\n{"doc_id": 7, "acc": 1\n',
  );
  const log = await readEvalLog(f);
  assert.equal(log.records.length, 5);
  assert.equal(log.records[0].model, 'out');
  assert.ok(
    log.warnings.some(
      (w) => w.reason.includes('the folder name "out"') && w.reason.includes('names an output folder, not a model'),
    ),
  );
  assert.deepEqual(
    log.skipped.slice(0, 3).map((s) => [s.line, s.reason]),
    [
      [6, '"acc" is 3, outside [0, 1] (a score on another scale, not a correctness)'],
      [7, 'no metric "acc" in this sample (it has no per-sample score)'],
      [8, 'expected a JSON object (one logged sample)'],
    ],
  );
  assert.equal(log.skipped[3].line, 9);
  assert.match(log.skipped[3].reason, /^not valid JSON \(line looks truncated: /);
  assert.equal(log.skipped.length, 4);
  assert.ok(log.warnings.some((w) => w.reason === '2 sample(s) lack a usable "acc" and are skipped (first on line 6)'));
  assert.equal(log.linesRead, 9);
});

test('a chosen metric the samples lack is a per-line error; the metric is decided on the first sample that has a usable one', async () => {
  const missing = await readEvalLog(MMLU, { lmEvalMetric: 'f1' });
  assert.equal(missing.records.length, 0);
  assert.deepEqual(
    missing.skipped.map((s) => [s.line, s.reason]),
    [1, 2, 3, 4, 5].map((l) => [l, 'no metric "f1" in this sample (it has "acc")']),
  );
  // First line: no usable metric (acc is a string); the next lines have acc: it is chosen, and line 1 is skipped with the reason.
  const f = join(
    folder('decide/meta-llama__Llama-3.2-1B'),
    'samples_mmlu_abstract_algebra_2024-11-20T10-31-07.412337.jsonl',
  );
  const lines = readFileSync(MMLU, 'utf8').trim().split('\n');
  lines[0] = lines[0].replace('"acc": 1.0', '"acc": "1.0"');
  writeFileSync(f, lines.join('\n'));
  const log = await readEvalLog(f);
  assert.equal(log.records.length, 4);
  assert.deepEqual(
    log.skipped.map((s) => [s.line, s.reason]),
    [
      [
        1,
        'no metric in this sample can serve as correctness ("acc" is a string, not a number), while later samples have "acc"',
      ],
    ],
  );
});

test('lm-eval 0.4.0–0.4.2 array: a broken element and a cut-off end are reported by element index and line, the rest is read', async () => {
  const text = readFileSync(WMDP, 'utf8');
  const starts = text.split('\n').flatMap((l, i) => (l === '  {' ? [i + 1] : []));
  // Element [3] loses a comma between two keys; the file is cut inside element [99]; results.json stays beside it.
  const d = folder('array/out');
  copyFileSync(join(DIR, 'real', 'v0.4.2-array', 'out', 'results.json'), join(d, 'results.json'));
  const f = join(d, 'model__gpt-3.5-turbo-0125_wmdp_bio.jsonl');
  const lines = text.split('\n');
  const at = lines.findIndex((l, i) => i > starts[3] && l.startsWith('    "target"'));
  lines[at - 1] = lines[at - 1].replace(/,$/, '');
  writeFileSync(f, lines.join('\n').slice(0, text.lastIndexOf('"exact_match"')));
  assert.equal(await sniffEvalLog(f), 'lm-eval');
  const log = await readEvalLog(f);
  assert.equal(log.records.length, 98);
  assert.equal(log.linesRead, 100);
  assert.equal(log.skipped.length, 2);
  assert.equal(log.skipped[0].line, starts[3]);
  assert.match(log.skipped[0].reason, /^element \[3\]: not valid JSON \(/);
  assert.deepEqual(
    [log.skipped[1].line, log.skipped[1].reason],
    [
      starts[99],
      `element [99] (from line ${starts[99]}) is cut off: the file ends before the array's closing "]" (truncated?)`,
    ],
  );
  assert.ok(log.records.every((r) => r.model === 'gpt-3.5-turbo-0125'));
  // Every exact_match is 1.0, so the 98 samples read still agree with the harness's 1.0.
  assert.ok(!log.warnings.some((w) => w.reason.includes('differs from the harness')));
});

test('lm-eval 0.4.0–0.4.2 file names without results.json: model from "pretrained__org__name," and the task name reported as unknown', async () => {
  const f = join(folder('legacy/out'), 'pretrained__EleutherAI__pythia-160m,dtype__float32_wmdp_bio.jsonl');
  copyFileSync(WMDP, f);
  const log = await readEvalLog(f);
  assert.equal(log.records.length, 100);
  assert.ok(log.records.every((r) => r.model === 'EleutherAI/pythia-160m'));
  assert.ok(
    log.warnings.some((w) =>
      w.reason.startsWith('model name "EleutherAI/pythia-160m" taken from the file name (lm-eval 0.4.0–0.4.2'),
    ),
  );
  assert.ok(log.warnings.some((w) => w.reason.startsWith('task name unknown')));
  // Without a results file or a "metrics" key, the usual metric names are tried: exact_match.
  assert.ok(
    log.warnings.some((w) =>
      w.reason.startsWith('correctness from metric "exact_match" (the first metric of the usual lm-eval metric names'),
    ),
  );
});

test('lines without a "filter" key that repeat a doc_id (one block per filter, before lm-eval 0.4.7): the first block is read and the rest counted', async () => {
  const d = folder('blocks/meta-llama__Meta-Llama-3-8B-Instruct');
  const f = join(d, 'samples_asdiv_2024-08-21T03-44-09.494230.jsonl');
  const lines = readFileSync(ASDIV, 'utf8').trim().split('\n');
  // A second block for a second filter: the same documents with acc flipped.
  writeFileSync(
    f,
    [...lines, ...lines.map((l) => l.replace(/"acc": (\d)/, (_m, a: string) => `"acc": ${1 - Number(a)}`))].join('\n') +
      '\n',
  );
  const log = await readEvalLog(f);
  assert.equal(log.records.length, 50);
  assert.deepEqual(log.skipped, []);
  assert.equal(log.records.filter((r) => r.score === 1).length, 46);
  assert.ok(
    log.warnings.some(
      (w) =>
        w.reason.startsWith(
          '50 line(s) repeat a document already read: files without a "filter" key (lm-eval before 0.4.7)',
        ) && w.reason.endsWith('the lines of the first filter are used'),
    ),
  );
});

test("the accuracy read is compared with the harness's own value: a results file that disagrees gives a warning", async () => {
  const d = folder('compare/meta-llama__Llama-3.2-1B');
  copyFileSync(MMLU, join(d, 'samples_mmlu_abstract_algebra_2024-11-20T10-31-07.412337.jsonl'));
  const results = readFileSync(
    join(DIR, 'meta-llama__Llama-3.2-1B', 'results_2024-11-20T10-31-07.412337.json'),
    'utf8',
  ).replace('"acc,none": 0.6', '"acc,none": 0.8');
  writeFileSync(join(d, 'results_2024-11-20T10-31-07.412337.json'), results);
  const log = await readEvalLog(join(d, 'samples_mmlu_abstract_algebra_2024-11-20T10-31-07.412337.jsonl'));
  assert.ok(
    log.warnings.some(
      (w) =>
        w.reason ===
        'the mean "acc" of the 5 sample(s) read, 0.6, differs from the harness\'s own 0.8 (results["mmlu_abstract_algebra"]["acc,none"] in results_2024-11-20T10-31-07.412337.json): some samples were skipped, or the file is not from that run',
    ),
  );
});

test('sniffing: a JSON array whose first element opens with "doc_id" is lm-eval; other arrays are not eval logs', async () => {
  const d = folder('sniff');
  const write = (name: string, text: string): string => {
    writeFileSync(join(d, name), text);
    return join(d, name);
  };
  assert.equal(
    await sniffEvalLog(
      write('a.jsonl', '[\n  {\n    "doc_id": 0,\n    "doc": {"question": "q"},\n    "acc": 1.0\n  }\n]'),
    ),
    'lm-eval',
  );
  assert.equal(await sniffEvalLog(write('b.json', '[{"query_id": 1, "model": "m"}]')), null);
  assert.equal(await sniffEvalLog(write('c.json', '[{"doc_id": 0}]')), null);
  assert.equal(await sniffEvalLog(write('d.json', '[1, 2, 3]')), null);
});
