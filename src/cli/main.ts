import { commands } from './commands/index';
import { LOG_READ_HELP, LOG_READ_OPTIONS } from './loadLogs';
import { isCliWorker, runCliProcess, runCliWorker } from './cliProcess';
import { runCommandLine } from './runCommandLine';

/**
 * Runs `costrisk` with every command (see runCommandLine): returns the exit code (0 success, 2 bad
 * usage or unusable input, 1 a bug). Output goes to the given writers so tests can call it
 * in-process. With `opts.signal` (the `costrisk` executable runs main in a worker thread, see
 * cliProcess.ts), that signal cancels the work; without, the first Ctrl-C does.
 */
export function main(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  opts: { signal?: AbortSignal } = {},
): Promise<number> {
  return runCommandLine(
    { commands, logReading: { options: LOG_READ_OPTIONS, help: LOG_READ_HELP } },
    argv,
    out,
    err,
    opts,
  );
}

// dist/cliWorker.js (this file bundled) runs as the worker of dist/cli.js (src/cli/bin.ts); under
// tsx, this file may also be run directly and is then its own worker's entry.
if (isCliWorker()) void runCliWorker(main);
else if (require.main === module) void runCliProcess(__filename);
