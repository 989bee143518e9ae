import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { QueryTable } from '../../../src/engines/economics/buildQueryTable';
import { RouterMeans } from '../../../src/engines/economics/routerMeans';
import { systemMeans } from '../../../src/engines/economics/systemMeans';
import type { SystemConfig } from '../../../src/engines/economics/types';

/** A probability as calibrated columns hold them, with the values that make routing subtle: ties, 0, 1, NaN (no confidence). */
const probability = fc.oneof(
  fc.constantFrom(0, 0.25, 0.5, 0.75, 1, Number.NaN),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
const amount = fc.oneof(fc.constantFrom(0, -0, 1e-6), fc.double({ min: 0, max: 10, noNaN: true }));

/** A random table of k models and n queries with one binary and one numeric extra metric. */
const tables = fc
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

test('RouterMeans gives systemMeans bit for bit: every (τ, α) of random routers, ties, NaN and ±0 included', () => {
  fc.assert(
    fc.property(
      tables,
      fc.array(fc.record({ tau: probability, alpha: fc.option(probability, { nil: null }) }), {
        minLength: 1,
        maxLength: 8,
      }),
      fc.double({ min: 0, max: 0.01, noNaN: true }),
      fc.double({ min: 0, max: 2, noNaN: true }),
      (table, points, overheadCost, overheadLatency) => {
        const models = table.models.map((_, m) => m).reverse();
        const fast = new RouterMeans(table, models);
        for (const { tau, alpha } of points) {
          const config: SystemConfig = {
            models,
            deferThresholds: [],
            abstainThreshold: alpha,
            route: { satisfactory: tau, overheadCost, overheadLatency },
          };
          const want = systemMeans(table, config);
          const got = fast.of(config);
          assert.equal(got.means.length, want.means.length);
          want.means.forEach((v, d) => assert.ok(Object.is(got.means[d], v), `metric ${d}: ${got.means[d]} vs ${v}`));
          assert.ok(Object.is(got.deferralRate, want.deferralRate), 'deferral rate');
        }
      },
    ),
    { numRuns: 400 },
  );
});

test('RouterMeans refuses what systemMeans refuses, and configurations over other models', () => {
  const table = fc.sample(tables, { seed: 3, numRuns: 1 })[0];
  const fast = new RouterMeans(table, [0]);
  const router = (c: Partial<SystemConfig> & { route?: SystemConfig['route'] }): SystemConfig => ({
    models: [0],
    deferThresholds: [],
    abstainThreshold: null,
    ...c,
  });
  const rule = { satisfactory: 0.5, overheadCost: 0, overheadLatency: 0 };
  assert.throws(() => fast.of(router({ route: { ...rule, overheadCost: -1 } })), /overhead must be finite/);
  assert.throws(() => fast.of(router({ route: { ...rule, overheadLatency: Infinity } })), /overhead must be finite/);
  assert.throws(() => fast.of(router({ route: rule, deferThresholds: [0.5] })), /no deferral thresholds/);
  assert.throws(() => fast.of(router({})), /not a router/);
  assert.throws(() => fast.of(router({ route: rule, models: [1] })), /other models/);
  assert.throws(() => new RouterMeans(table, []), /at least one model/);
});
