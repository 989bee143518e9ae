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
const HELLASWAG = join(FIXTURES, 'logs', 'lm-eval', 'Qwen__Qwen2.5-0.5B-Instruct', 'samples_hellaswag_2024-11-21T08-02-44.118210.jsonl');

test('summarizeLog, hitlRecords and the economics source read with the chosen lm-eval metric', async () => {
  const summary = await summarizeLog({ file: HELLASWAG, lmEvalMetric: 'acc_norm' }, ctx);
  assert.equal(summary.splits[0].models[0].accuracy, 1);
  assert.equal((await summarizeLog({ file: HELLASWAG }, ctx)).splits[0].models[0].accuracy, 0);

  const byDefault = await hitlRecords({ file: HELLASWAG }, ctx);
  const chosen = await hitlRecords({ file: HELLASWAG, lmEvalMetric: 'acc_norm' }, ctx);
  assert.deepEqual(byDefault.records.map((r) => r.correct), [false, false]);
  assert.deepEqual(chosen.records.map((r) => r.correct), [true, true], 'not the cached default read');

  const missing = await hitlRecords({ file: HELLASWAG, lmEvalMetric: 'f1' }, ctx);
  assert.equal(missing.records.length, 0);
  assert.ok(missing.problems.some((p) => p.line === 1 && p.reason === 'no metric "f1" in this sample (it has "acc", "acc_norm")'));

  const prepared = await preparedSource({ file: HELLASWAG, lmEvalMetric: 'acc_norm', set: 'models' }, ctx);
  assert.ok(prepared.problems.some((p) => p.reason === 'correctness from metric "acc_norm"'));
});
