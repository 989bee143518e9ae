/**
 * The question, reference and answer texts the readers keep for the drill-down query table (issue
 * 14 item 2), checked against the files themselves: Inspect's `target` and the first choice's
 * message (parsed here with JSON.parse; the `.eval` archive's values were read with Python's
 * zipfile), lm-eval's gold and chosen options (from `doc`, not from the `arguments` the reader
 * uses), promptfoo's `response.output` and assertions, and native fields with their 2,000-character cut.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { clipText, MAX_TEXT_CHARS } from '../../../src/engines/logs/recordText';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { EVAL_LOGS, FIXTURES } from '../../helpers/paths';

const LOGS = join(FIXTURES, 'logs');
const byId = (rs: EvalRecord[]): Map<string, EvalRecord> => new Map(rs.map((r) => [`${r.queryId}\u0000${r.model}`, r]));
const jsonLines = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

let tmp = '';
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'texts-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

test('Inspect .json: reference is the sample target, answer the first choice message, as the file holds them', async () => {
  const file = join(LOGS, 'inspect', 'real', '2025-05-12T20-28-13-04-00_popularity.json');
  const log = await readEvalLog(file);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    eval: { task: string };
    samples: { id: number; target: string; output: { choices: { message: { content: string } }[] } }[];
  };
  assert.equal(log.records.length, doc.samples.length);
  for (const s of doc.samples) {
    const r = log.records.find((x) => x.queryId === `${doc.eval.task}/${s.id}`)!;
    assert.equal(r.reference, s.target);
    assert.equal(r.answer, s.output.choices[0].message.content);
  }
  assert.deepEqual(
    log.records.map((r) => [r.reference, r.answer]),
    [
      [' Yes', 'Yes'],
      [' No', 'No'],
      [' Yes', 'No'],
    ],
  );
});

test('Inspect .eval archive: every epoch keeps its own answer (lengths and openings read with Python zipfile)', async () => {
  const file = join(LOGS, 'inspect', 'real', '2025-03-18T14-21-24+00-00_theory-of-mind_TZtKk4ZzmPhr2ERVLfZFwg.eval');
  const log = await readEvalLog(file, { keepEpochs: true });
  const rec = new Map(log.records.map((r) => [r.queryId, r]));
  const expected: [string, string, number, string][] = [
    ['theory_of_mind/1#1', 'bathtub', 282, 'Step 1: Initially, the text states "The boots is in the bathtub."'],
    ['theory_of_mind/1#2', 'bathtub', 335, 'Step 1: Jackson entered the hall.\nStep 2: Chloe entered the hall.'],
    ['theory_of_mind/1#3', 'bathtub', 287, '1. Jackson entered the hall.\n2. Chloe entered the hall.'],
    ['theory_of_mind/10#2', 'pantry', 172, 'Step 1: Initially, we know “The sweater is in the bucket.”\nStep 2: Lat'],
    ['theory_of_mind/7#3', 'bucket', 302, 'Step 1: The statements are laid out in order.'],
  ];
  for (const [id, reference, length, opening] of expected) {
    const r = rec.get(id);
    assert.ok(r, id);
    assert.equal(r.reference, reference, id);
    assert.equal(r.answer?.length, length, id);
    assert.ok(r.answer?.startsWith(opening), `${id}: ${r.answer?.slice(0, 80)}`);
  }
  assert.equal(log.records.filter((r) => r.answer !== undefined && r.reference !== undefined).length, 30);
});

/** Index of the largest log-likelihood in `filtered_resps` (the harness's `acc` choice; first on ties). */
const argmax = (resps: [string, string][]): number => {
  let best = 0;
  resps.forEach(([ll], i) => {
    if (Number(ll) > Number(resps[best][0])) best = i;
  });
  return best;
};

test('lm-eval multiple choice: reference is the gold option, answer the option of highest log-likelihood', async () => {
  const mmlu = join(
    LOGS,
    'lm-eval',
    'meta-llama__Llama-3.2-1B',
    'samples_mmlu_abstract_algebra_2024-11-20T10-31-07.412337.jsonl',
  );
  const log = await readEvalLog(mmlu);
  const lines = jsonLines(mmlu);
  assert.equal(log.records.length, lines.length);
  lines.forEach((l, i) => {
    const doc = l.doc as { answer: number };
    const r = log.records[i];
    assert.equal(r.reference, 'ABCD'[doc.answer], r.queryId);
    assert.equal(r.answer, 'ABCD'[argmax(l.filtered_resps as [string, string][])], r.queryId);
    assert.equal(r.correct, r.answer === r.reference, `${r.queryId}: acc is whether the chosen letter is the gold one`);
  });
  const hs = join(LOGS, 'lm-eval', 'Qwen__Qwen2.5-0.5B-Instruct', 'samples_hellaswag_2024-11-21T08-02-44.118210.jsonl');
  const hlog = await readEvalLog(hs, { lmEvalMetric: 'acc' });
  jsonLines(hs).forEach((l, i) => {
    const doc = l.doc as { endings: string[]; label: string };
    assert.equal(hlog.records[i].reference, doc.endings[Number(doc.label)]);
    assert.equal(hlog.records[i].answer, doc.endings[argmax(l.filtered_resps as [string, string][])]);
  });
});

