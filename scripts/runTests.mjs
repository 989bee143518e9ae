// Runs every `*.test.ts` under test/ (except the end-to-end suite) with node:test, one Node process
// per file (short ones and the browser tests in groups, see below), as many at once as the machine has cores. Usage: npm test [-- <path filter>]
//
// - The TypeScript is compiled once first (scripts/compileTests.mjs, into .cache/tests/), and each
//   file runs as plain JavaScript with source maps (stack traces and coverage point at the .ts).
// - Files start slowest first, by the durations the last run saved in test-results/test-durations.json
//   (on a fresh clone, scripts/test-durations.baseline.json; files never timed go first), so no long
//   file starts last and runs alone.
// - Webview tests share one headless Chromium, started here: they connect to it through
//   COSTRISK_CHROMIUM_WS (test/webview/harness.ts) instead of launching a browser each. It is
//   Debian's chromium-headless-shell when installed (about half the CPU of the full chromium in
//   headless mode for the same pages), else chromium (test/webview/chromium.json).
// - Short files of the areas without a fake `vscode` or a browser page (test/engines, protocol,
//   shared, worker, cli, and webview files that open no page) share processes, a few seconds of
//   them each (scripts/testBatch.mjs loads them one after the other): starting Node and writing its
//   coverage cost more than many of them take (90 such files: 48 s in a process each, 23 s in one,
//   with coverage). The browser tests share processes too, one group per lane, and with them
//   Playwright's client, connection, context and renderer (pageGroups). A group that fails runs
//   again file by file, so the failing file is named. Files never timed run alone.
// - A passing file prints one line; a failing file prints its whole output. The end lists the
//   slowest files and, for the whole suite, the coverage of src/ per directory (c8, every file,
//   loaded or not; the V8 coverage files are trimmed to what the report reads as each test file
//   ends; files that hold only types are left out, see scripts/typeOnlyFiles.mjs). A filtered run
//   (one area while working on it) or COVERAGE=0 skips the coverage;
//   COVERAGE=1 measures it for a filtered run too.
// - The browser tests (webview files that open pages) run without coverage instrumentation: the
//   code they check runs in Chromium, where c8 does not see it, and in their own process they run
//   worker jobs and engines whose own tests cover them (test/worker/viewJobs.test.ts,
//   test/engines/tuning/cascadeDiagnostics.test.ts): with and without them src/ has 99.16% of its
//   lines covered (branches and functions within 0.1%, which property tests' random cases move),
//   and instrumenting them cost ~40 s of the run's CPU (2026-12-05). So do the Node test files that
//   cover nothing the other files do not (scripts/coveredElsewhere.mjs).
//   COVERAGE=all instruments them all.
// - TEST_CONCURRENCY overrides the number of processes; TEST_FILE_TIMEOUT_S (default 900) fails a
//   file that runs longer; TEST_VERBOSE=1 prints every file's output.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledPath, compileTests } from './compileTests.mjs';
import { coverageByDirectory } from './coverageByDirectory.mjs';
import { COVERED_ELSEWHERE as COVERED_LIST } from './coveredElsewhere.mjs';
import { isWebview, opensPagesIn, testFiles } from './testFiles.mjs';
import { typeOnlyFiles } from './typeOnlyFiles.mjs';

const filter = process.argv[2];
const RESULTS = 'test-results';
const DURATIONS = join(RESULTS, 'test-durations.json');
/**
 * The durations of a full run on the 2-core development machine, committed, for a fresh clone (CI)
 * that has none saved yet: they only order and group the files. Refresh by copying DURATIONS here.
 */
const BASELINE_DURATIONS = join('scripts', 'test-durations.baseline.json');
const COVERAGE_TMP = join(RESULTS, 'coverage', 'tmp');
const BATCH_ENTRY = join('scripts', 'testBatch.mjs');
const CHROMIUM_JSON = JSON.parse(readFileSync(join('test', 'webview', 'chromium.json'), 'utf8'));
/** CHROMIUM_PATH, else the first installed of chromium.json's executables (as test/webview/harness.ts picks). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? CHROMIUM_JSON.executables.find((f) => existsSync(f));

/** Last run's seconds per file, else the committed baseline's (empty when neither is readable). */
function lastDurations() {
  for (const file of [DURATIONS, BASELINE_DURATIONS]) {
    try {
      const o = JSON.parse(readFileSync(file, 'utf8'));
      return new Map(Object.entries(o).filter(([, s]) => typeof s === 'number' && Number.isFinite(s)));
    } catch {
      // no saved durations yet: try the next file
    }
  }
  return new Map();
}

