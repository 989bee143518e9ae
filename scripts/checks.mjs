// What `npm test` checks before the tests: types (tsc), lint (ESLint) and format (Prettier), run at
// once, then the build the webview tests load (esbuild). Each keeps a cache in .cache/checks/ (tsc's
// build info, ESLint's and Prettier's per-file caches), so a second run only looks again at what
// changed; a cache never hides an error: a changed file or configuration is checked again.
// Any failure prints that check's output and fails the run.
// Types are checked by TypeScript 7 (the compiler in Go, package alias `typescript7`), which reads the
// same tsconfig.json: a cold check of the tree in 4 s and 8 CPU-s against 11.6 s and 18 of TypeScript
// 5.9's, a second run in 0.7 s against 5.3 (2026-12-06). TypeScript 5.9 stays for typescript-eslint.
// Prettier parses TypeScript with its babel-ts parser (.prettierrc.json): the same output on every file
// here as its default typescript parser, at 3/4 of the CPU (cold check of the tree 20 → 15 CPU-s, 2026-12-06).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const CACHE = join('.cache', 'checks');
mkdirSync(CACHE, { recursive: true });
const bin = (pkg, file) => join('node_modules', pkg, 'bin', file);

const CHECKS = [
  {
    name: 'types (tsc)',
    argv: [
      bin('typescript7', 'tsc'),
      '-p',
      '.',
      '--noEmit',
      '--incremental',
      '--tsBuildInfoFile',
      join(CACHE, 'tsc.tsbuildinfo'),
    ],
  },
  {
    name: 'lint (eslint)',
    argv: [
      bin('eslint', 'eslint.js'),
      '--cache',
      '--cache-strategy',
      'content',
      '--cache-location',
      join(CACHE, 'eslint'),
      'src',
      'webview',
      'test',
      'bench',
    ],
  },
  {
    name: 'format (prettier)',
    argv: [
      bin('prettier', 'prettier.cjs'),
      '--check',
      '--cache',
      '--cache-strategy',
      'content',
      '--cache-location',
      join(CACHE, 'prettier'),
      '--log-level',
      'warn',
      '.',
    ],
  },
];
const BUILD = { name: 'build (esbuild)', argv: ['esbuild.mjs'] };

/** Runs one check; resolves with its exit status, output and seconds. */
function run({ name, argv }) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      const ok = code === 0;
      console.log(`${ok ? '✔' : '✖'} ${name} (${seconds.toFixed(1)} s)`);
      if (!ok) console.log(Buffer.concat(out).toString('utf8'));
      resolve(ok);
    });
  });
}

const t0 = performance.now();
const checked = await Promise.all(CHECKS.map(run));
const built = checked.every(Boolean) && (await run(BUILD));
console.log(`checks and build in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
process.exit(built ? 0 : 1);