test('lm-eval generation: reference is the target, answer the scored extraction and the whole response', async () => {
  const file = join(LOGS, 'lm-eval', 'Qwen__Qwen2.5-0.5B-Instruct', 'samples_gsm8k_2024-11-21T08-02-44.118210.jsonl');
  const log = await readEvalLog(file);
  // The reader reads the file's first filter (strict-match) by default.
  const lines = jsonLines(file).filter((l) => l.filter === 'strict-match');
  assert.equal(log.records.length, lines.length);
  lines.forEach((l, i) => {
    const r = log.records[i];
    const filtered = (l.filtered_resps as string[])[0];
    const whole = (l.resps as string[][])[0][0];
    assert.equal(r.reference, l.target);
    assert.equal(r.answer, `${filtered}\n— extracted from the response: ${whole}`);
  });
  assert.equal(log.records[0].reference, '18');
  assert.ok(log.records[0].answer?.startsWith('18\n'));
});

test("promptfoo JSON, JSONL and CSV: answer is the response's output; reference what the content assertions check", async () => {
  const real = join(LOGS, 'promptfoo', 'real');
  const doc = JSON.parse(readFileSync(join(real, 'qa.json'), 'utf8')) as {
    results: { results: Record<string, unknown>[] };
  };
  const outputs = new Map<string, string>();
  for (const r of doc.results.results) {
    const p = r.provider as { id: string; label?: string };
    const out = (r.response as { output?: unknown } | undefined)?.output;
    const q = ((r.testCase as { vars: { question: string } }).vars ?? {}).question;
    if (typeof out === 'string') outputs.set(`${q}\u0000${p.label || p.id}`, out);
  }
  for (const name of ['qa.json', 'qa.jsonl', 'qa.csv']) {
    const log = await readEvalLog(join(real, name));
    assert.equal(log.records.length, 22, name);
    for (const r of log.records)
      assert.equal(r.answer, outputs.get(`${r.question}\u0000${r.model}`), `${name} ${r.queryId} ${r.model}`);
    const france = log.records.filter((r) => r.question === 'What is the capital of France?');
    // The CSV holds no assertions: no reference; the JSON forms give the icontains check, not the latency and cost ones.
    for (const r of france) assert.equal(r.reference, name === 'qa.csv' ? undefined : 'icontains: paris', name);
    const pride = log.records.find((r) => r.question === 'Who wrote "Pride and Prejudice"?');
    if (name !== 'qa.csv') assert.equal(pride?.reference, 'icontains-any: austen | jane austen');
  }
});

test('native JSON Lines: reference/target and answer/output/response, numbers written out, texts cut at 2,000 characters', async () => {
  const long = `${'x'.repeat(MAX_TEXT_CHARS - 2)}😀tail`;
  const lines = [
    { query_id: 'a', model: 'm', correct: true, reference: 'Paris', answer: 'Paris.' },
    { query_id: 'b', model: 'm', correct: false, target: 'B', output: 'C', subject: 'geo' },
    { query_id: 'c', model: 'm', correct: true, answer: 42, response: 'ignored: answer wins' },
    { query_id: 'd', model: 'm', correct: true, response: long, target: 7 },
    { query_id: 'e', model: 'm', correct: true },
  ];
  const file = join(tmp, 'texts.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  const log = await readEvalLog(file);
  assert.deepEqual(log.skipped, []);
  const r = byId(log.records);
  const get = (id: string) => r.get(`${id}\u0000m`)!;
  assert.deepEqual([get('a').reference, get('a').answer], ['Paris', 'Paris.']);
  assert.deepEqual([get('b').reference, get('b').answer], ['B', 'C']);
  assert.deepEqual(get('b').labels, { subject: 'geo' }, 'a text target or output is no label');
  assert.deepEqual([get('c').reference, get('c').answer], [undefined, '42']);
  assert.equal(get('c').extra, undefined, 'a numeric answer is text, not an extra metric');
  assert.deepEqual(get('d').extra, { target: 7 }, 'a numeric target stays an extra');
  const cut = get('d').answer!;
  assert.equal(cut.length, MAX_TEXT_CHARS - 2 + 1, 'the surrogate pair at the cut is dropped whole, then "…"');
  assert.ok(cut.endsWith('x…'));
  assert.deepEqual([get('e').reference, get('e').answer], [undefined, undefined]);
  assert.equal(clipText('abc', 3), 'abc');
  assert.equal(clipText('abcd', 3), 'ab…');
});

test('native CSV: reference and answer columns are text even when they look like numbers', async () => {
  const file = join(tmp, 'texts.csv');
  writeFileSync(file, 'query_id,model,correct,reference,answer\nq1,m,true,42,"forty-two, I think"\nq2,m,false,,\n');
  const log = await readEvalLog(file);
  assert.deepEqual(
    log.records.map((x) => [x.reference, x.answer]),
    [
      ['42', 'forty-two, I think'],
      [undefined, undefined],
    ],
  );
});

test('questions: false keeps every record but its question (native table and record readers), and the table holds no text', async () => {
  for (const file of [
    join(EVAL_LOGS, 'mmlu-llama.jsonl'),
    join(LOGS, 'inspect', 'real', '2025-05-12T20-28-13-04-00_popularity.json'),
  ]) {
    const full = await readEvalLog(file);
    const bare = await readEvalLog(file, { questions: false });
    assert.ok(
      full.records.some((r) => r.question.length > 20),
      `${file}: the log has questions`,
    );
    assert.equal(bare.records.length, full.records.length);
    assert.deepEqual(
      bare.records,
      full.records.map((r) => ({ ...r, question: '' })),
      file,
    );
    assert.deepEqual(bare.skipped, full.skipped);
    assert.deepEqual(bare.warnings, full.warnings);
  }
});
