/**
 * The CLI worker's V8 code cache (src/cli/cachedWorkerSource.ts): the build writes one that this
 * Node accepts, and a command prints the same with it, without it, and with a cache V8 must reject.
 * The children run without NODE_V8_COVERAGE, under which the CLI loads the bundle as a plain module.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { CODE_CACHE_SUFFIX } from '../../src/cli/cachedWorkerSource';
import { builtCli } from '../helpers/builtCli';
import { EVAL_LOGS } from '../helpers/paths';

const LOG = join(EVAL_LOGS, 'mmlu-llama.jsonl');
let dir = '';
let dist = '';
before(() => {
  dist = dirname(builtCli());
  dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
  for (const f of ['cli.js', 'cliWorker.js']) copyFileSync(join(dist, f), join(dir, f));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function run(cli: string): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.NODE_V8_COVERAGE;
  return spawnSync(process.execPath, [cli, 'summary', LOG, '--json', '--bootstrap', '200'], { env, encoding: 'utf8' });
}

test('the build writes a code cache of the CLI worker bundle that this Node accepts', () => {
  const file = join(dist, 'cliWorker.js');
  // The same source text as the worker compiles (cachedWorkerSource): the bundle wrapped as a CommonJS function.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8').replace(/^#!.*/, '')}\n})`;
  const script = new Script(source, {
    filename: pathToFileURL(file).href,
    cachedData: readFileSync(file + CODE_CACHE_SUFFIX),
  });
  assert.equal(script.cachedDataRejected, false);
});

test('a command prints the same with the cache, without it, and with a cache V8 rejects', () => {
  const withCache = run(builtCli());
  assert.equal(withCache.status, 0, withCache.stderr);
  const summary = JSON.parse(withCache.stdout) as { models?: unknown[] };
  assert.ok(Array.isArray(summary.models) && summary.models.length === 5);
  const copy = join(dir, 'cli.js');
  const without = run(copy); // no cache file beside the copy
  assert.equal(without.status, 0, without.stderr);
  assert.equal(without.stdout, withCache.stdout);
  writeFileSync(join(dir, `cliWorker.js${CODE_CACHE_SUFFIX}`), Buffer.from('not a V8 code cache'));
  const rejected = run(copy);
  assert.equal(rejected.status, 0, rejected.stderr);
  assert.equal(rejected.stdout, withCache.stdout);
  assert.equal(rejected.stderr, '');
});
