import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { realLog } from './paths';

/**
 * Writes into `dir` the bundled real log `name` with every record's `split` removed (Python's
 * -Infinity token kept as written), as logs from Inspect, lm-evaluation-harness and promptfoo come.
 */
export function stripSplit(dir: string, name: Parameters<typeof realLog>[0]): string {
  const out = join(dir, `${name}.jsonl`);
  const text = readFileSync(realLog(name), 'utf8').replace(/,\s*"split":\s*"[^"]*"/g, '');
  assert.ok(!text.includes('"split"'));
  writeFileSync(out, text);
  return out;
}
