import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT } from './paths';

/**
 * Starts the engine worker thread (src/worker/engineWorker.ts) the way the tests load the rest of
 * src/: under scripts/runTests.mjs this file is the compiled copy in .cache/tests/ and the worker
 * runs the compiled copy beside it (plain JavaScript, as fast to start as dist/worker.js); run
 * directly under tsx, the worker registers tsx's CommonJS hook and loads the TypeScript source.
 */
export function startEngineWorker(): Worker {
  const compiled = join(__dirname, '..', '..', 'src', 'worker', 'engineWorker.js');
  if (__filename.endsWith('.js') && existsSync(compiled)) return new Worker(compiled);
  const source = join(ROOT, 'src', 'worker', 'engineWorker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
}
