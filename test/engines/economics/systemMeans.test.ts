import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { systemMeans, systemTrace } from '../../../src/engines/economics/systemMeans';
import type { SystemConfig } from '../../../src/engines/economics/types';
import { probability, tables } from '../../helpers/queryTables';

// systemMeans of a cascade on a table without extra metrics takes its own loop (the economics of a
// large log spend most of their time there). It must give what the general walk gives, bit for
// bit: the per-query trace (systemTrace, the same walk the other systems take) summed query by
// query in order, divided by n.

/** Cascades over a random order of some of the table's models, thresholds and abstention included. */
const cascades = (k: number) =>
  fc
    .shuffledSubarray(
      Array.from({ length: k }, (_, m) => m),
      { minLength: 1 },
    )
    .chain((models) =>
      fc.record({
        models: fc.constant(models),
        deferThresholds: fc.array(probability, { minLength: models.length - 1, maxLength: models.length - 1 }),
        abstainThreshold: fc.option(probability, { nil: null }),
      }),
    );

test('a cascade on a table without extras: the means and deferral rate of the general walk, bit for bit', () => {
  const plain = tables.map((t) => ({ ...t, extras: [], extraSpecs: [] }));
  fc.assert(
    fc.property(
      plain.chain((table) =>
        fc.tuple(fc.constant(table), fc.array(cascades(table.models.length), { minLength: 1, maxLength: 6 })),
      ),
      ([table, configs]) => {
        for (const config of configs as SystemConfig[]) {
          const got = systemMeans(table, config);
          const { columns, step } = systemTrace(table, config);
          assert.equal(got.means.length, columns.length);
          columns.forEach((col, d) => {
            let sum = 0;
            for (const v of col) sum += v;
            const want = table.n > 0 ? sum / table.n : 0;
            assert.ok(Object.is(got.means[d], want), `metric ${d}: ${got.means[d]} vs ${want}`);
          });
          const deferred = step.reduce((a, s) => a + (s > 0 ? 1 : 0), 0);
          assert.ok(Object.is(got.deferralRate, table.n > 0 ? deferred / table.n : 0), 'deferral rate');
        }
      },
    ),
    { numRuns: 400 },
  );
});

test('a cascade refuses what the general walk refuses', () => {
  const table = { ...fc.sample(tables, { seed: 5, numRuns: 1 })[0], extras: [], extraSpecs: [] };
  const cascade = (c: Partial<SystemConfig>): SystemConfig => ({
    models: [0],
    deferThresholds: [],
    abstainThreshold: null,
    ...c,
  });
  assert.throws(() => systemMeans(table, cascade({ models: [] })), /at least one model/);
  assert.throws(() => systemMeans(table, cascade({ deferThresholds: [0.5] })), /needs 0 deferral threshold/);
  assert.throws(() => systemTrace(table, cascade({ deferThresholds: [0.5] })), /needs 0 deferral threshold/);
});
