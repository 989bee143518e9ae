// Runs every `*.test.ts` under test/ (except the end-to-end suite) with Node's test runner and tsx.
// Usage: npm test [-- <path filter>]
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const filter = process.argv[2];
function collect(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'e2e' || name === 'fixtures' ? [] : collect(p);
    return name.endsWith('.test.ts') ? [p] : [];
  });
}
const files = collect('test')
  .filter((f) => !filter || f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filter ?? 'test/**/*.test.ts'}`);
  process.exit(2);
}
const node = [process.execPath, '--import', 'tsx', '--test', '--test-concurrency=2', ...files];
// The whole suite runs under c8 and ends with the coverage of src/ (every file, loaded or not);
// a filtered run (one area while working on it) skips the coverage.
const c8 = [
  'node_modules/c8/bin/c8.js',
  '--reporter=text-summary',
  '--reporter=lcov',
  '--report-dir=test-results/coverage',
  '--all',
  '--src=src',
  '--include=src/**/*.ts',
  '--extension=.ts',
];
const argv = filter || process.env.COVERAGE === '0' ? node : [process.execPath, ...c8, ...node];
const r = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit' });
process.exit(r.status ?? 1);
