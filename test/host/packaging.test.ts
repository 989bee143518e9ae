/** The .vsix holds only what runs: `vsce ls` lists no sources, tests or node_modules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths';

test('vsce ls --no-dependencies: runtime files only', { timeout: 120_000 }, () => {
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  assert.ok(existsSync(vsce), '@vscode/vsce is installed');
  const files = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const f of files) {
    assert.ok(!/^(src|test|node_modules|webview|bench|scripts|docs|\.ci|\.cache)\//.test(f), `${f} should not ship`);
    assert.ok(!f.endsWith('.map') && !f.endsWith('.ts') && !f.endsWith('.vsix'), `${f} should not ship`);
    assert.ok(!f.startsWith('media/screenshots/'), `${f}: README screenshots do not ship`);
  }
  for (const need of ['package.json', 'LICENSE', 'dist/extension.js', 'dist/worker.js', 'media/icon.svg', 'media/css/view.css', 'examples/mmlu-llama.jsonl']) {
    assert.ok(files.includes(need), `${need} ships (listed: ${files.join(', ')})`);
  }
  assert.ok(!files.includes('dist/cli.js'), 'the CLI is not part of the extension');
  assert.ok(files.filter((f) => f.startsWith('examples/')).length === 1, 'one example log only');
  for (const view of readdirSync(join(ROOT, 'webview')).filter((d) => existsSync(join(ROOT, 'webview', d, 'main.ts')))) {
    assert.ok(files.includes(`media/build/${view}.js`), `the ${view} webview bundle ships`);
  }
});

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
