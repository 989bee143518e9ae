// The TypeScript files under a folder that hold only types (interfaces, type aliases, declarations):
// compiled, they are empty. The coverage report leaves them out: they have no line that runs, and
// c8 would count all their lines as covered when some test happened to load the file and as missed
// when none did (11 such files, ~450 lines under src/, 2026-12-05).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'esbuild';

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return name.endsWith('.ts') ? [p] : [];
  });
}

/** Paths (as `dir/...`) of the .ts files under `dir` that compile to nothing (esbuild compiles them all at once). */
export async function typeOnlyFiles(dir) {
  const files = tsFiles(dir);
  const compiled = await Promise.all(
    files.map((f) => transform(readFileSync(f, 'utf8'), { loader: 'ts', format: 'esm', minify: true })),
  );
  return files.filter((_, i) => compiled[i].code.trim() === '');
}
