import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { realLog } from './paths';

/**
 * Writes a bundled real log with its confidence removed (`logprob` and `signal` dropped from every
 * line) into `dir` and returns its path: the shape of a log from a harness that records no
 * confidence (issue 15 item 3).
 */
export function writeNoConfidenceLog(dir: string, name: Parameters<typeof realLog>[0] = 'mmlu-llama'): string {
  const file = join(dir, `${name}-no-confidence.jsonl`);
  const lines = readFileSync(realLog(name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const { logprob: _l, signal: _s, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify(rest);
    });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
