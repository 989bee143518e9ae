// One build script, three kinds of output:
//   - the extension host (Node, CommonJS, `vscode` external)       -> dist/extension.js
//   - the engine worker thread and the `costrisk` CLI (Node, CJS)   -> dist/worker.js, dist/cli.js
//   - one browser bundle per webview (ESM, IIFE-free)              -> media/build/<view>.js
// `--production` minifies and drops sourcemaps; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
};

/** Every `webview/<name>/main.ts` is one view and one bundle. */
function webviewEntries() {
  const root = 'webview';
  const out = {};
  for (const name of readdirSync(root)) {
    const entry = join(root, name, 'main.ts');
    if (existsSync(entry)) out[name] = entry;
  }
  return out;
}

const configs = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { worker: 'src/worker/engineWorker.ts', cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: webviewEntries(),
    outdir: 'media/build',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  },
]
  .map((c) => ({ ...c, entryPoints: Object.fromEntries(Object.entries(c.entryPoints).filter(([, p]) => existsSync(p))) }))
  .filter((c) => Object.keys(c.entryPoints).length > 0);

if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(configs.map((c) => esbuild.build(c)));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
