/**
 * Worker jobs on a log without confidence scores (the MMLU example with `logprob` and `signal`
 * removed): every view's job says once what is missing and computes only what needs no confidence
 * (issue 15 item 3); nothing reports a false cause such as "only 0 training answers".
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_CONFIDENCE_MESSAGE } from '../../src/engines/logs/confidencePresence';
import { econData } from '../../src/worker/jobs/econData';
import { econMap } from '../../src/worker/jobs/econMap';
import { humanInTheLoop } from '../../src/worker/jobs/humanInTheLoop';
import { riskGuarantee } from '../../src/worker/jobs/riskGuarantee';
import { calibrate, cascadeDiagnostics, subCascades, tuneCascade } from '../../src/worker/jobs/cascadeJobs';
import { writeNoConfidenceLog } from '../helpers/noConfidenceLog';
import { FAST, SLOW, syntheticHitlRows, writeRows } from '../engines/abstention/syntheticHitlLog';
import { jobCtx } from '../webview/viewFixture';

const MODELS = ['llama3.2-1b', 'llama3.2-3b', 'llama3.1-8b', 'llama3.1-70b', 'llama3.1-405b'];
/** Statements that were shown for such a log and are false for it. */
const FALSE = /only 0 train|no query answered by every model|no query in common|confidence unknown|left out/i;

let dir = '';
let file = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'worker-noconf-'));
  file = writeNoConfidenceLog(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('Economic Evaluation and Map: the five models, one note, whatever systems were asked for', async () => {
  const d = await econData({ file, set: 'all', abstention: true, routers: true }, jobCtx);
  assert.deepEqual(
    d.data.candidates.map((c) => c.name),
    MODELS,
  );
  assert.deepEqual(d.data.warnings, [NO_CONFIDENCE_MESSAGE]);
  const m = await econMap({ file, set: 'all' }, jobCtx);
  assert.deepEqual(
    m.candidates.map((c) => c.name),
    MODELS,
  );
  assert.deepEqual(m.warnings, [NO_CONFIDENCE_MESSAGE]);
});

test('Human in the Loop: no empty curve and no Fail Fast system, one message naming what needs confidences', async () => {
  const { data } = await humanInTheLoop({ file, selection: null }, jobCtx);
  assert.deepEqual(data.curves, []);
  assert.equal(data.system, null);
  assert.match(data.noConfidence ?? '', /^This log has no confidence scores .*"Fail Fast, or Ask"/);
  for (const w of data.warnings) assert.doesNotMatch(w, FALSE);
});

test('Human in the Loop: a reasoning model keeps its output-token curve; the fast model is left out with the message', async () => {
  const log = join(dir, 'reasoning.jsonl');
  writeRows(
    log,
    syntheticHitlRows({ n: 600, seed: 4 }).map(({ confidence: _c, ...rest }) => rest),
  );
  const { data } = await humanInTheLoop({ file: log, selection: null }, jobCtx);
  assert.deepEqual(
    data.curves.map((c) => [c.model, c.signal]),
    [[SLOW, 'output_tokens']],
  );
  assert.ok(data.curves[0].auarc !== null && data.curves[0].n === 600);
  assert.equal(data.system, null, `${FAST} needs a confidence to fail fast`);
  assert.match(data.noConfidence ?? '', /no confidence scores/);
  // With confidences the same log has no message.
  const withConf = join(dir, 'reasoning-conf.jsonl');
  writeRows(withConf, syntheticHitlRows({ n: 600, seed: 4 }));
  assert.equal((await humanInTheLoop({ file: withConf, selection: null }, jobCtx)).data.noConfidence, null);
});

test('Risk Guarantee: nothing certified and no figure, one message', async () => {
  const { data } = await riskGuarantee({ file, selection: null }, jobCtx);
  assert.equal(data.single, null);
  assert.equal(data.cascade, null);
  assert.match(data.noConfidence ?? '', /^This log has no confidence scores .* a risk guarantee/);
  for (const w of data.warnings) assert.doesNotMatch(w, FALSE);
});

test('Cascade Frontier jobs refuse in one sentence', async () => {
  const models = ['llama3.2-1b', 'llama3.1-405b'];
  const runs: [string, () => Promise<unknown>][] = [
    ['calibrate', () => calibrate({ file }, jobCtx)],
    ['tuneCascade', () => tuneCascade({ file, cascade: models, methods: ['rt'] }, jobCtx)],
    ['subCascades', () => subCascades({ file, models, methods: ['rt'] }, jobCtx)],
    ['cascadeDiagnostics', () => cascadeDiagnostics({ file, models }, jobCtx)],
  ];
  for (const [name, run] of runs)
    await assert.rejects(run, (e: Error) => {
      assert.match(e.message, /^This log has no confidence scores/, name);
      assert.doesNotMatch(e.message, FALSE, name);
      return true;
    });
});
