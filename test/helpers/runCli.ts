import assert from 'node:assert/strict';
import { main } from '../../src/cli/main';

/** Runs `costrisk <argv>` in-process; stdout and stderr lines are joined with newlines. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export type CliJson = { warnings: { file: string; message: string }[] } & Record<string, unknown>;

/** `costrisk <argv> --json`, parsed; exit 0 required. */
export async function cliJson(...argv: string[]): Promise<CliJson> {
  const r = await runCli(...argv, '--json');
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as CliJson;
}
