import type { Rng } from '../numeric/rng';
import { priceWeights } from './priceWeights';
import {
  quadratureNodes,
  sampleDistribution,
  validateDistribution,
  type PriceDistribution,
} from './priceDistributions';
import type { MetricSpec } from './types';
import { getOwn } from '../../shared/ownProperties';

/** Independent price distributions per metric name (`latency`, `error`, `abstain`, extras); missing = 0. */
export type UncertainPrices = Readonly<Record<string, PriceDistribution>>;

/** Price vectors with probabilities: rows of `weights` (length dim each) and their `prob`. */
export interface WeightedPriceGrid {
  weights: Float64Array;
  prob: Float64Array;
  count: number;
}

/**
 * Tensor-product quadrature over independent uncertain prices (eq. 3.15): each continuous price
 * gets the same number of equal-probability bins, as many as keep the product ≤ maxNodes.
 */
export function uncertainPriceGrid(
  prices: UncertainPrices,
  metrics: readonly MetricSpec[],
  maxNodes = 100_000,
): WeightedPriceGrid {
  for (const [name, d] of Object.entries(prices)) validateDistribution(d, `price of ${name}`);
  const names = metrics.map((m) => m.name);
  const continuous = Object.values(prices).filter(
    (d) => d.kind === 'logUniform' || (d.kind === 'logNormal' && d.sigma > 0),
  ).length;
  const discreteCount = Object.values(prices).reduce((s, d) => s * (d.kind === 'discrete' ? d.values.length : 1), 1);
  const perAxis = continuous
    ? Math.max(8, Math.min(4096, Math.floor(Math.pow(Math.max(1, maxNodes / discreteCount), 1 / continuous))))
    : 1;
  const axes = names.map((n) => {
    const d = getOwn(prices, n);
    return d ? quadratureNodes(d, perAxis) : { x: [0], w: [1] };
  });
  // Validate names (throws on unknown metric) with one representative vector.
  priceWeights(Object.fromEntries(Object.keys(prices).map((n) => [n, 0])), metrics);
  const count = axes.reduce((s, a) => s * a.x.length, 1);
  const dim = 1 + names.length;
  const weights = new Float64Array(count * dim);
  const prob = new Float64Array(count);
  const idx = new Array<number>(names.length).fill(0);
  for (let p = 0; p < count; p++) {
    let pr = 1;
    weights[p * dim] = 1;
    for (let m = 0; m < names.length; m++) {
      weights[p * dim + 1 + m] = axes[m].x[idx[m]];
      pr *= axes[m].w[idx[m]];
    }
    prob[p] = pr;
    for (let m = names.length - 1; m >= 0; m--) {
      if (++idx[m] < axes[m].x.length) break;
      idx[m] = 0;
    }
  }
  return { weights, prob, count };
}

/** `samples` independent price vectors drawn from the distributions, each with probability 1/samples. */
export function sampledPriceGrid(
  prices: UncertainPrices,
  metrics: readonly MetricSpec[],
  rng: Rng,
  samples: number,
): WeightedPriceGrid {
  for (const [name, d] of Object.entries(prices)) validateDistribution(d, `price of ${name}`);
  priceWeights(Object.fromEntries(Object.keys(prices).map((n) => [n, 0])), metrics);
  const dim = 1 + metrics.length;
  const weights = new Float64Array(samples * dim);
  for (let s = 0; s < samples; s++) {
    weights[s * dim] = 1;
    metrics.forEach((m, i) => {
      const d = getOwn(prices, m.name);
      weights[s * dim + 1 + i] = d ? sampleDistribution(d, rng) : 0;
    });
  }
  return { weights, prob: new Float64Array(samples).fill(1 / samples), count: samples };
}
