import { parseArgs } from 'node:util';
import { EvalLogError } from '../engines/logs/evalLogError';
import { redactSecrets, stripControlCharacters } from '../shared/text/redactSecrets';
import { CliError } from './cliError';
import { CliReport } from './cliReport';
import type { CliCommand } from './command';
import { nonFinitePath } from './nonFinitePath';
import { version } from '../../package.json';

/** The commands a command line can run, and the log-reading options of those that read logs (none when no command does). */
export interface CommandTable {
  commands: readonly CliCommand[];
  logReading?: { options: CliCommand['options']; help: string };
}

function usage({ commands, logReading }: CommandTable): string {
  return [
    'usage: costrisk <command> [options]  (add --json for machine-readable output)',
    '',
    ...commands.map((c) => `  costrisk ${c.usage}\n      ${c.help}`),
    ...(logReading ? ['', logReading.help] : []),
  ].join('\n');
}

/** A Node system error about a file (EEXIST, EACCES, ENOSPC...): the user's problem, not a bug. */
function fileSystemMessage(e: unknown): string | null {
  const err = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof err.code !== 'string' || !/^E[A-Z]+$/.test(err.code)) return null;
  const what =
    err.syscall === 'open' || err.syscall === 'rename' || err.syscall === 'write' || err.syscall === 'mkdir'
      ? `cannot ${err.syscall === 'mkdir' ? 'create folder' : 'write'}`
      : 'file error';
  return `${err.path ?? ''}${err.path ? ': ' : ''}${what} (${err.code}${err.code === 'EEXIST' ? ': it already exists' : ''})`;
}

/**
 * Runs the CLI; returns the exit code (0 success, 2 bad usage or unusable input, 1 a bug). Output
 * goes to the given writers so tests can call it in-process. No stack trace reaches the user
 * (set COSTRISK_DEBUG=1 to see one); secrets are redacted and control characters stripped from
 * everything printed. The first Ctrl-C cancels the running work through an AbortSignal; a second
 * one exits at once. With `opts.signal` (the `costrisk` executable runs main in a worker thread, see
 * cliProcess.ts), that signal cancels instead and main leaves Ctrl-C to its caller.
 */
export async function runCommandLine(
  table: CommandTable,
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  opts: { signal?: AbortSignal } = {},
): Promise<number> {
  const [name, ...rest] = argv;
  const say = (s: string) => out(stripControlCharacters(redactSecrets(s)));
  const complain = (s: string) => err(stripControlCharacters(redactSecrets(s)));
  if (name === '--version' || name === '-v') {
    say(version);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    say(usage(table));
    return name ? 0 : 2;
  }
  const { commands, logReading } = table;
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    complain(`costrisk: unknown command "${name}" (commands: ${commands.map((c) => c.name).join(', ')})`);
    return 2;
  }
  const cancel = cancellation(opts.signal, () =>
    complain(`costrisk ${name}: cancelling (press Ctrl-C again to quit at once)`),
  );
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        ...(cmd.readsLogs ? logReading?.options : {}),
        ...cmd.options,
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      say(`costrisk ${cmd.usage}\n  ${cmd.help}${cmd.readsLogs && logReading ? `\n\n${logReading.help}` : ''}`);
      return 0;
    }
    const json = Boolean(values.json);
    const report = new CliReport();
    const result = await cmd.run({ positionals, values, json, signal: cancel.signal, report });
    // Work that finished while a Ctrl-C waited for the event loop is not printed as if nothing happened.
    if (cancel.signal.aborted) throw cancel.signal.reason;
    say(resultText(result, report, json));
    if (report.failure) complain(`costrisk ${name}: ${report.failure.message}`);
    return report.failure?.exitCode ?? 0;
  } catch (e) {
    if (cancel.signal.aborted) {
      complain(`costrisk ${name}: cancelled`);
      return 130;
    }
    return reportError(e, cmd, complain);
  } finally {
    cancel.dispose();
  }
}

/**
 * The signal a command runs with: aborted by `outside` when given, else by the first Ctrl-C
 * (`onFirstSigint` says so; a second Ctrl-C exits at once). `dispose` stops listening.
 */
function cancellation(
  outside: AbortSignal | undefined,
  onFirstSigint: () => void,
): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    onFirstSigint();
    controller.abort();
  };
  const onOutsideAbort = () => controller.abort(outside?.reason);
  if (outside) {
    if (outside.aborted) onOutsideAbort();
    else outside.addEventListener('abort', onOutsideAbort, { once: true });
  } else process.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    dispose: () => {
      if (outside) outside.removeEventListener('abort', onOutsideAbort);
      else process.off('SIGINT', onSigint);
    },
  };
}

/** What a command's result prints as: its text and the report's lines, or the JSON payload (never with NaN or Infinity). */
function resultText(result: string | Record<string, unknown>, report: CliReport, json: boolean): string {
  if (typeof result === 'string') return [result, ...report.textLines()].join('\n');
  const payload = report.toJson(result);
  const bad = nonFinitePath(payload);
  if (bad !== null) throw new Error(`the result holds a number JSON cannot represent (NaN or Infinity) at ${bad}`);
  return JSON.stringify(payload, null, json ? undefined : 2);
}

/**
 * A failed command in one line, after the command's name, and its exit code: 2 for the
 * user's problem (bad usage, an unusable log, a file system error), 1 for a bug (with a request to
 * report it, and the stack trace only under COSTRISK_DEBUG=1).
 */
function reportError(e: unknown, cmd: { name: string; usage: string }, complain: (s: string) => void): number {
  const fail = (s: string) => complain(`costrisk ${cmd.name}: ${s}`);
  if (e instanceof CliError) {
    fail(e.message);
    return e.exitCode;
  }
  if (e instanceof EvalLogError) {
    fail(e.message);
    return 2;
  }
  if (e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
    fail(`${e.message.split('\n')[0]}; usage: costrisk ${cmd.usage}`);
    return 2;
  }
  const fsMessage = fileSystemMessage(e);
  if (fsMessage) {
    fail(fsMessage);
    return 2;
  }
  fail(`internal error: ${e instanceof Error ? e.message : String(e)}`);
  complain(
    process.env.COSTRISK_DEBUG
      ? ((e as Error).stack ?? '')
      : 'This is a bug in costrisk; please report it with the command you ran (set COSTRISK_DEBUG=1 to print the stack trace).',
  );
  return 1;
}
