/**
 * What a user types for an uncertain price (no DOM: tested in plain Node): "min, max" (log-uniform),
 * "median, sigma" (log-normal) or "v1:p1, v2:p2" (scenarios), read into a price distribution.
 */
import type { PriceDistribution } from '../../src/engines/economics/priceDistributions';

/** Parses "a, b" / "median, sigma" / "v1:p1, v2:p2" into a distribution; throws a plain message. */
export function parseDistribution(
  kind: PriceDistribution['kind'],
  text: string,
  current: number,
  scale = 1,
): PriceDistribution {
  const nums = (s: string) => s.split(',').map((x) => Number(x.trim()));
  switch (kind) {
    case 'fixed':
      return { kind: 'fixed', value: current };
    case 'logUniform': {
      const [min, max] = nums(text);
      return { kind: 'logUniform', min: min * scale, max: max * scale };
    }
    case 'logNormal': {
      const [median, sigma] = nums(text);
      return { kind: 'logNormal', median: median * scale, sigma };
    }
    case 'discrete': {
      const pairs = text.split(',').map((p) => p.split(':').map((x) => Number(x.trim())));
      if (pairs.some((p) => p.length !== 2))
        throw new Error('scenarios are written value:probability, separated by commas');
      return { kind: 'discrete', values: pairs.map((p) => p[0] * scale), probs: pairs.map((p) => p[1]) };
    }
  }
}
