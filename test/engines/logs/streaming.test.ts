import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvalLogError, readEvalLog } from '../../../src/node/logs/readEvalLog';
import { FIXTURES, realLog } from '../../helpers/paths';

test('progress rises to 1 while a log is read, and an aborted read stops with the abort reason', async () => {
  const seen: number[] = [];
  const log = await readEvalLog(realLog('mmlu-llama'), { onProgress: (f) => seen.push(f) });
  assert.equal(log.records.length, 9080);
  assert.ok(seen.length > 2, 'several progress reports for a 5 MB log');
  assert.ok(
    seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1])),
    'fractions in [0,1], never going back',
  );
  assert.equal(seen[seen.length - 1], 1);

  const controller = new AbortController();
  let calls = 0;
  const reading = readEvalLog(realLog('mmlu-llama'), {
    signal: controller.signal,
    onProgress: () => {
      if (++calls === 2) controller.abort(new Error('user cancelled'));
    },
  });
  await assert.rejects(reading, /user cancelled/);
});

test('reading never modifies the input files (bytes and modification times unchanged)', async () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  const files = walk(join(FIXTURES, 'logs')).filter(
    (f) => !f.endsWith('.mjs') && !f.endsWith('.md') && !/\/results(_[^/]*)?\.json$/.test(f),
  );
  const dir = mkdtempSync(join(tmpdir(), 'readonly-'));
  try {
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(
      broken,
      '{"query_id": 1, "model": "m", "correct": true}\n{"query_id": 1, "model": "m", "correct": true}\nnot json\n',
    );
    files.push(broken);
    const fingerprint = (f: string) =>
      `${createHash('sha256').update(readFileSync(f)).digest('hex')} ${statSync(f).mtimeMs}`;
    const before = files.map(fingerprint);
    // Some fixtures are whole-file errors by design (an Inspect log without samples): reading them must not write either.
    for (const f of files)
      await readEvalLog(f).catch((err: unknown) => assert.ok(err instanceof EvalLogError, String(err)));
    assert.deepEqual(files.map(fingerprint), before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
