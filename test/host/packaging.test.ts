/** The .vsix holds only what runs: `vsce ls` lists no sources, tests or node_modules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { ROOT } from '../helpers/paths';

/** The files `npm run package` puts in the .vsix (listed once: vsce takes a few seconds). */
let listed: string[] | undefined;
function shippedFiles(): string[] {
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  assert.ok(existsSync(vsce), '@vscode/vsce is installed');
  listed ??= execFileSync(vsce, ['ls', '--no-dependencies'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return listed;
}

/** The relative modules a built webview file imports (`import"./chunks/x.js"`, `from "./x.js"`), as package paths. */
function importsOf(file: string): string[] {
  const code = readFileSync(join(ROOT, file), 'utf8');
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) =>
    posix.join(dirname(file), m[1]),
  );
}

test('vsce ls --no-dependencies: runtime files only', { timeout: 120_000 }, () => {
  const files = shippedFiles();
  for (const f of files) {
    assert.ok(!/^(src|test|node_modules|webview|bench|scripts|docs|\.ci|\.cache)\//.test(f), `${f} should not ship`);
    assert.ok(!f.endsWith('.map') && !f.endsWith('.ts') && !f.endsWith('.vsix'), `${f} should not ship`);
    assert.ok(!f.startsWith('media/screenshots/'), `${f}: README screenshots do not ship`);
  }
  for (const need of [
    'package.json',
    'LICENSE',
    'dist/extension.js',
    'dist/worker.js',
    'dist/lineParserWorker.js',
    'dist/datasetSeriesWorker.js',
    'dist/THIRD-PARTY-NOTICES.txt',
    'media/icon.svg',
    'media/css/view.css',
    'examples/mmlu-llama.jsonl',
  ]) {
    assert.ok(files.includes(need), `${need} ships (listed: ${files.join(', ')})`);
  }
  assert.ok(!files.includes('dist/cli.js'), 'the CLI is not part of the extension');
  // The production build strips the packages' own comments: their licenses ship in one file, the
  // zstandard decoder's BSD notice (a binary redistribution) and Chart.js's among them.
  const notices = readFileSync(join(ROOT, 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
  for (const pkg of ['chart.js', 'ml-matrix', 'jstat', 'zstddec', '@vscode/webview-ui-toolkit'])
    assert.match(notices, new RegExp(`^${pkg.replace(/[.]/g, '\\.')} \\d+\\.\\d+`, 'm'), `${pkg}'s notice ships`);
  assert.match(notices, /For Zstandard software/);
  assert.ok(files.filter((f) => f.startsWith('examples/')).length === 1, 'one example log only');
  for (const view of readdirSync(join(ROOT, 'webview')).filter((d) =>
    existsSync(join(ROOT, 'webview', d, 'main.ts')),
  )) {
    assert.ok(files.includes(`media/build/${view}.js`), `the ${view} webview bundle ships`);
  }
});

test(
  'webview code splitting: every chunk an entry imports ships, no other chunk does, Chart.js and the toolkit ship once',
  { timeout: 120_000 },
  () => {
    const files = shippedFiles();
    const webview = files.filter((f) => f.startsWith('media/build/'));
    const entries = webview.filter((f) => !f.slice('media/build/'.length).includes('/'));
    assert.ok(entries.length >= 8, `the view entries ship (${entries.join(', ')})`);
    // walk the static imports from the entries: each must ship; what ships must be reached
    const reached = new Set<string>(entries);
    const queue = [...entries];
    while (queue.length) {
      for (const dep of importsOf(queue.pop() as string)) {
        assert.ok(files.includes(dep), `${dep} is imported by a webview but does not ship`);
        if (!reached.has(dep)) queue.push(dep);
        reached.add(dep);
      }
    }
    assert.ok(reached.size > entries.length, 'the entries import shared chunks');
    assert.deepEqual(
      webview.filter((f) => !reached.has(f)),
      [],
      'chunks that no entry imports (left over from an earlier build?)',
    );
    // one copy of the heavy libraries: a string from Chart.js's constructor, a CSS variable of the toolkit's button
    for (const [lib, marker] of [
      ['Chart.js', 'Canvas is already in use'],
      ['the toolkit', '--vscode-button-background'],
    ]) {
      const holders = webview.filter((f) => readFileSync(join(ROOT, f), 'utf8').includes(marker));
      assert.equal(holders.length, 1, `${lib} ships once (found in ${holders.join(', ')})`);
    }
  },
);

test('the packaged README is the extension page: no repository-relative links or images', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const m = /--readme-path (\S+)/.exec(pkg.scripts.package);
  assert.ok(m, 'npm run package names the README of the extension page');
  const text = readFileSync(join(ROOT, m[1]), 'utf8');
  // vsce cannot rewrite relative links without a repository URL, and the screenshots do not ship
  const relative = [...text.matchAll(/\]\((?!https?:|#)([^)]+)\)/g)].map((x) => x[1]);
  assert.deepEqual(relative, [], 'relative links or images in the extension README');
  assert.match(text, /^# Cost-Risk Lab/);
});
