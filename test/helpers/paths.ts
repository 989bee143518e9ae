import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Project root: the nearest folder above this file holding package.json (this file is
 * test/helpers/paths.ts, or its compiled copy .cache/tests/test/helpers/paths.js under
 * scripts/runTests.mjs).
 */
export const ROOT = projectRoot(resolve(__dirname, '..', '..'));

function projectRoot(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) return dir;
  }
}
/** The real eval logs: the shared data folder beside the project, else the bundled copies in examples/. */
export const EVAL_LOGS = existsSync(join(ROOT, '..', 'shared', 'data', 'eval-logs'))
  ? join(ROOT, '..', 'shared', 'data', 'eval-logs')
  : join(ROOT, 'examples');
/** Reference results: the shared data folder beside the project, else the copy in test/fixtures/reference/ (same file, for CI machines without it). */
export const REFERENCE = existsSync(join(ROOT, '..', 'shared', 'data', 'reference'))
  ? join(ROOT, '..', 'shared', 'data', 'reference')
  : join(ROOT, 'test', 'fixtures', 'reference');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const realLog = (name: 'mmlu-llama' | 'mmlu-qwen-oai' | 'medmcqa-llama' | 'medmcqa-qwen-oai'): string =>
  join(EVAL_LOGS, `${name}.jsonl`);

/** Every native JSON Lines log at hand: the bundled examples and, where present, the shared real logs. */
export function nativeLogFiles(): string[] {
  const jsonl = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.jsonl'))
          .map((f) => join(dir, f))
      : [];
  return [...jsonl(join(ROOT, 'examples')), ...jsonl(join(ROOT, '..', 'shared', 'data', 'eval-logs'))];
}
