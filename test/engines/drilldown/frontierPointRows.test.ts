import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterRows, rowTotals } from '../../../src/engines/drilldown/filterRows';
import { cascadeQueryTable } from '../../../src/engines/drilldown/queryTable';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { tuneCascade } from '../../../src/engines/tuning/tuneCascade';
import { assertClose } from '../../helpers/assertClose';
import { realLog } from '../../helpers/paths';

// Every point of two tuned frontiers drilled down on the real MMLU log: its lines are all run by
// queryTable.test.ts and the tuning tests, so this file runs without coverage instrumentation
// (scripts/coveredElsewhere.mjs).

const CASCADE = ['llama3.2-1b', 'llama3.1-8b', 'llama3.1-405b'];

test('a frontier point drilled down: share of wrong rows = its test error, answered-by shares = its test shares (mmlu-llama, RT and grid)', async () => {
  const { records } = await readEvalLog(realLog('mmlu-llama'), {});
  const tuned = tuneCascade({ records, cascade: CASCADE, methods: ['rt', 'grid'], bootstrap: 0, auc: false, seed: 1 });
  assert.deepEqual(tuned.problems, []);
  let checked = 0;
  for (const method of ['rt', 'grid'] as const) {
    const points = tuned.methods[method]!.points;
    assert.ok(points.length >= 3, `${method} has points`);
    // Every point: the drill-down is an independent pass over the records, the frontier score another.
    for (const p of points) {
      const table = cascadeQueryTable({ records, cascade: CASCADE, thresholds: p.thresholds, seed: 1 });
      assert.equal(table.rows.length, tuned.testQueries);
      const totals = rowTotals(table.rows, CASCADE.length);
      // Same count over the same n: the two rates are the same division, so they agree to rounding.
      assertClose(totals.error, p.testError!, { abs: 1e-15 }, `${method} error`);
      totals.answered.forEach((a, i) =>
        assertClose(a / totals.n, p.testShares![i], { abs: 1e-15 }, `${method} share ${i}`),
      );
      assert.equal(filterRows(table.rows, { kind: 'wrong' }).length, totals.wrong);
      assert.equal(filterRows(table.rows, { kind: 'deferred' }).length, totals.n - totals.answered[0]);
      checked++;
    }
  }
  assert.ok(checked > 10);
  // Distinct points give distinct tables: the test above could not pass with a table that ignored the thresholds.
  const errors = new Set(tuned.methods.rt!.points.map((p) => p.testError));
  assert.ok(errors.size > 3);
});
