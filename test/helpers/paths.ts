import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Project root (this file is test/helpers/paths.ts). */
export const ROOT = resolve(__dirname, '..', '..');
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
