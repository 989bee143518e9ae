import { parseArgs } from 'node:util';
import { CliError } from './cliError';
import { commands } from './commands/index';
import { LOG_READ_HELP, LOG_READ_OPTIONS } from './loadLogs';

function usage(): string {
  return ['usage: costrisk <command> [options]  (add --json for machine-readable output)', '', ...commands.map((c) => `  costrisk ${c.usage}\n      ${c.help}`), '', LOG_READ_HELP].join('\n');
}

/** Runs the CLI; returns the exit code. Output goes to the given writers so tests can call it in-process. */
export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(usage());
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    err(`costrisk: unknown command "${name}" (commands: ${commands.map((c) => c.name).join(', ')})`);
    return 2;
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const { values, positionals } = parseArgs({ args: rest, options: { ...(cmd.readsLogs ? LOG_READ_OPTIONS : {}), ...cmd.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if (values.help) {
      out(`costrisk ${cmd.usage}\n  ${cmd.help}${cmd.readsLogs ? `\n\n${LOG_READ_HELP}` : ''}`);
      return 0;
    }
    const json = Boolean(values.json);
    const result = await cmd.run({ positionals, values, json, signal: controller.signal });
    out(typeof result === 'string' ? result : JSON.stringify(result, null, json ? undefined : 2));
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      err(`costrisk ${name}: ${e.message}`);
      return e.exitCode;
    }
    if (e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      err(`costrisk ${name}: ${e.message.split('\n')[0]}; usage: costrisk ${cmd.usage}`);
      return 2;
    }
    err(`costrisk ${name}: ${(e as Error).stack ?? String(e)}`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n')).then((code) => {
    process.exitCode = code;
  });
}
