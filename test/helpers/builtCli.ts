import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

/** The newest modification time of the files under `dir`, in ms. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The built `costrisk` (dist/cli.js, which runs dist/cliWorker.js, or dist/cliGenerate.js for `generate`). `npm test` builds before the
 * tests; a file run on its own builds here (`node esbuild.mjs`) when a bundle is missing or older
 * than a source, so it never tests a stale build.
 */
export function builtCli(): string {
  const bundles = ['cli.js', 'cliWorker.js', 'cliGenerate.js'].map((f) => join(ROOT, 'dist', f));
  const built = bundles.reduce((t, f) => Math.min(t, existsSync(f) ? statSync(f).mtimeMs : 0), Infinity);
  const sources = Math.max(newest(join(ROOT, 'src')), statSync(join(ROOT, 'package.json')).mtimeMs);
  if (built < sources) {
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  }
  return bundles[0];
}
