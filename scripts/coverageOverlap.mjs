// Which Node test files cover nothing the others do not: the check behind scripts/coveredElsewhere.mjs.
// Usage: node scripts/coverageOverlap.mjs [--report | <path filter>]  (about 4 minutes on 2 cores;
// --report reads the last run's reports again, after a change to the list; a filter measures again only
// the files it matches, after a change to them)
//
// Runs every Node test file (not the browser tests, not the end-to-end suite) alone with coverage,
// two or more at a time, turns each file's V8 coverage into c8's JSON report (src/ only, through the
// source maps), then prints:
// - for each file of coveredElsewhere.mjs, what of src/ only it covers (lines and functions, then
//   branches, which property tests' random cases move from run to run): nothing, when the list holds;
// - the instrumented files that cover nothing the others do not, slowest under coverage first: the
//   candidates for the list (when two are candidates because each covers what the other does, only
//   one may go).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { compiledPath, compileTests } from './compileTests.mjs';
import { COVERED_ELSEWHERE } from './coveredElsewhere.mjs';
import { opensPagesIn, testFiles } from './testFiles.mjs';

const OUT = join('.cache', 'coverage-overlap');

const files = testFiles('test').filter((f) => !opensPagesIn(f));
const slug = (f) => f.replace(/[\\/]/g, '__');

/** Runs `file` alone with coverage, then c8's JSON report of it; resolves with its seconds and exit status. */
function measure(file) {
  const dir = join(OUT, slug(file));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'v8'), { recursive: true });
  const env = { ...process.env, NODE_V8_COVERAGE: join(dir, 'v8') };
  delete env.NODE_EXTRA_CA_CERTS;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--enable-source-maps', '--test-reporter=dot', compiledPath(file)], {
      env,
      stdio: 'ignore',
    });
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      spawnSync(process.execPath, [
        'node_modules/c8/bin/c8.js',
        'report',
        `--temp-directory=${join(dir, 'v8')}`,
        '--reporter=json',
        `--report-dir=${dir}`,
        '--src=src',
        '--include=src/**/*.ts',
        '--extension=.ts',
        '--exclude-after-remap',
      ]);
      rmSync(join(dir, 'v8'), { recursive: true, force: true });
      resolve({ file, seconds, ok: code === 0 });
    });
  });
}

/**
 * What a c8 JSON report says a file ran: `main`, the lines ("path:L<line>") and functions
 * ("path:F<line>:<col>") it covered; `branches`, the start of every block range it ran; `ranges`, per
 * source file, its block and function ranges with their counts.
 */
function coveredItems(file) {
  const main = new Set();
  const branches = [];
  const ranges = new Map();
  const report = JSON.parse(readFileSync(join(OUT, slug(file), 'coverage-final.json'), 'utf8'));
  for (const [path, c] of Object.entries(report)) {
    const src = path.slice(process.cwd().length + 1);
    const list = [];
    for (const [id, n] of Object.entries(c.s)) if (n > 0) main.add(`${src}:L${c.statementMap[id].start.line}`);
    const fnStarts = new Set();
    for (const [id, n] of Object.entries(c.f)) {
      const { loc } = c.fnMap[id];
      if (n > 0) main.add(`${src}:F${loc.start.line}:${loc.start.column}`);
      fnStarts.add(`${loc.start.line}:${loc.start.column}`);
      list.push({ ...loc, n });
    }
    for (const [id, counts] of Object.entries(c.b))
      counts.forEach((n, k) => {
        const loc = c.branchMap[id].locations[k];
        list.push({ ...loc, n });
        // a function's own range (and the module's, at 1:0) is in `main` already, as its lines
        const whole =
          (loc.start.line === 1 && loc.start.column === 0) || fnStarts.has(`${loc.start.line}:${loc.start.column}`);
        if (n > 0 && !whole) branches.push({ src, at: loc.start });
      });
    ranges.set(src, list);
  }
  return { main, branches, ranges };
}

/** Position order: negative when `a` comes before `b`. */
const order = (a, b) => a.line - b.line || a.column - b.column;
/**
 * Whether a file ran the code at `at` of `src`: the count of the innermost of its ranges there, the
 * one that starts last (a block that follows another starts where the other's closing brace is),
 * the shorter of two that start together. V8 splits a function into block ranges by what ran, so
 * two files that ran the same code may report different ranges; comparing positions, not ranges,
 * tells what each ran.
 */
function ran(it, src, at) {
  let inner = null;
  for (const r of it.ranges.get(src) ?? [])
    if (order(r.start, at) <= 0 && order(at, r.end) <= 0)
      if (
        !inner ||
        order(inner.start, r.start) < 0 ||
        (order(inner.start, r.start) === 0 && order(r.end, inner.end) < 0)
      )
        inner = r;
  return inner !== null && inner.n > 0;
}

/** `--report`: measure nothing, read the last run's reports; a path filter: measure only the files that match. */
const args = process.argv.slice(2);
const filter = args.find((a) => !a.startsWith('--'));
const toMeasure = args.includes('--report') ? [] : files.filter((f) => !filter || f.includes(filter));
const results = files.filter((f) => !toMeasure.includes(f)).map((file) => ({ file, seconds: Number.NaN, ok: true }));
let next = 0;
async function lane() {
  while (next < toMeasure.length) {
    const r = await measure(toMeasure[next++]);
    results.push(r);
    process.stdout.write(r.ok ? '.' : `\n✖ ${r.file} failed\n`);
  }
}
if (toMeasure.length) {
  await compileTests();
  await Promise.all(Array.from({ length: availableParallelism() }, lane));
  console.log();
}

const items = new Map(results.map((r) => [r.file, { ...r, ...coveredItems(r.file) }]));
const listed = new Set(COVERED_ELSEWHERE);
const instrumented = [...items.values()].filter((it) => !listed.has(it.file));
/** How many instrumented files cover each line and function. */
const count = new Map();
for (const it of instrumented) for (const k of it.main) count.set(k, (count.get(k) ?? 0) + 1);
/** What of `it` no instrumented file but itself covers: lines and functions, then blocks run. */
function onlyIn(it) {
  const own = listed.has(it.file) ? 0 : 1;
  const main = [...it.main].filter((k) => (count.get(k) ?? 0) === own);
  const blocks = it.branches
    .filter((b) => !instrumented.some((o) => o !== it && ran(o, b.src, b.at)))
    .map((b) => `${b.src}:${b.at.line}:${b.at.column}`);
  return [...main, ...blocks];
}

console.log('Files of coveredElsewhere.mjs, and what of src/ only they run:');
for (const f of COVERED_ELSEWHERE) {
  const only = onlyIn(items.get(f));
  console.log(`  ${only.length ? '✖' : '✔'} ${f}${only.length ? `: ${only.length}` : ''}`);
  for (const k of only.slice(0, 8)) console.log(`      ${k}`);
}
console.log('\nInstrumented files that run nothing the others do not (seconds alone under coverage):');
// (with --report, the files not measured again have no seconds: they come last, in file order)
for (const it of instrumented.sort((a, b) => (b.seconds || 0) - (a.seconds || 0)))
  if (onlyIn(it).length === 0)
    console.log(`  ${Number.isNaN(it.seconds) ? '    –' : it.seconds.toFixed(1).padStart(5)} s  ${it.file}`);
