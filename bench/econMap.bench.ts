// The optimal-model map at scale (issue 18, item 4): a 400 x 400 price map over every candidate of
// the bundled mmlu-llama log, in <= 1 s and <= 200 MB through the CLI. Measured two ways: in-process
// (engine + compact encoding, warm) and as the whole `costrisk econ --map --map-size 400 --json`
// process (cold start, log reading, tuning, map, JSON on stdout), with the child's own peak RSS.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { readEvalLog } from '../src/node/logs/readEvalLog';
import { prepareEconomics } from '../src/engines/economics/prepareEconomics';
import { defaultMapAxes } from '../src/engines/economics/priceGrid';
import { optimalModelMap } from '../src/engines/economics/optimalModelMap';
import { evaluatePriceGrid } from '../src/engines/economics/evaluatePriceGrid';
import { priceWeights } from '../src/engines/economics/priceWeights';
import { ERROR } from '../src/engines/economics/types';
import { encodeOptimalModelMap } from '../src/protocol/compactOptimalModelMap';
import { join } from 'node:path';
import { realLog } from '../test/helpers/paths';

const SIZE = 400;
const RUNS = 5;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs: number[], digits: number): string =>
  `${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}`;

async function inProcess(): Promise<void> {
  const log = await readEvalLog(realLog('mmlu-llama'));
  const prep = prepareEconomics(log.records, { set: 'all' });
  const axes = defaultMapAxes(SIZE);
  const map = () =>
    optimalModelMap(prep.candidates, prep.metrics, { errorAxis: axes.error, latencyAxis: axes.latency, abstain: 0 });
  map();
  const compute: number[] = [];
  const encode: number[] = [];
  let chars = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const m = map();
    const t1 = performance.now();
    chars = JSON.stringify(encodeOptimalModelMap(m)).length;
    compute.push(t1 - t0);
    encode.push(performance.now() - t1);
  }
  console.log(`in-process, ${SIZE} x ${SIZE} prices x ${prep.candidates.length} candidates (warm, after tuning):`);
  console.log(`  map with exact switch points   median ${median(compute).toFixed(0)} ms (${range(compute, 0)})`);
  console.log(
    `  compact encoding + JSON        median ${median(encode).toFixed(0)} ms (${range(encode, 0)}), ${(chars / 1e6).toFixed(2)} MB`,
  );
  // The per-cell route the map used before (every operating point scored at every cell), once, for scale.
  const dim = prep.dim;
  const weights = new Float64Array(SIZE * SIZE * dim);
  axes.latency.forEach((l, r) => {
    const w = priceWeights({ latency: l }, prep.metrics);
    axes.error.forEach((e, c) => {
      w[ERROR] = e;
      weights.set(w, (r * SIZE + c) * dim);
    });
  });
  const t0 = performance.now();
  evaluatePriceGrid(prep.candidates, weights, dim);
  console.log(`  before: per-cell brute force    ${(performance.now() - t0).toFixed(0)} ms (one run)`);
}

/** Preloaded into the child: its own wall time since start, CPU time and peak RSS, on stderr at exit. */
const REPORT_USAGE = join(__dirname, 'reportUsage.cjs');

function wholeCli(): void {
  const cli = 'dist/cli.js';
  if (!existsSync(cli)) {
    console.log(`whole CLI: ${cli} is missing, run node esbuild.mjs first`);
    return;
  }
  const runs: { wall: number; cpu: number; rssMb: number; mb: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      ['-r', REPORT_USAGE, cli, 'econ', realLog('mmlu-llama'), '--map', '--map-size', String(SIZE), '--json'],
      { encoding: 'utf8', maxBuffer: 1 << 30 },
    );
    const wall = (performance.now() - t0) / 1e3;
    const usage = /@@usage (.*)/.exec(r.stderr);
    if (r.status !== 0 || !usage) {
      console.log(`whole CLI: exit ${r.status}: ${r.stderr.trim().split('\n')[0]}`);
      return;
    }
    const u = JSON.parse(usage[1]) as { cpuSeconds: number; maxRssMb: number };
    runs.push({ wall, cpu: u.cpuSeconds, rssMb: u.maxRssMb, mb: r.stdout.length / 1e6 });
  }
  const walls = runs.map((r) => r.wall);
  const cpu = runs.map((r) => r.cpu);
  const rss = runs.map((r) => r.rssMb);
  console.log(
    `whole CLI, costrisk econ --map --map-size ${SIZE} --json, ${RUNS} runs (${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}):`,
  );
  console.log(`  wall       median ${median(walls).toFixed(2)} s (${range(walls, 2)})   [target <= 1 s]`);
  console.log(`  CPU        median ${median(cpu).toFixed(2)} s (${range(cpu, 2)})`);
  console.log(`  peak RSS   median ${median(rss).toFixed(0)} MB (${range(rss, 0)})   [target <= 200 MB]`);
  console.log(`  JSON       ${runs[0].mb.toFixed(2)} MB`);
}

void inProcess().then(wholeCli);
