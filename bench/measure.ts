// What the benchmarks share: medians with their min–max, in-process timing (wall and this process's
// CPU), and whole `costrisk` processes timed with their own CPU time and peak RSS (reportUsage.cjs
// preloaded), so that every case can be printed both ways in the same words.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

/** The built CLI the whole-process figures run (`node esbuild.mjs` makes it). */
export const CLI = resolve(__dirname, '../dist/cli.js');
/** Preloaded into a timed CLI process: its wall time since start, CPU time and peak RSS, on stderr at exit. */
const REPORT_USAGE = join(__dirname, 'reportUsage.cjs');

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const spread = (xs: readonly number[], digits: number): string =>
  `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;

/** Seconds as "12.3 ms" below a second, else "1.23 s"; `unitOf` chooses the unit, so a range can share its median's. */
const unitOf = (s: number): 'ms' | 's' => (s < 1 ? 'ms' : 's');
function inUnit(s: number, unit: 'ms' | 's'): string {
  if (unit === 's') return s.toFixed(2);
  const ms = s * 1000;
  return ms.toFixed(ms < 1 ? 3 : ms < 10 ? 2 : 1);
}

/** "median 12.3 ms (11.9–14.0)": the median and the range over the runs, in the median's unit. */
function medianRange(seconds: readonly number[]): string {
  const m = median(seconds);
  const unit = unitOf(m);
  return `median ${inUnit(m, unit)} ${unit} (${inUnit(Math.min(...seconds), unit)}–${inUnit(Math.max(...seconds), unit)})`;
}

/** "median 12.3 ms": the median alone (CPU time, beside a wall time that carries the range). */
function medianOnly(seconds: readonly number[]): string {
  const m = median(seconds);
  return `median ${inUnit(m, unitOf(m))} ${unitOf(m)}`;
}

/** Wall and CPU seconds of each timed run. */
export interface Timings {
  wall: number[];
  cpu: number[];
}

/**
 * `fn` once unmeasured (compilation, caches), then `runs` times, each run's wall time and this
 * process's CPU time (user + system; on a shared machine the fairer figure of what the work costs).
 */
export function timeInProcess(fn: () => unknown, runs: number): Timings {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  return { wall, cpu };
}

/** The in-process line of a case: wall median (min–max) and CPU median, and the number of runs. */
function inProcessLine(t: Timings): string {
  return `in-process ${medianRange(t.wall)}, CPU ${medianOnly(t.cpu)}; n = ${t.wall.length}`;
}

/** Wall, CPU and peak RSS of one whole CLI process, and the bytes it wrote on stdout. */
export interface CliRun {
  wall: number;
  cpu: number;
  rssMb: number;
  stdoutBytes: number;
}

/**
 * `runs` whole `costrisk <args>` processes one after another (Node start-up, reading the log, the
 * work and the output on stdout all counted), each with its own CPU time and peak RSS (the kernel
 * keeps them per process); or why they could not be timed (the CLI not built, a failing command).
 */
export function runCli(args: readonly string[], runs: number): CliRun[] | string {
  if (!existsSync(CLI)) return `${CLI} is missing: run node esbuild.mjs first`;
  const out: CliRun[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['-r', REPORT_USAGE, CLI, ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    const wall = (performance.now() - t0) / 1000;
    const usage = /@@usage (.*)/.exec(r.stderr ?? '');
    if (r.status !== 0 || !usage)
      return `costrisk ${args[0]} exited with ${r.status}: ${(r.stderr ?? '').trim().split('\n')[0]}`;
    const u = JSON.parse(usage[1]) as { cpuSeconds: number; maxRssMb: number };
    out.push({ wall, cpu: u.cpuSeconds, rssMb: u.maxRssMb, stdoutBytes: Buffer.byteLength(r.stdout ?? '') });
  }
  return out;
}

/** The whole-process line of a case: wall median (min–max), CPU and peak RSS medians, runs; or why there is none. */
function cliLine(runs: CliRun[] | string): string {
  if (typeof runs === 'string') return `whole CLI: not timed (${runs})`;
  const rss = runs.map((r) => r.rssMb);
  return `whole CLI ${medianRange(runs.map((r) => r.wall))}, CPU ${medianOnly(runs.map((r) => r.cpu))}, peak RSS median ${median(rss).toFixed(0)} MB (${spread(rss, 0)}); n = ${runs.length}`;
}

/** "machine: 2 cores, load average ...": each bench prints it first (other work on the machine moves wall times). */
export function machineLine(): string {
  return `machine: ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

/**
 * Prints one case: its label, its in-process line over `runs` runs and, where a command does the same
 * work, the whole-process line for `cli.args`, with the command as the reader should see it (`shown`).
 */
export function reportCase(
  label: string,
  run: () => unknown,
  runs: number,
  cli?: { args: readonly string[]; shown: string },
): void {
  console.log(label);
  console.log(`  ${inProcessLine(timeInProcess(run, runs))}`);
  if (cli) console.log(`  ${cliLine(runCli(cli.args, runs))}   (${cli.shown})`);
}
