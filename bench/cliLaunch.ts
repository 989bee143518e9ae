import { readFileSync } from 'node:fs';

/**
 * The arguments Node gets when `costrisk` is started as users start it (`npx costrisk`, an npm-linked
 * `costrisk`, npm's Windows shims): the flags on the first line of `cli`
 * (`#!/usr/bin/env -S node <flags>`, see CLI_SHEBANG in esbuild.mjs), then the file. `before`
 * goes between the two (e.g. a `-r` preload). A build without flags on that line gets none.
 */
export function cliNodeArgs(cli: string, before: string[] = []): string[] {
  const firstLine = readFileSync(cli, 'utf8').slice(0, 500).split('\n', 1)[0];
  const flags = /^#!\/usr\/bin\/env -S node\b(.*)$/.exec(firstLine)?.[1].trim().split(/\s+/).filter(Boolean) ?? [];
  return [...flags, ...before, cli];
}
