import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RouterMeans } from '../../../src/engines/economics/routerMeans';
import { systemMeans } from '../../../src/engines/economics/systemMeans';
import type { SystemConfig } from '../../../src/engines/economics/types';
import { probability, tables } from '../../helpers/queryTables';

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
