import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths';
import { cliSourceArgs } from '../helpers/sourceEntry';
import { builtCli } from '../helpers/builtCli';

// Ctrl-C on real `costrisk` processes (started from src/cli/main.ts, see cliSourceArgs): the command stops within about a
// second whether it is reading a large log, fitting on it (synchronous work: the command's thread
// is terminated after a grace period) or generating data, exits 130 and says so.

let dir = '';
let bigLog = '';
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sigint-'));
  bigLog = join(dir, 'big.jsonl');
  await writeLog(bigLog, 150_000);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A large native log: `queries` queries answered by three models (about 190 bytes a line). */
async function writeLog(file: string, queries: number): Promise<void> {
  const out = createWriteStream(file);
  let s = 11;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  let buf = '';
  for (let q = 0; q < queries; q++) {
    for (const [m, model] of ['small', 'medium', 'large'].entries()) {
      const correct = rnd() < 0.35 + 0.2 * m;
      buf += `{"query_id":"q${q}","model":"${model}","correct":${correct},"confidence":${(correct ? 0.6 : 0.4) + 0.3 * (rnd() - 0.5)},"cost_usd":${0.0001 * (1 + 4 * m)},"latency_s":${0.2 * (1 + m)}}\n`;
    }
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  await new Promise<void>((resolve, reject) => out.end(buf, () => resolve()).on('error', reject));
}

/** Whether process `pid` has `file` open (Linux /proc); null where /proc cannot tell. */
function hasOpen(pid: number, file: string): boolean | null {
  const fds = `/proc/${pid}/fd`;
  if (!existsSync(fds)) return null;
  try {
    return readdirSync(fds).some((fd) => {
      try {
        return readlinkSync(join(fds, fd)) === file;
      } catch {
        return false;
      }
    });
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `costrisk <args>` (from the source unless `program` names another entry), waits until `ready(pid)` holds (polled every 20 ms, at most 120 s),
 * sends SIGINT and returns the exit code, stderr and the milliseconds from the signal to the exit.
 */
async function interrupt(
  args: string[],
  ready: (pid: number) => boolean,
  program: string[] = cliSourceArgs(),
): Promise<{ code: number | null; err: string; stoppedMs: number }> {
  const child = spawn(process.execPath, [...program, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  let running = true;
  void exited.then(() => (running = false));
  while (running && !ready(child.pid!) && Date.now() < deadline) await sleep(20);
  assert.ok(running, `the command was still running when interrupted (stderr: ${err})`);
  const sent = performance.now();
  child.kill('SIGINT');
  const code = await exited;
  return { code, err, stoppedMs: performance.now() - sent };
}

test('Ctrl-C while a large log is being read: stops within a second, exit 130', async (t) => {
  if (hasOpen(process.pid, '/nonexistent') === null) return t.skip('needs /proc to see when reading starts');
  const r = await interrupt(['econ', bigLog, '--price-error', '1'], (pid) => hasOpen(pid, bigLog) === true);
  assert.equal(r.code, 130, r.err);
  assert.match(r.err, /^costrisk econ: cancelling \(press Ctrl-C again to quit at once\)\ncostrisk econ: cancelled\n$/);
  assert.ok(r.stoppedMs < 1500, `stopped ${r.stoppedMs.toFixed(0)} ms after Ctrl-C`);
});

test('Ctrl-C during the fits after reading (synchronous work): the thread is terminated after half a second, exit 130', async (t) => {
  if (hasOpen(process.pid, '/nonexistent') === null) return t.skip('needs /proc to see when reading ends');
  let seen = false;
  let closedAt = 0;
  // Reading done (the log was open and is closed again), then half a second more: the command is
  // deep in fitting calibrators and copulas and sweeping prices, seconds of synchronous work.
  const r = await interrupt(
    ['econ', bigLog, '--price-error', '0.01,1,100', '--candidates', 'all', '--price-abstain', '1'],
    (pid) => {
      const open = hasOpen(pid, bigLog) === true;
      seen ||= open;
      if (seen && !open && closedAt === 0) closedAt = Date.now();
      return closedAt > 0 && Date.now() - closedAt > 500;
    },
  );
  assert.equal(r.code, 130, r.err);
  assert.match(r.err, /costrisk econ: cancelled\n$/);
  // The fits left would take several seconds more; a thread that is not terminated would finish them first.
  assert.ok(r.stoppedMs < 3000, `stopped ${r.stoppedMs.toFixed(0)} ms after Ctrl-C`);
});

test('Ctrl-C while generating (confirmed with --force): stops within a second, leaves no file behind', async () => {
  const archetype = join(dir, 'wide.json');
  writeFileSync(archetype, JSON.stringify({ n_clusters: 3, dim: 1500, n_samples: 300 }));
  const out = join(dir, 'wide');
  const r = await interrupt(['generate', '--archetype', archetype, '--out', out, '--force'], () => existsSync(out));
  assert.equal(r.code, 130, r.err);
  assert.match(r.err, /costrisk generate: cancelled\n$/);
  assert.ok(r.stoppedMs < 1500, `stopped ${r.stoppedMs.toFixed(0)} ms after Ctrl-C`);
  assert.deepEqual(readdirSync(out), [], 'no data set and no temporary file');
});

test('Ctrl-C while the built costrisk generates (on its launcher thread, without a worker): the same stop and message', async () => {
  const archetype = join(dir, 'wide-built.json');
  writeFileSync(archetype, JSON.stringify({ n_clusters: 3, dim: 1500, n_samples: 300 }));
  const out = join(dir, 'wide-built');
  const r = await interrupt(['generate', '--archetype', archetype, '--out', out, '--force'], () => existsSync(out), [
    builtCli(),
  ]);
  assert.equal(r.code, 130, r.err);
  assert.match(
    r.err,
    /^costrisk generate: cancelling \(press Ctrl-C again to quit at once\)\ncostrisk generate: cancelled\n$/,
  );
  assert.ok(r.stoppedMs < 1500, `stopped ${r.stoppedMs.toFixed(0)} ms after Ctrl-C`);
  assert.deepEqual(readdirSync(out), [], 'no data set and no temporary file');
});
