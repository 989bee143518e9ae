/**
 * The `costrisk` executable (dist/cli.js). It stays small: the main thread only starts the worker
 * that runs the command (dist/cliWorker.js, src/cli/main.ts bundled) and answers `--version`
 * itself, so the commands and engines are compiled once, in the worker, and not at all for
 * `--version`. `generate` is the exception: it runs here, from its own small bundle
 * (dist/cliGenerate.js, see src/cli/generateMain.ts), without a worker thread.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { version } from '../../package.json';

const first = process.argv[2];
const ts = __filename.endsWith('.ts');
if (first === '--version' || first === '-v') process.stdout.write(`${version}\n`);
else if (first === 'generate') {
  // Loaded at run time (the bundler does not follow a computed path), so dist/cli.js stays small.
  const load = createRequire(__filename);
  const { runGenerateCommandLine } = load(
    join(__dirname, ts ? 'generateMain.ts' : 'cliGenerate.js'),
  ) as typeof import('./generateMain');
  void runGenerateCommandLine(process.argv.slice(2));
} else {
  // Imported here, not at the top: `generate` and `--version` never load node:worker_threads (~3 ms).
  void import('./cliProcess').then(({ runCliProcess }) =>
    runCliProcess(join(__dirname, ts ? 'main.ts' : 'cliWorker.js')),
  );
}
