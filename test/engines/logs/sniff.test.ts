import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SNIFF_BYTES, sniffEvalLog } from '../../../src/node/logs/sniffEvalLog';
import { EvalLogError, readEvalLog } from '../../../src/node/logs/readEvalLog';
import { FIXTURES, ROOT, realLog } from '../../helpers/paths';

const LOGS = join(FIXTURES, 'logs');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));

test('every fixture is recognised by its own adapter', async () => {
  // Paths relative to the fixtures folder (the checkout's own path may contain a tool's name).
  const promptfoo = (f: string) =>
    f.endsWith('.jsonl') ? 'promptfoo-jsonl' : f.endsWith('.csv') ? 'promptfoo-csv' : 'promptfoo';
  const expected = (f: string) =>
    f.startsWith('csv/')
      ? 'csv'
      : f.startsWith('inspect/')
        ? 'inspect'
        : f.startsWith('promptfoo/')
          ? promptfoo(f)
          : f.includes('/samples_') || (f.startsWith('lm-eval/') && f.endsWith('.jsonl'))
            ? 'lm-eval'
            : null;
  const isLog = (f: string) => /\.(jsonl?|csv|eval)$/.test(f) && !f.includes('/make/');
  for (const f of walk(LOGS).filter(isLog)) assert.equal(await sniffEvalLog(f), expected(f.slice(LOGS.length + 1)), f);
  assert.equal(await sniffEvalLog(realLog('mmlu-llama')), 'native');
});

test('unrelated JSON and CSV are not eval logs', async () => {
  for (const f of ['package.json', 'tsconfig.json', 'package-lock.json'])
    assert.equal(await sniffEvalLog(join(ROOT, f)), null, f);
  const dir = mkdtempSync(join(tmpdir(), 'sniff-'));
  try {
    const write = (name: string, text: string | Buffer) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    assert.equal(await sniffEvalLog(write('people.csv', 'name,age\nAda,36\n')), null);
    assert.equal(await sniffEvalLog(write('events.jsonl', '{"ts": 1, "event": "click"}\n')), null);
    assert.equal(await sniffEvalLog(write('array.json', '[{"query_id": 1, "model": "m"}]')), null);
    assert.equal(
      await sniffEvalLog(write('archive.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))),
      null,
      'a zip that is not named .eval',
    );
    assert.equal(await sniffEvalLog(join(dir, 'missing.jsonl')), null);
    await assert.rejects(
      readEvalLog(write('settings.json', '{"editor.tabSize": 2}')),
      (e: unknown) => e instanceof EvalLogError && /not an eval log/.test(e.message),
    );
    // Content beats extension: a native log named .json, and a CSV log named .txt.
    assert.equal(
      await sniffEvalLog(write('log.json', '{"query_id": "q1", "model": "m", "correct": true}\n')),
      'native',
    );
    assert.equal(await sniffEvalLog(write('log.txt', '\ufeffquery_id,model,correct\r\nq1,m,1\r\n')), 'csv');
    assert.equal((await readEvalLog(join(dir, 'log.txt'))).records.length, 1);
    // Only the head is read: markers past SNIFF_BYTES are not seen.
    assert.equal(
      await sniffEvalLog(
        write('late.jsonl', ' '.repeat(SNIFF_BYTES) + '{"query_id": "q1", "model": "m", "correct": true}\n'),
      ),
      null,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
