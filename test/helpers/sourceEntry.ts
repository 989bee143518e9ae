import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT } from './paths';

/**
 * The compiled copy of `src/<path>.ts` when the tests run compiled (scripts/runTests.mjs puts this
 * file and all of src/ in .cache/tests/), else null (run directly under tsx).
 */
function compiledSource(path: string): string | null {
  const compiled = join(__dirname, '..', '..', 'src', `${path}.js`);
  return __filename.endsWith('.js') && existsSync(compiled) ? compiled : null;
}

/**
 * Starts the engine worker thread (src/worker/engineWorker.ts) the way the tests load the rest of
 * src/: its compiled copy (plain JavaScript, as quick to start as dist/worker.js), or under tsx
 * its TypeScript source through tsx's CommonJS hook.
 */
export function startEngineWorker(): Worker {
  const compiled = compiledSource('worker/engineWorker');
  if (compiled) return new Worker(compiled);
  const source = join(ROOT, 'src', 'worker', 'engineWorker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
}

/**
 * Node's arguments that run `costrisk` from src/cli/main.ts as a program of its own (the launcher
 * thread and the command's worker thread, as `costrisk` runs): its compiled copy, or the TypeScript
 * source under tsx.
 */
export function cliSourceArgs(): string[] {
  const compiled = compiledSource('cli/main');
  return compiled ? [compiled] : ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];
}
