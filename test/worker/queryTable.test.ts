import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rowTotals } from '../../src/engines/drilldown/filterRows';
import { tuneCascade } from '../../src/worker/jobs/cascadeJobs';
import { queryTable } from '../../src/worker/jobs/queryTable';
import { summarizeLog } from '../../src/worker/jobs/summarizeLog';
import type { JobContext } from '../../src/worker/workerProtocol';
import { assertClose } from '../helpers/assertClose';
import { FIXTURES, realLog } from '../helpers/paths';

const ctx = (): JobContext & { fractions: number[] } => {
  const fractions: number[] = [];
  return { signal: new AbortController().signal, progress: (f) => fractions.push(f), fractions };
};

test('queryTable job: a frontier point of the tuneCascade job drills down to rows whose wrong share is its test error', async () => {
  const file = realLog('medmcqa-qwen-oai');
  const cascade = ['gpt-4o-mini', 'qwen2.5-72b-instruct', 'gpt-4o'];
  const common = { trainSplit: 'train', testSplit: 'test', seed: 3 };
  const tuned = await tuneCascade({ file, cascade, methods: ['rt'], bootstrap: 0, auc: false, ...common }, ctx());
  const points = tuned.methods.rt!.points;
  assert.ok(points.length > 3);
  for (const p of [points[0], points[Math.floor(points.length / 2)], points[points.length - 1]]) {
    const c = ctx();
    const view = await queryTable(
      { file, system: { kind: 'cascade', cascade, thresholds: p.thresholds, lowSample: null, ...common } },
      c,
    );
    assert.equal(view.rows.length, tuned.testQueries);
    assertClose(rowTotals(view.rows, 3).error, p.testError!, { abs: 1e-15 }, 'same wrong count over the same queries');
    assert.equal(view.fileLines, true);
    assert.equal(view.confidenceKind, 'calibrated');
    assert.equal(c.fractions[c.fractions.length - 1], 1);
    assert.deepEqual(JSON.parse(JSON.stringify(view)), view, 'plain JSON');
  }
});

test("queryTable job: a model's rows on a split match the summary's n and accuracy, and each row's line is that record's line", async () => {
  const file = realLog('mmlu-llama');
  const summary = await summarizeLog({ file }, ctx());
  const test = summary.splits.find((s) => s.split === 'test')!;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const m of test.models) {
    const view = await queryTable({ file, system: { kind: 'model', model: m.model, split: 'test' } }, ctx());
    assert.equal(view.rows.length, m.n);
    assertClose(
      1 - rowTotals(view.rows, 1).error,
      m.accuracy,
      { abs: 1e-12 },
      `${m.model}: wrong/n against a mean of 0/1 scores`,
    );
    for (const r of view.rows.slice(0, 50)) {
      const raw = JSON.parse(lines[r.line[0] - 1]) as { query_id: string; model: string; correct: boolean };
      assert.deepEqual([raw.query_id, raw.model, raw.correct], [r.queryId, m.model, r.correct]);
    }
  }
});

test('queryTable job: each row carries the question, reference and answer the log holds (Inspect archive, lm-eval generation)', async () => {
  const inspect = join(FIXTURES, 'logs', 'inspect', 'real', '2025-05-12T20-28-13-04-00_popularity.json');
  const doc = JSON.parse(readFileSync(inspect, 'utf8')) as {
    eval: { model: string };
    samples: { target: string; input: string; output: { choices: { message: { content: string } }[] } }[];
  };
  const view = await queryTable({ file: inspect, system: { kind: 'model', model: doc.eval.model, split: '' } }, ctx());
  assert.equal(view.fileLines, false);
  assert.deepEqual(
    view.rows.map((r) => [r.question, r.reference, r.answers]),
    doc.samples.map((s) => [s.input, s.target, [s.output.choices[0].message.content]]),
  );
  const gsm8k = join(FIXTURES, 'logs', 'lm-eval', 'Qwen__Qwen2.5-0.5B-Instruct');
  const lm = await queryTable(
    {
      file: join(gsm8k, 'samples_gsm8k_2024-11-21T08-02-44.118210.jsonl'),
      system: { kind: 'model', model: 'Qwen/Qwen2.5-0.5B-Instruct', split: '' },
    },
    ctx(),
  );
  assert.deepEqual(
    lm.rows.map((r) => r.reference),
    ['18', '3', '70000'],
  );
  assert.ok(lm.rows[0].answers[0].startsWith('18\n— extracted from the response: Janet sells'));
});
