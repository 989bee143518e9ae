/**
 * A log without confidence scores (the MMLU example with `logprob` and `signal` removed): every
 * command says once what is missing, shows what it can, and says nothing false (issue 15 item 3).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_CONFIDENCE_MESSAGE } from '../../src/engines/logs/confidencePresence';
import { realLog } from '../helpers/paths';
import { runCli } from '../helpers/runCli';

let dir = '';
let log = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-noconf-'));
  log = join(dir, 'mmlu-no-confidence.jsonl');
  const lines = readFileSync(realLog('mmlu-llama'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const { logprob: _l, signal: _s, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify(rest);
    });
  writeFileSync(log, `${lines.join('\n')}\n`);
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
