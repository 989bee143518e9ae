/**
 * The command's worker thread compiles dist/cliWorker.js (1.6 MB) at every start: V8 parses the
 * whole bundle before it runs, 40 to 120 ms of each `costrisk` command on the development machine.
 * With a code cache (`dist/cliWorker.js.v8cache`, written by the build: `node esbuild.mjs` runs
 * `costrisk --help` once with COSTRISK_WRITE_CODE_CACHE=1) the worker starts from V8's own compiled
 * form instead, 0.3 ms. The cache belongs to one V8 version and set of flags: on any other Node,
 * V8 rejects it and the bundle is compiled as before, so the cache can only save time, never
 * change what runs. Under NODE_V8_COVERAGE (the test suite's coverage) the bundle is loaded as a
 * plain module instead, so that coverage is recorded and mapped back to the sources as for any file.
 */

/** The cache file of a bundle: beside it, same name plus this. */
export const CODE_CACHE_SUFFIX = '.v8cache';

/**
 * JavaScript for `new Worker(code, { eval: true })` that runs the CommonJS bundle `entryFile` as
 * Node would (exports, require, module, __filename, __dirname), compiled with the code cache beside
 * it when there is one that V8 accepts; with `writeCache`, it first writes that cache (atomically:
 * a temporary file renamed), for the build. Kept as text (not a function's source), so that what the
 * worker evaluates does not depend on how this file was compiled.
 */
export function cachedWorkerSource(entryFile: string, writeCache: boolean): string {
  return `
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { Script } = require('node:vm');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const { pathToFileURL } = require('node:url');
const file = ${JSON.stringify(entryFile)};
const cacheFile = file + ${JSON.stringify(CODE_CACHE_SUFFIX)};
const source =
  '(function (exports, require, module, __filename, __dirname) {' +
  readFileSync(file, 'utf8').replace(/^#!.*/, '') +
  '\\n})';
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {}
const script = new Script(source, { filename: pathToFileURL(file).href, cachedData });
if (${writeCache}) {
  const tmp = cacheFile + '.' + process.pid + '.tmp';
  writeFileSync(tmp, script.createCachedData());
  renameSync(tmp, cacheFile);
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
`;
}
