// Compiles the TypeScript the tests load (src/, webview/, test/ but the end-to-end suite) before the
// test files run, into .cache/tests/ (the same tree, one .js file per .ts file, each with its source
// map), so each test file runs in plain Node instead of starting tsx and transpiling again. Measured on
// the 2-core machine: 0.9 s per test file under tsx against 0.35 s compiled, for a file that loads
// little (test/engines/logs/combineLogs.test.ts).
//
// The output keeps one module per source file, as tsx does (same esbuild transform, keepNames on), so
// module state, `require` order and the fake `vscode` (test/host/fakes) behave as under tsx. Imports of
// other TypeScript files point at their compiled copies, imports of anything else (package.json) at the
// file itself, so each output depends on its own source only: a run compiles again only the sources
// changed since the last one (and everything when this script changes). Coverage maps back to the .ts
// sources through the source maps (c8 --exclude-after-remap).
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';

/** Where the compiled tree goes; .cache/ is ignored by git, ESLint and Prettier. */
export const COMPILED = join('.cache', 'tests');
const ROOTS = ['src', 'webview', 'test'];
const SKIP = new Set([join('test', 'e2e'), join('test', 'fixtures')]);
/** The hash of this script the compiled tree was made with: another script compiles everything again. */
const STAMP = join(COMPILED, '.compiled-by');

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return SKIP.has(p) ? [] : sources(p);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The compiled path of a .ts file (relative to the project root, as the runner names files). */
export function compiledPath(tsFile) {
  return join(COMPILED, tsFile.slice(0, -extname(tsFile).length) + '.js');
}

/** `to` as a relative import from the folder of the compiled copy of `importer`. */
function importPath(importer, to) {
  const p = relative(dirname(compiledPath(relative(process.cwd(), importer))), to)
    .split('\\')
    .join('/');
  return p.startsWith('.') ? p : './' + p;
}

/**
 * Keeps every relative import out of the importing file's output: an import of another .ts file
 * becomes an import of that file's compiled copy, any other file (JSON) is imported from where it is.
 * Packages and node: built-ins stay external too.
 */
const oneFilePerModule = {
  name: 'one-file-per-module',
  setup(build) {
    build.onResolve({ filter: /^\.\.?(\/|$)/ }, async (args) => {
      if (args.pluginData === 'inner' || args.kind === 'entry-point') return undefined;
      const found = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'inner',
      });
      if (found.errors.length) return { errors: found.errors };
      const target = found.path.endsWith('.ts') ? compiledPath(relative(process.cwd(), found.path)) : found.path;
      return { path: importPath(args.importer, target), external: true };
    });
  },
};

/** Compiles into COMPILED the sources changed since the last run, and removes the copies of deleted ones. */
export async function compileTests() {
  const all = ROOTS.flatMap(sources);
  const stamp = createHash('sha256')
    .update(readFileSync(new URL(import.meta.url)))
    .digest('hex');
  const fresh = existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp;
  if (!fresh) rmSync(COMPILED, { recursive: true, force: true });
  const wanted = new Set(all.map(compiledPath));
  for (const f of fresh ? compiledFiles(COMPILED) : []) if (!wanted.has(f.replace(/\.js\.map$/, '.js'))) rmSync(f);
  const stale = all.filter((f) => {
    const out = compiledPath(f);
    return !existsSync(out) || statSync(out).mtimeMs < statSync(f).mtimeMs;
  });
  if (stale.length)
    await esbuild.build({
      entryPoints: stale,
      outdir: COMPILED,
      outbase: '.',
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      keepNames: true,
      sourcemap: 'linked',
      sourcesContent: false,
      logLevel: 'error',
      plugins: [oneFilePerModule],
    });
  mkdirSync(COMPILED, { recursive: true });
  writeFileSync(STAMP, stamp);
  return stale.length;
}

function compiledFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return compiledFiles(p);
    return p.endsWith('.js') || p.endsWith('.js.map') ? [p] : [];
  });
}