const previous = lastDurations();
const files = testFiles('test')
  .filter((f) => !filter || f.includes(filter))
  .sort((a, b) => (previous.get(b) ?? Infinity) - (previous.get(a) ?? Infinity) || a.localeCompare(b));
if (files.length === 0) {
  console.error(`no test files match ${filter ?? 'test/**/*.test.ts'}`);
  process.exit(2);
}
/**
 * Areas whose test files may share a process (no fake `vscode`, no process-wide state), and how
 * long (by last durations) a file and a group may take. Webview files share when they open no page
 * (they do not use the browser harness).
 */
const SHARED_AREAS = /^test[\\/](engines|protocol|shared|worker|cli)[\\/]/;
/** The webview tests that open pages in headless Chromium (they use the browser harness), each file read once. */
const pageFiles = new Set(files.filter(opensPagesIn));
const opensPages = (f) => pageFiles.has(f);
/** Node test files that run uninstrumented: scripts/coveredElsewhere.mjs says which and why. */
const COVERED_ELSEWHERE = new Set(COVERED_LIST);
for (const f of COVERED_ELSEWHERE)
  if (!existsSync(f)) {
    console.error(`scripts/coveredElsewhere.mjs names ${f}, and there is no such file`);
    process.exit(2);
  }
const uninstrumentedFile = (f) => opensPages(f) || COVERED_ELSEWHERE.has(f);
const mayShare = (f) => (SHARED_AREAS.test(f) && !COVERED_ELSEWHERE.has(f)) || (isWebview(f) && !opensPages(f));
/**
 * Files under 2 s share, in groups of up to 6 s. Larger groups were tried on 2026-12-05 (files under
 * 12 s in groups of up to 24 s: 65 processes instead of 108): paired full runs took 248 s and 247 s
 * against 251 s and 261 s, within the spread between runs, and in the next run a group failed: a
 * file whose hook awaited a mock server with a 2 s request timeout (cascadeSession.test.ts; such
 * tests now allow 30 s) shared its process with files whose tests compute for seconds without
 * yielding, and a call timed out and was retried. Files are written to run alone; a short group
 * keeps that risk small.
 */
const SHARE_BELOW_S = 2;
const GROUP_S = 6;
/**
 * The browser test files share processes too, as many groups as there are lanes, balanced by last
 * durations (each file to the group with the least so far, longest first): in one process they
 * share Playwright's client (loading it costs ~0.45 s of CPU), the connection, the browser context
 * and its renderer with the bundles compiled there (test/webview/harness.ts, SharedBrowser), and the
 * worker jobs' in-process caches (a log read and prepared once serves every file that shows it).
 * They do not compute for long without yielding, and each file opens and closes its own views.
 * Measured on the 2-core machine (2026-12-06, the browser files alone, COVERAGE=0, alternating):
 * six groups of up to 25 s took 65–75 s, 57–63 CPU-s of Node and 78–90 of Chromium; one group per
 * lane (and the busy ring still, harness.ts) 57–67 s, 45–55 and 70–85.
 */
function pageGroups(pages, lanes) {
  const groups = Array.from({ length: Math.min(lanes, pages.length) }, () => ({ files: [], expected: 0 }));
  // pages come in `files` order, longest first by last durations
  for (const f of pages) {
    const group = groups.reduce((a, b) => (b.expected < a.expected ? b : a));
    group.files.push(f);
    group.expected += previous.get(f);
  }
  return groups;
}

/**
 * The work in running order: single files, groups of short files of SHARED_AREAS (each group up to
 * GROUP_S seconds by last durations) and the groups of browser test files (pageGroups), longest
 * first by last durations (never-timed files first, alone).
 */
function workItems(lanes) {
  const alone = [];
  const groups = [];
  const pages = [];
  let open = null;
  for (const f of files) {
    const last = previous.get(f);
    if (last !== undefined && opensPages(f)) {
      pages.push(f);
      continue;
    }
    if (last === undefined || last >= SHARE_BELOW_S || !mayShare(f)) {
      alone.push({ files: [f], expected: last ?? Infinity });
      continue;
    }
    if (!open || open.expected + last > GROUP_S) groups.push((open = { files: [], expected: 0 }));
    open.files.push(f);
    open.expected += last;
  }
  return [...alone, ...groups, ...pageGroups(pages, lanes)].sort((a, b) => b.expected - a.expected);
}

const coverage = ['1', 'all'].includes(process.env.COVERAGE) || (!filter && process.env.COVERAGE !== '0');
const concurrency = Math.max(1, Number(process.env.TEST_CONCURRENCY) || availableParallelism());
const timeoutS = Number(process.env.TEST_FILE_TIMEOUT_S) || 900;
const verbose = process.env.TEST_VERBOSE === '1';

