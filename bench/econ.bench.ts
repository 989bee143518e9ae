// Economic evaluation: the optimal-model map (issue 4 performance target: a 100 x 100 price grid
// over 10 candidates, cascades already tuned, in <= 1 s), plus the surrounding steps for context.
import { readEvalLog } from '../src/node/logs/readEvalLog';
import { prepareEconomics } from '../src/engines/economics/prepareEconomics';
import { buildPriceGrid, defaultMapAxes } from '../src/engines/economics/priceGrid';
import { evaluatePriceGrid } from '../src/engines/economics/evaluatePriceGrid';
import { bestAlongAxis } from '../src/engines/economics/bestAlongAxis';
import { priceWeights } from '../src/engines/economics/priceWeights';
import { expectedRewardUncertain } from '../src/engines/economics/expectedRewardUncertain';
import { uncertainPriceGrid } from '../src/engines/economics/uncertainPriceGrid';
import { ERROR } from '../src/engines/economics/types';
import { realLog } from '../test/helpers/paths';

function timeMs(fn: () => void, reps: number): { median: number; min: number } {
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return { median: ts[Math.floor(reps / 2)], min: ts[0] };
}

async function mainBench(): Promise<void> {
  const log = await readEvalLog(realLog('mmlu-llama'));
  let prep = prepareEconomics(log.records, { tuneLongCascades: false });
  const tPrep = timeMs(() => (prep = prepareEconomics(log.records, { tuneLongCascades: false })), 5);
  const tChain = timeMs(() => prepareEconomics(log.records), 3);
  // 10 candidates: the 5 single models and the first 5 two-model cascades (each with 41 thresholds).
  const candidates = prep.candidates.slice(0, 10);
  const points = candidates.reduce((s, c) => s + c.train.length / c.dim, 0);
  console.log(
    `mmlu-llama: ${prep.train.n} train / ${prep.test.n} test queries; ${candidates.length} candidates, ${points} operating points in all`,
  );
  console.log(
    `tune + precompute statistics, ${prep.candidates.length} candidates (models, two-model cascades): median ${tPrep.median.toFixed(1)} ms (one-off per log)`,
  );
  console.log(
    `same plus the 5-model chain tuned by Rational Tuning: median ${tChain.median.toFixed(1)} ms (one-off per log)`,
  );

  const axes = defaultMapAxes(100);
  let grid = buildPriceGrid({ ...axes, abstain: [0] }, prep.metrics);
  const tMap = timeMs(() => {
    grid = buildPriceGrid({ ...axes, abstain: [0] }, prep.metrics);
    evaluatePriceGrid(candidates, grid.weights, grid.dim);
  }, 15);
  console.log(
    `optimal-model map, 100 x 100 prices x 10 candidates (θ* re-optimised per price): median ${tMap.median.toFixed(1)} ms, min ${tMap.min.toFixed(1)} ms   [target <= 1000 ms]`,
  );

  const tLines = timeMs(() => {
    for (const l of axes.latency) bestAlongAxis(candidates, priceWeights({ latency: l }), ERROR, 1e-4, 1e4);
  }, 5);
  console.log(`exact crossover lines (critical λ_E along all 100 λ_L rows): median ${tLines.median.toFixed(1)} ms`);

  const uncertain = uncertainPriceGrid(
    { error: { kind: 'logUniform', min: 0.01, max: 1000 }, latency: { kind: 'logNormal', median: 0.002, sigma: 1 } },
    prep.metrics,
    100_000,
  );
  const tUnc = timeMs(() => expectedRewardUncertain(candidates, uncertain, prep.dim), 5);
  console.log(
    `expected reward under uncertain prices (eq. 3.15), ${uncertain.count} quadrature nodes: median ${tUnc.median.toFixed(1)} ms`,
  );
}

void mainBench();
