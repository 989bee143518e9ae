import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { prepareEconomics } from '../../../src/engines/economics/prepareEconomics';
import { expectedRewardUncertain } from '../../../src/engines/economics/expectedRewardUncertain';
import {
  sampledPriceGrid,
  uncertainPriceGrid,
  type UncertainPrices,
} from '../../../src/engines/economics/uncertainPriceGrid';
import {
  distributionMean,
  quadratureNodes,
  type PriceDistribution,
} from '../../../src/engines/economics/priceDistributions';
import { priceWeights } from '../../../src/engines/economics/priceWeights';
import { evaluatePriceGrid } from '../../../src/engines/economics/evaluatePriceGrid';
import { Rng } from '../../../src/engines/numeric/rng';
import { assertClose } from '../../helpers/assertClose';
import { realLog } from '../../helpers/paths';

test('quadrature nodes reproduce the closed-form means of each distribution', () => {
  // E[λ] for log-uniform on [a, b] is (b − a)/ln(b/a); for log-normal median·e^{σ²/2}. The bins'
  // conditional means sum to the mean exactly, so only rounding (and, for the log-normal, the
  // 1e-15-level error of Φ) separates them.
  const dists: PriceDistribution[] = [
    { kind: 'logUniform', min: 0.01, max: 1000 },
    { kind: 'logNormal', median: 5, sigma: 1.5 },
    { kind: 'discrete', values: [1, 10, 100], probs: [0.5, 0.3, 0.2] },
  ];
  for (const d of dists) {
    const q = quadratureNodes(d, 256);
    const mean = q.x.reduce((s, x, i) => s + x * q.w[i], 0);
    assertClose(mean, distributionMean(d), { rel: 1e-9 }, `${d.kind} mean`);
  }
  assertClose(
    distributionMean({ kind: 'logUniform', min: 1, max: Math.E }),
    Math.E - 1,
    { rel: 1e-15 },
    'log-uniform closed form',
  );
});

test('uncertain prices on mmlu-llama: quadrature agrees with Monte Carlo (eq. 3.15)', async () => {
  const log = await readEvalLog(realLog('mmlu-llama'));
  const prep = prepareEconomics(log.records, { tuneLongCascades: false });
  const prices: UncertainPrices = {
    error: { kind: 'logUniform', min: 0.001, max: 100 },
    latency: { kind: 'logNormal', median: 0.001, sigma: 1 },
  };
  const quad = expectedRewardUncertain(prep.candidates, uncertainPriceGrid(prices, prep.metrics, 40_000), prep.dim);
  const mc = expectedRewardUncertain(
    prep.candidates,
    sampledPriceGrid(prices, prep.metrics, new Rng(20261123), 40_000),
    prep.dim,
    { monteCarlo: true },
  );
  prep.candidates.forEach((c, k) => {
    const se = mc.standardError[k] as number;
    // Monte Carlo error is ~N(0, se²): 4.5 se keeps the chance of a false failure over the 15
    // candidates below 1e-4; quadrature error (bins across a θ*(λ) kink) is far smaller.
    assertClose(quad.expected[k], mc.expected[k], { abs: 4.5 * se }, `${c.name} E[R]`);
  });
  const pSum = quad.probBest.reduce((s, p) => s + p, 0);
  assertClose(pSum, 1, { abs: 1e-12 }, 'probabilities of being best sum to 1');
});

test('for a single model, E[R(λ)] = R(E[λ]) exactly (the reward is linear in the prices)', async () => {
  const log = await readEvalLog(realLog('mmlu-llama'));
  const prep = prepareEconomics(log.records, { set: 'models' });
  const prices: UncertainPrices = {
    error: { kind: 'logUniform', min: 0.01, max: 10 },
    abstain: { kind: 'discrete', values: [0, 5], probs: [0.7, 0.3] },
  };
  const quad = expectedRewardUncertain(prep.candidates, uncertainPriceGrid(prices, prep.metrics), prep.dim);
  const atMean = evaluatePriceGrid(
    prep.candidates,
    priceWeights({ error: distributionMean(prices.error), abstain: 1.5 }),
    prep.dim,
  );
  // Conditional-mean quadrature is exact for linear functions: agreement to rounding.
  prep.candidates.forEach((c, k) => assertClose(quad.expected[k], atMean.rewards[k], { rel: 1e-9 }, c.name));
  assert.throws(
    () => uncertainPriceGrid({ error: { kind: 'logUniform', min: 10, max: 1 } }, prep.metrics),
    /log-uniform needs/,
  );
  assert.throws(() => uncertainPriceGrid({ wage: { kind: 'fixed', value: 1 } }, prep.metrics), /unknown price "wage"/);
});