/** One headless Chromium for every webview test file, or null when none runs or there is no browser. */
async function startBrowser() {
  if (!files.some(isWebview) || !CHROMIUM || !existsSync(CHROMIUM)) return null;
  const { chromium } = await import('playwright-core');
  return chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_JSON.args, headless: true });
}

/** Counts from node:test's spec summary ("ℹ pass 3"). */
function counts(output) {
  const n = (k) => Number(new RegExp(`^ℹ ${k} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
  return { pass: n('pass'), fail: n('fail'), skipped: n('skipped') + n('todo'), cancelled: n('cancelled') };
}

/** Coverage files already trimmed (trimCoverage). */
const trimmed = new Set();

/**
 * Drops from the coverage files written so far what the c8 report leaves out anyway: Node's own
 * modules, node_modules, and the compiled tests and webview code (only src/ is reported, compiled
 * or through dist/'s source maps). Called as each test file ends, while the others run, so that the
 * report at the end reads less than half as much (on a full run's 348 MB: 14 → 8 CPU-s, the same
 * lcov.info and summary). A file is trimmed once the process that wrote it has ended (its pid is
 * in the name; a test file's threads write theirs before the process ends); the others are tried
 * again at the next call, and the end of the run makes a last call.
 *
 * Node ends each file with the source maps of the modules it loaded (`"source-map-cache"`, the
 * larger part of the file); they are left out unparsed, and the report reads each map from beside
 * its compiled file instead, once per file rather than once per process (a full run's trimmed files
 * 114 → 35 MB, the report 5.7 → 4.9 s, the same lcov.info; 2026-12-05). The key is found from the
 * end: inside the maps, quotes are escaped, so `,"source-map-cache":` occurs only as that key.
 */
function trimCoverage() {
  const root = pathToFileURL(process.cwd()).href + '/';
  const keep = (url) =>
    url.startsWith(root) &&
    !url.includes('/node_modules/') &&
    !url.startsWith(`${root}.cache/tests/test/`) &&
    !url.startsWith(`${root}.cache/tests/webview/`);
  for (const name of readdirSync(COVERAGE_TMP)) {
    if (trimmed.has(name) || running(Number(/^coverage-(\d+)-/.exec(name)?.[1]))) continue;
    const f = join(COVERAGE_TMP, name);
    let cov;
    try {
      const text = readFileSync(f, 'utf8');
      const maps = text.lastIndexOf(',"source-map-cache":');
      cov = JSON.parse(maps < 0 ? text : text.slice(0, maps) + '}');
    } catch {
      continue;
    }
    cov.result = cov.result.filter((s) => keep(s.url));
    writeFileSync(f, JSON.stringify(cov));
    trimmed.add(name);
  }
}

/** Whether process `pid` has not ended yet (kill with signal 0 only asks). */
function running(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Runs test files in one process (one file, or a group through testBatch.mjs); resolves with its exit status, output and seconds. */
function runFiles(group, env) {
  const entry = group.length === 1 ? [compiledPath(group[0])] : [BATCH_ENTRY, ...group.map(compiledPath)];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--enable-source-maps', '--test-reporter=spec', ...entry], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid, 'SIGKILL');
    }, timeoutS * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const output = Buffer.concat(chunks).toString('utf8');
      const seconds = (performance.now() - t0) / 1000;
      if (env.NODE_V8_COVERAGE) trimCoverage();
      const why = timedOut ? `timed out after ${timeoutS} s` : signal ? `killed by ${signal}` : null;
      resolve({ files: group, ok: code === 0 && !why, why, output, seconds, ...counts(output) });
    });
  });
}

const t0 = performance.now();
/** The files the coverage report leaves out, found while the tests run. */
const typesOnly = coverage ? typeOnlyFiles('src') : Promise.resolve([]);
const [browser] = await Promise.all([startBrowser(), compileTests()]);
const env = { ...process.env, FORCE_COLOR: '0' };
// A machine behind a TLS-inspecting proxy sets NODE_EXTRA_CA_CERTS (this one does, for the npm
// registry), and Node 20 then parses the whole certificate file at every start: ~40 ms a process
// here (node -e 0: 56 → 96 ms), for well over a hundred test processes. The tests make no TLS connection.
delete env.NODE_EXTRA_CA_CERTS;
if (browser) env.COSTRISK_CHROMIUM_WS = browser.wsEndpoint();
if (coverage) {
  rmSync(COVERAGE_TMP, { recursive: true, force: true });
  mkdirSync(COVERAGE_TMP, { recursive: true });
  env.NODE_V8_COVERAGE = COVERAGE_TMP;
}
const stopAll = () => process.exit(130);
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

console.log(
  `${files.length} test files, ${concurrency} at a time${browser ? `, one shared ${basename(CHROMIUM)}` : ''}`,
);
const results = [];
const work = workItems(concurrency);

/** Prints a result: one line (a group's line names its files), and the whole output of a failure. */
function report(r) {
  const tally = `${r.pass} passed${r.skipped ? `, ${r.skipped} skipped` : ''}${r.fail ? `, ${r.fail} failed` : ''}`;
  const what = r.files.length === 1 ? r.files[0] : `${r.files.length} files in one process: ${r.files.join(', ')}`;
  console.log(`${r.ok ? '✔' : '✖'} ${what} (${r.seconds.toFixed(1)} s, ${tally})${r.why ? ` ${r.why}` : ''}`);
  if (!r.ok || verbose) console.log(r.output);
}

/**
 * The environment of a process: without coverage instrumentation for the browser tests and
 * COVERED_ELSEWHERE (scripts/coveredElsewhere.mjs), with it for the others.
 */
const uninstrumented = { ...env };
delete uninstrumented.NODE_V8_COVERAGE;
const envFor = (group) => (process.env.COVERAGE !== 'all' && group.some(uninstrumentedFile) ? uninstrumented : env);

let next = 0;
async function lane() {
  while (next < work.length) {
    const item = work[next++];
    const r = await runFiles(item.files, envFor(item.files));
    if (r.ok || item.files.length === 1) {
      results.push(r);
      report(r);
      continue;
    }
    // A group failed: each of its files again on its own, to name the one that fails (a file that
    // passes alone then shows that the files disturb each other, which the group's output shows).
    console.log(`✖ ${item.files.length} files in one process failed; running each on its own. The group's output:`);
    console.log(r.output);
    for (const f of item.files) {
      const one = await runFiles([f], envFor([f]));
      results.push(one);
      report(one);
    }
  }
}
await Promise.all(Array.from({ length: Math.min(concurrency, work.length) }, lane));
if (coverage) trimCoverage();
await browser?.close();
const wall = (performance.now() - t0) / 1000;

mkdirSync(RESULTS, { recursive: true });
// Durations merge into the saved ones, so a filtered run keeps the other files' times; the times of
// files that no longer exist are dropped.
const saved = Object.fromEntries([...previous].filter(([f]) => existsSync(f)));
// A group's time is shared among its files in proportion to their last durations. A file's saved
// time is the mean of its last one and this one: a single run on a busy machine, which makes every
// file slower, would otherwise take many short files out of the groups for the next run.
for (const r of results) {
  const last = r.files.map((f) => previous.get(f) ?? 1);
  const total = last.reduce((a, b) => a + b, 0);
  r.files.forEach((f, i) => {
    const now = (r.seconds * last[i]) / total;
    saved[f] = Number((previous.has(f) ? (previous.get(f) + now) / 2 : now).toFixed(2));
  });
}
writeFileSync(DURATIONS, JSON.stringify(saved, null, 1) + '\n');

const failed = results.filter((r) => !r.ok);
const sum = (k) => results.reduce((a, r) => a + r[k], 0);
console.log('\nslowest files:');
for (const r of [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 10))
  console.log(
    `  ${r.seconds.toFixed(1).padStart(6)} s  ${r.files.length === 1 ? r.files[0] : `${r.files.length} files in one process`}`,
  );
console.log(
  `\n${files.length} files in ${wall.toFixed(1)} s: ${sum('pass')} tests passed, ${sum('skipped')} skipped, ${sum('fail')} failed` +
    (failed.length
      ? `\nfailed files:\n${failed.map((r) => `  ${r.files.join(', ')}${r.why ? ` (${r.why})` : ''}`).join('\n')}`
      : ''),
);

if (coverage) {
  const c8 = spawnSync(
    process.execPath,
    [
      'node_modules/c8/bin/c8.js',
      'report',
      `--temp-directory=${COVERAGE_TMP}`,
      '--reporter=text-summary',
      '--reporter=json-summary',
      '--reporter=lcov',
      `--report-dir=${join(RESULTS, 'coverage')}`,
      '--all',
      '--src=src',
      '--include=src/**/*.ts',
      '--extension=.ts',
      '--exclude-after-remap',
      ...(await typesOnly).map((f) => `--exclude=${f.split(sep).join('/')}`),
    ],
    { stdio: 'inherit' },
  );
  if (c8.status === 0) console.log(coverageByDirectory(join(RESULTS, 'coverage', 'coverage-summary.json')));
  else failed.push({ files: ['c8 report'] });
}
process.exit(failed.length ? 1 : 0);
