import { BASE_METRICS, type MetricSpec, type Prices } from './types';
import { getOwn } from '../../shared/ownProperties';

/** The priced metrics of a table with `extras`: latency, error, abstain, then the extras (eq. 3.11). */
export function pricedMetrics(extras: readonly MetricSpec[] = []): MetricSpec[] {
  return [...BASE_METRICS, ...extras];
}

/**
 * The largest price accepted ($10^12 per error, per second or per unit): larger ones are not
 * prices but typos, and with a few of them the expected reward would overflow to -Infinity.
 */
export const MAX_PRICE = 1e12;

/** A price the evaluation accepts: a finite number in [0, MAX_PRICE]. */
export function isPrice(v: number): boolean {
  return Number.isFinite(v) && v >= 0 && v <= MAX_PRICE;
}

/**
 * The weight vector w with R(λ; θ) = −w·mean(θ): w[0] = 1 (dollar cost), then the price of each
 * metric in `metrics` order (0 when not given).
 *
 * @throws on a price for an unknown metric, or a price that is negative, not finite or above MAX_PRICE.
 */
export function priceWeights(prices: Prices, metrics: readonly MetricSpec[] = BASE_METRICS): Float64Array {
  const w = new Float64Array(1 + metrics.length);
  w[0] = 1;
  const known = new Set(metrics.map((m) => m.name));
  for (const [name, value] of Object.entries(prices)) {
    if (!known.has(name)) throw new Error(`unknown price "${name}" (known: ${[...known].join(', ')})`);
    if (!isPrice(value)) throw new Error(`price of ${name} must be a number in [0, ${MAX_PRICE}], got ${value}`);
  }
  metrics.forEach((m, i) => {
    w[1 + i] = getOwn(prices, m.name) ?? 0;
  });
  return w;
}
