/**
 * A log without confidence scores (the MMLU example with `logprob` and `signal` removed): every
 * command says once what is missing, shows what it can, and says nothing false (issue 15 item 3).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_CONFIDENCE_MESSAGE } from '../../src/engines/logs/confidencePresence';
import { writeNoConfidenceLog } from '../helpers/noConfidenceLog';
import { FAST, SLOW, syntheticHitlRows, writeRows } from '../engines/abstention/syntheticHitlLog';
import { runCli } from '../helpers/runCli';

let dir = '';
let log = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-noconf-'));
  log = writeNoConfidenceLog(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Statements that were printed for such a log and are false for it. */
const FALSE_STATEMENTS = [/only 0 training/, /no query answered by every model/i, /no query in common/, /AUARC/];

const count = (text: string, part: string): number => text.split(part).length - 1;

test('summary: the figures that need no confidence, and the note once', async () => {
  const r = await runCli('summary', log);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.out,
    /llama3\.1-405b +1816 +0\.846 /,
    'accuracy 0.846 on all 1,816 queries (as costrisk summary on the full log)',
  );
  assert.equal(count(`${r.out}\n${r.err}`, NO_CONFIDENCE_MESSAGE), 1);
  const json = JSON.parse((await runCli('summary', log, '--json')).out) as { warnings: { message: string }[] };
  assert.equal(json.warnings.filter((w) => w.message === NO_CONFIDENCE_MESSAGE).length, 1);
});

test('econ: single models only, one note instead of a warning per model and cascade', async () => {
  const r = await runCli('econ', log, '--price-error', '1');
  assert.equal(r.code, 0, r.err);
  const all = `${r.out}\n${r.err}`;
  assert.equal(count(all, NO_CONFIDENCE_MESSAGE), 1);
  assert.doesNotMatch(all, /confidence unknown|no confidence signal to/, 'no per-model wall of warnings');
  assert.match(r.out, /^5 candidates; rewards on 1531 test queries/, 'the five models; no threshold was tuned');
  assert.doesNotMatch(r.out, /→/, 'no cascade is offered');
  // The best at $1 per error is the most accurate model, as on the log with confidences among single models.
  assert.match(r.out, /\n\$1 +\$0 +\$0 +llama3\.1-405b +−\$0\.149 /);
  for (const f of FALSE_STATEMENTS) assert.doesNotMatch(all, f);
});

test('calibrate and tune refuse in one sentence that names what is missing', async () => {
  for (const argv of [
    ['calibrate', log],
    ['tune', log, '--cascade', 'llama3.2-1b,llama3.1-405b'],
  ]) {
    const r = await runCli(...argv);
    assert.equal(r.code, 2, `${argv[0]}: a user error`);
    assert.equal(r.out, '');
    assert.equal(r.err.split('\n').length, 1, `${argv[0]}: one line`);
    assert.match(r.err, /has no confidence scores/);
    for (const f of FALSE_STATEMENTS) assert.doesNotMatch(r.err, f);
  }
});

test('compare needs no confidence and says nothing about it', async () => {
  const r = await runCli('compare', log, '--model-a', 'llama3.1-70b', '--model-b', 'llama3.1-405b');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /1816 queries answered by both/);
  assert.match(r.out, /cost \$\/query +1816 +\$0\.000171 +\$0\.00057 +−\$0\.000399/, 'dollars, never exponent form');
});

test('abstain, failfast and guarantee refuse in one sentence when their signal needs confidences', async () => {
  for (const argv of [
    ['abstain', log, '--model', 'llama3.1-405b'],
    [
      'failfast',
      log,
      '--fast',
      'llama3.1-8b',
      '--reasoning',
      'llama3.1-405b',
      '--utilization',
      '0.5',
      '--rejection',
      '0.1',
    ],
    ['guarantee', log, '--model', 'llama3.1-405b', '--alpha', '0.1', '--delta', '0.1'],
    ['guarantee', log, '--model', 'llama3.1-8b', '--strong', 'llama3.1-405b', '--alpha', '0.1', '--delta', '0.1'],
  ]) {
    const r = await runCli(...argv);
    assert.equal(r.code, 2, `${argv[0]}: a user error`);
    assert.equal(r.out, '');
    assert.equal(r.err.trim().split('\n').length, 1, `${argv[0]}: one line, not a warning per model: ${r.err}`);
    assert.match(r.err, /has no confidence scores \(no logprob or confidence field\)/);
    assert.doesNotMatch(r.err, /left out|no calibration answers|0 calibration/);
    for (const f of FALSE_STATEMENTS) assert.doesNotMatch(r.err, f);
  }
});

test('a reasoning model ranked by its output tokens needs no confidence: abstain still runs', async () => {
  const file = join(dir, 'reasoning-no-confidence.jsonl');
  writeRows(
    file,
    syntheticHitlRows({ n: 400, seed: 5 }).map(({ confidence: _c, ...rest }) => rest),
  );
  const r = await runCli('abstain', file, '--model', SLOW, '--json');
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as { auarc: number };
  assert.ok(out.auarc > 0 && out.auarc <= 1);
  const refused = await runCli('abstain', file, '--model', FAST);
  assert.equal(refused.code, 2, 'the fast (non-reasoning) model has no signal without confidences');
  assert.match(refused.err, /has no confidence scores/);
});
