import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { realLog } from './paths';
import { runCli } from './runCli';

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

export type CliJson = { warnings: { file: string; message: string }[] } & Record<string, unknown>;

/** `costrisk <argv> --json`, parsed; exit 0 required. */
export async function cliJson(...argv: string[]): Promise<CliJson> {
  const r = await runCli(...argv, '--json');
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as CliJson;
}
