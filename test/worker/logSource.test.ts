/** The scoring settings reach every reader path of the worker, and caches tell them apart. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { summarizeLog } from '../../src/worker/jobs/summarizeLog';
import { hitlRecords } from '../../src/worker/jobs/hitlRecords';
import { preparedSource } from '../../src/worker/jobs/econPrepared';
import type { JobContext } from '../../src/worker/workerProtocol';
import { FIXTURES } from '../helpers/paths';

const ctx: JobContext = { signal: new AbortController().signal, progress: () => undefined };
// Fixture: acc 0 and acc_norm 1 on both HellaSwag documents.
const HELLASWAG = join(
  FIXTURES,
  'logs',
  'lm-eval',
  'Qwen__Qwen2.5-0.5B-Instruct',
  'samples_hellaswag_2024-11-21T08-02-44.118210.jsonl',
);

test('summarizeLog, hitlRecords and the economics source read with the chosen lm-eval metric', async () => {
  const summary = await summarizeLog({ file: HELLASWAG, lmEvalMetric: 'acc_norm' }, ctx);
  assert.equal(summary.splits[0].models[0].accuracy, 1);
  assert.equal((await summarizeLog({ file: HELLASWAG }, ctx)).splits[0].models[0].accuracy, 0);

  const byDefault = await hitlRecords({ file: HELLASWAG }, ctx);
  const chosen = await hitlRecords({ file: HELLASWAG, lmEvalMetric: 'acc_norm' }, ctx);
  assert.deepEqual(
    byDefault.records.map((r) => r.correct),
    [false, false],
  );
  assert.deepEqual(
    chosen.records.map((r) => r.correct),
    [true, true],
    'not the cached default read',
  );

  const missing = await hitlRecords({ file: HELLASWAG, lmEvalMetric: 'f1' }, ctx);
  assert.equal(missing.records.length, 0);
  assert.ok(
    missing.problems.some(
      (p) => p.line === 1 && p.reason === 'no metric "f1" in this sample (it has "acc", "acc_norm")',
    ),
  );

  const prepared = await preparedSource({ file: HELLASWAG, lmEvalMetric: 'acc_norm', set: 'models' }, ctx);
  assert.ok(prepared.problems.some((p) => p.reason === 'correctness from metric "acc_norm"'));
});

test('the fitting analyses of the worker draw a seeded split for a log without one, and say so; the settings set share and seed', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const f = join(mkdtempSync(join(tmpdir(), 'worker-nosplit-')), 'log.jsonl');
  writeFileSync(
    f,
    Array.from({ length: 40 }, (_, q) =>
      ['a', 'b']
        .map((m, i) =>
          JSON.stringify({
            query_id: q,
            model: m,
            correct: (q + i) % 3 > 0,
            confidence: 0.5 + (q % 5) / 10,
            cost_usd: 0.001 * (i + 1),
          }),
        )
        .join('\n'),
    ).join('\n'),
  );
  const half = await hitlRecords({ file: f }, ctx);
  const count = (rs: { split: string }[], s: string) => rs.filter((r) => r.split === s).length / 2;
  assert.deepEqual([count(half.records, 'train'), count(half.records, 'test')], [20, 20]);
  assert.ok(
    half.problems.some((p) =>
      /^the log has no split: queries were split at random \(seed 1, .*costRiskLab\.split\.trainFraction/.test(
        p.reason,
      ),
    ),
  );
  const quarter = await hitlRecords({ file: f, trainFraction: 0.25, splitSeed: 9 }, ctx);
  assert.deepEqual([count(quarter.records, 'train'), count(quarter.records, 'test')], [10, 30]);
  const summary = await summarizeLog({ file: f }, ctx);
  assert.deepEqual(
    summary.splits.map((s) => s.split),
    [''],
    'the overview shows the log as it is',
  );
});
