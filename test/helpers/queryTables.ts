import fc from 'fast-check';
import type { QueryTable } from '../../src/engines/economics/buildQueryTable';

/** A probability as calibrated columns hold them, with the values that make routing subtle: ties, 0, 1, NaN (no confidence). */
export const probability = fc.oneof(
  fc.constantFrom(0, 0.25, 0.5, 0.75, 1, Number.NaN),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
const amount = fc.oneof(fc.constantFrom(0, -0, 1e-6), fc.double({ min: 0, max: 10, noNaN: true }));

/** A random table of k models and n queries with one binary and one numeric extra metric. */
export const tables = fc
  .record({ k: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 0, max: 25 }) })
  .chain(({ k, n }) => {
    const column = <T>(arb: fc.Arbitrary<T>) =>
      fc.array(fc.array(arb, { minLength: n, maxLength: n }), { minLength: k, maxLength: k });
    return fc.record({
      cost: column(amount),
      latency: column(amount),
      correct: column(fc.boolean()),
      confidence: column(probability),
      flag: column(fc.constantFrom(0, 1, 2)),
      tokens: column(amount),
    });
  })
  .map((c): QueryTable => {
    const k = c.cost.length;
    const n = c.cost[0].length;
    return {
      models: Array.from({ length: k }, (_, m) => `m${m}`),
      queryIds: Array.from({ length: n }, (_, i) => `q${i}`),
      n,
      cost: c.cost.map((col) => Float64Array.from(col)),
      latency: c.latency.map((col) => Float64Array.from(col)),
      correct: c.correct.map((col) => Uint8Array.from(col, Number)),
      confidence: c.confidence.map((col) => Float64Array.from(col)),
      logprob: c.cost.map(() => new Float64Array(n).fill(Number.NaN)),
      hasConfidence: c.cost.map(() => true),
      taskTypes: c.cost.map(() => 'multiple_choice' as const),
      extras: [c.flag.map((col) => Float64Array.from(col)), c.tokens.map((col) => Float64Array.from(col))],
      extraSpecs: [
        { name: 'flag', kind: 'binary', priceUnit: '$ per event', value: () => null },
        { name: 'tokens', kind: 'numeric', priceUnit: '$ per token', value: () => null },
      ],
      warnings: [],
    };
  });
