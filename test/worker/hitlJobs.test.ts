import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { humanInTheLoop } from '../../src/worker/jobs/humanInTheLoop';
import { riskGuarantee } from '../../src/worker/jobs/riskGuarantee';
import type { JobContext } from '../../src/worker/workerProtocol';
import { realLog } from '../helpers/paths';
import { FAST, SLOW, syntheticHitlRows, writeRows } from '../engines/abstention/syntheticHitlLog';

const ctx = (): JobContext & { fractions: number[] } => {
  const fractions: number[] = [];
  return { signal: new AbortController().signal, progress: (f) => fractions.push(f), fractions };
};

test('humanInTheLoop job: defaults pick the reasoning model, and the result is plain JSON', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'hitl-job-')), 'r.jsonl');
  writeRows(file, syntheticHitlRows({ n: 800, seed: 3 }));
  const c = ctx();
  const { selection, data } = await humanInTheLoop({ file, selection: null }, c);
  assert.equal(selection.reasoning, SLOW);
  assert.equal(selection.fast, FAST);
  assert.equal(data.system?.reasoningSignal, 'output_tokens');
  assert.equal(data.system?.configs.length, 20, 'Ask + 19 utilisations');
  assert.equal(data.curves.length, 2);
  assert.ok(data.curves.find((cv) => cv.model === SLOW)!.tokenCurve.length > 0);
  assert.deepEqual(JSON.parse(JSON.stringify(data)), data, 'survives structured cloning as JSON');
  assert.equal(c.fractions[c.fractions.length - 1], 1);
});

test('riskGuarantee job on a real log: single model by default, then a two-model cascade', async () => {
  const file = realLog('mmlu-qwen-oai');
  const first = await riskGuarantee({ file, selection: null }, ctx());
  assert.equal(first.selection.calSplit, 'train');
  assert.ok(first.data.single !== null && first.data.cascade === null);
  const second = await riskGuarantee(
    {
      file,
      selection: { ...first.selection, model: 'qwen2.5-72b-instruct', strong: 'gpt-4o', alpha: 0.1, delta: 0.1 },
    },
    ctx(),
  );
  assert.ok(second.data.cascade !== null && second.data.single === null);
  assert.ok(second.data.cascade.test.coverage > 0.5);
});
