// One build script, three kinds of output:
//   - the extension host (Node, CommonJS, `vscode` external)       -> dist/extension.js
//   - the engine worker thread and the `costrisk` CLI (Node, CJS)   -> dist/worker.js, dist/cli.js
//     (a small launcher), dist/cliWorker.js (the commands, run in the launcher's worker thread) and
//     dist/cliGenerate.js (`costrisk generate` alone, run on the launcher's thread), and
//     dist/lineParserWorker.js (the thread that parses large native logs for either of them) and
//     dist/datasetSeriesWorker.js (a helper thread of a long series of generated data sets)
//   - the webviews: one ESM entry per view, code shared by several  -> media/build/<view>.js,
//     views (Chart.js, the toolkit, webview/ui) in shared chunks       media/build/chunks/*.js
// `--production` minifies and drops sourcemaps; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, chmodSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeThirdPartyNotices } from './scripts/thirdPartyNotices.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
  // The inputs list which npm packages each bundle holds: their licenses go to NOTICES (below).
  metafile: true,
};

/** The licenses of the npm packages in the bundles (the production build strips their comments). */
const NOTICES = 'dist/THIRD-PARTY-NOTICES.txt';

/** Every `webview/<name>/main.ts` is one view and one entry. */
function webviewEntries() {
  const root = 'webview';
  const out = {};
  for (const name of readdirSync(root)) {
    const entry = join(root, name, 'main.ts');
    if (existsSync(entry)) out[name] = entry;
  }
  return out;
}

/**
 * Deletes what an earlier build left in `outdir` and this one did not write: chunk names carry a
 * content hash, so without this, stale chunks would pile up in media/build and ship in the .vsix.
 */
function removeStaleOutputs(outdir) {
  return {
    name: 'remove-stale-outputs',
    setup(build) {
      build.onEnd((result) => {
        if (!result.metafile) return;
        const written = new Set(Object.keys(result.metafile.outputs).map((f) => resolve(f)));
        const walk = (dir) => {
          if (!existsSync(dir)) return;
          for (const e of readdirSync(dir, { withFileTypes: true })) {
            const p = join(dir, e.name);
            if (e.isDirectory()) walk(p);
            else if (!written.has(resolve(p))) rmSync(p);
          }
        };
        walk(outdir);
      });
    },
  };
}

const WEBVIEW_OUT = 'media/build';

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
    entryPoints: {
      worker: 'src/worker/engineWorker.ts',
      cli: 'src/cli/bin.ts',
      cliWorker: 'src/cli/main.ts',
      cliGenerate: 'src/cli/generateMain.ts',
      lineParserWorker: 'src/node/logs/lineParserWorker.ts',
      datasetSeriesWorker: 'src/node/clusters/datasetSeriesWorker.ts',
    },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: webviewEntries(),
    outdir: WEBVIEW_OUT,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    // Shared code goes into chunks the entries import (`import "./chunks/chunk-<hash>.js"`), so
    // Chart.js and the toolkit ship once, not once per view. The host's HTML loads the entry as a
    // module script; its CSP lets the imports through (src/host/panels/webviewHtml.ts).
    splitting: true,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [removeStaleOutputs(WEBVIEW_OUT)],
  },
]
  .map((c) => ({
    ...c,
    entryPoints: Object.fromEntries(Object.entries(c.entryPoints).filter(([, p]) => existsSync(p))),
  }))
  .filter((c) => Object.keys(c.entryPoints).length > 0);

if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
  writeThirdPartyNotices(
    results.map((r) => r.metafile),
    NOTICES,
  );
}
