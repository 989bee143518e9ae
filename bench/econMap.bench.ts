// The optimal-model map at scale (issue 18, item 4): a 400 x 400 price map over every candidate of
// the bundled mmlu-llama log, in <= 1 s and <= 200 MB through the CLI. Measured two ways: in-process
// (engine + compact encoding, warm) and as the whole `costrisk econ --map --map-size 400 --json`
// process (cold start, log reading, tuning, map, JSON on stdout), with the child's own peak RSS.
import { cpus, loadavg } from 'node:os';
import { readEvalLog } from '../src/node/logs/readEvalLog';
import { prepareEconomics } from '../src/engines/economics/prepareEconomics';
import { defaultMapAxes } from '../src/engines/economics/priceGrid';
import { optimalModelMap } from '../src/engines/economics/optimalModelMap';
import { evaluatePriceGrid } from '../src/engines/economics/evaluatePriceGrid';
import { priceWeights } from '../src/engines/economics/priceWeights';
import { ERROR } from '../src/engines/economics/types';
import { encodeOptimalModelMap } from '../src/protocol/compactOptimalModelMap';
import { realLog } from '../test/helpers/paths';
import { median, runCli, spread, timeInProcess } from './measure';

const SIZE = 400;
const RUNS = 5;

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
  console.log(`  map with exact switch points   median ${median(compute).toFixed(0)} ms (${spread(compute, 0)})`);
  console.log(
    `  compact encoding + JSON        median ${median(encode).toFixed(0)} ms (${spread(encode, 0)}), ${(chars / 1e6).toFixed(2)} MB`,
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
  const brute = timeInProcess(() => evaluatePriceGrid(prep.candidates, weights, dim), RUNS).wall.map((t) => t * 1000);
  console.log(`  before: per-cell brute force    median ${median(brute).toFixed(0)} ms (${spread(brute, 0)})`);
}

function wholeCli(): void {
  const runs = runCli(['econ', realLog('mmlu-llama'), '--map', '--map-size', String(SIZE), '--json'], RUNS);
  if (typeof runs === 'string') {
    console.log(`whole CLI: ${runs}`);
    return;
  }
  const walls = runs.map((r) => r.wall);
  const cpu = runs.map((r) => r.cpu);
  const rss = runs.map((r) => r.rssMb);
  console.log(
    `whole CLI, costrisk econ --map --map-size ${SIZE} --json, ${RUNS} runs (${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}):`,
  );
  console.log(`  wall       median ${median(walls).toFixed(2)} s (${spread(walls, 2)})   [target <= 1 s]`);
  console.log(`  CPU        median ${median(cpu).toFixed(2)} s (${spread(cpu, 2)})`);
  console.log(`  peak RSS   median ${median(rss).toFixed(0)} MB (${spread(rss, 0)})   [target <= 200 MB]`);
  console.log(`  JSON       ${(runs[0].stdoutBytes / 1e6).toFixed(2)} MB`);
}

void inProcess().then(wholeCli);
