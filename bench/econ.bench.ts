// Economic evaluation on the bundled mmlu-llama log: the optimal-model map (issue 4 performance
// target: a 100 x 100 price grid over 10 candidates, cascades already tuned, in <= 1 s) and the steps
// around it. Each case runs once unmeasured, then RUNS timed runs in this process (log already
// read: wall median with min–max, and this process's CPU time); the cases a command runs end to end
// are also timed as whole `costrisk econ` processes (start-up, reading and tuning included).
import { readEvalLog } from '../src/node/logs/readEvalLog';
import { prepareEconomics } from '../src/engines/economics/prepareEconomics';
import { buildPriceGrid, defaultMapAxes } from '../src/engines/economics/priceGrid';
import { evaluatePriceGrid } from '../src/engines/economics/evaluatePriceGrid';
import { bestAlongAxis } from '../src/engines/economics/bestAlongAxis';
import { priceWeights } from '../src/engines/economics/priceWeights';
import { expectedRewardUncertain } from '../src/engines/economics/expectedRewardUncertain';
import { uncertainPriceGrid } from '../src/engines/economics/uncertainPriceGrid';
import { ERROR } from '../src/engines/economics/types';
import { economicAnalysis } from '../src/engines/economics/economicAnalysis';
import { optimalModelMap } from '../src/engines/economics/optimalModelMap';
import { economicSettings } from '../src/cli/econOptions';
import { CliReport } from '../src/cli/cliReport';
import { realLog } from '../test/helpers/paths';
import { machineLine, reportCase } from './measure';

const RUNS = 5;
const LOG = realLog('mmlu-llama');

function report(label: string, run: () => unknown, cli?: { args: string[]; note: string }): void {
  reportCase(
    label,
    run,
    RUNS,
    cli && { args: ['econ', LOG, ...cli.args], shown: `costrisk econ <log> ${cli.args.join(' ')}: ${cli.note}` },
  );
}

async function mainBench(): Promise<void> {
  console.log(machineLine());
  const log = await readEvalLog(LOG);
  const prep = prepareEconomics(log.records, { tuneLongCascades: false });
  // 10 candidates: the 5 single models and the first 5 two-model cascades (each with 41 thresholds).
  const candidates = prep.candidates.slice(0, 10);
  const points = candidates.reduce((s, c) => s + c.train.length / c.dim, 0);
  console.log(
    `mmlu-llama: ${prep.train.n} train / ${prep.test.n} test queries; ${candidates.length} candidates, ${points} operating points in all`,
  );
  report(
    `tune + precompute statistics, ${prep.candidates.length} candidates (models, two-model cascades; one-off per log)`,
    () => prepareEconomics(log.records, { tuneLongCascades: false }),
  );
  // The command's own pipeline in-process (economicAnalysis, as `costrisk econ` runs it after reading the log).
  const settings = (values: Record<string, unknown>) => economicSettings(values, new CliReport());
  report(
    'every candidate (the 5-model chain tuned by Rational Tuning too), rewards at three prices, no intervals',
    () => economicAnalysis(log.records, settings({ 'price-error': '1,10,100', bootstrap: '0' })),
    { args: ['--price-error', '1,10,100', '--bootstrap', '0', '--json'], note: 'the same, reading the log too' },
  );
  const axes = defaultMapAxes(100);
  report('optimal-model map, 100 x 100 prices x 10 candidates (θ* re-optimised per price)   [target <= 1000 ms]', () =>
    evaluatePriceGrid(candidates, buildPriceGrid({ ...axes, abstain: [0] }, prep.metrics).weights, prep.dim),
  );
  const full = prepareEconomics(log.records);
  report(
    `the same map over all ${full.candidates.length} candidates with the exact switch points per row (tuned already)`,
    () =>
      optimalModelMap(full.candidates, full.metrics, { errorAxis: axes.error, latencyAxis: axes.latency, abstain: 0 }),
    { args: ['--map', '--json'], note: 'reading and tuning included' },
  );
  report('exact crossover lines (critical λ_E along all 100 λ_L rows)', () => {
    for (const l of axes.latency) bestAlongAxis(candidates, priceWeights({ latency: l }), ERROR, 1e-4, 1e4);
  });
  const uncertain = uncertainPriceGrid(
    { error: { kind: 'logUniform', min: 0.01, max: 1000 }, latency: { kind: 'logNormal', median: 0.002, sigma: 1 } },
    prep.metrics,
    100_000,
  );
  report(
    `expected reward under uncertain prices (eq. 3.15), ${uncertain.count} quadrature nodes (the Economic Evaluation view, no command)`,
    () => expectedRewardUncertain(candidates, uncertain, prep.dim),
  );
  report(
    'the recommendation at one price with 95% intervals (2,000 paired bootstrap resamples), as the command runs by default',
    () => economicAnalysis(log.records, settings({ 'price-error': '10' })),
    { args: ['--price-error', '10', '--json'], note: 'the same, reading the log too' },
  );
}

void mainBench();
