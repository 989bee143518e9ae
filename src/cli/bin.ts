/**
 * The `costrisk` executable (dist/cli.js). It stays small: the main thread only starts the worker
 * that runs the command (dist/cliWorker.js, src/cli/main.ts bundled) and answers `--version`
 * itself, so the commands and engines are compiled once, in the worker, and not at all for
 * `--version`.
 */
import { join } from 'node:path';
import { version } from '../../package.json';
import { runCliProcess } from './cliProcess';

const first = process.argv[2];
if (first === '--version' || first === '-v') process.stdout.write(`${version}\n`);
else void runCliProcess(join(__dirname, __filename.endsWith('.ts') ? 'main.ts' : 'cliWorker.js'));
