/**
 * `costrisk generate` on the launcher's own thread, from a bundle of its own (dist/cliGenerate.js):
 * the generator's command-line speed (issue 18) counts the whole process, and for a batch of
 * small data sets starting a worker thread and compiling every command's code (the price
 * database alone is half of dist/cliWorker.js) cost more than generating. Ctrl-C still stops it:
 * the generator pauses for the event loop every few tens of milliseconds, where the first Ctrl-C
 * aborts its signal (runCommandLine's handler) and the second one exits at once.
 */
import { generateCommand } from './commands/generate';
import { runCommandLine } from './runCommandLine';

/** Runs `costrisk generate <argv...>` (argv[0] is "generate"), printing as the worker's launcher would, and sets the exit code. */
export async function runGenerateCommandLine(argv: string[]): Promise<void> {
  process.exitCode = await runCommandLine(
    { commands: [generateCommand] },
    argv,
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
  );
}
