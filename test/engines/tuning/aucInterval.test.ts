import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tuneCascade } from '../../../src/engines/tuning/tuneCascade';
import { syntheticCascadeRecords } from './syntheticCascade';

test('the AUC cost interval is the RT ∩ grid range whichever methods a call runs', () => {
  const records = syntheticCascadeRecords({ k: 3, nTrain: 300, nTest: 400, seed: 12 });
  const cascade = ['m0', 'm1', 'm2'];
  const run = (methods: ('rt' | 'grid' | 'bo')[]) => tuneCascade({ records, cascade, methods, bootstrap: 0, seed: 3 });
  const all = run(['rt', 'grid', 'bo']);
  const rtOnly = run(['rt']);
  const boOnly = run(['bo']);
  const gridOnly = run(['grid']);
  assert.ok(all.auc.interval, 'the cascade has a shared interval');
  // Same interval and the same AUC for a method, exactly (same seed, same data, same frontiers).
  for (const r of [rtOnly, boOnly, gridOnly]) assert.deepEqual(r.auc.interval, all.auc.interval);
  assert.equal(rtOnly.auc.rt, all.auc.rt);
  assert.equal(boOnly.auc.bo, all.auc.bo);
  assert.equal(gridOnly.auc.grid, all.auc.grid);
  // Only the requested methods are returned.
  assert.deepEqual(Object.keys(rtOnly.methods), ['rt']);
  assert.deepEqual(Object.keys(boOnly.methods), ['bo']);
  // The interval is where both RT's and the grid's test curves are defined.
  const range = (m: 'rt' | 'grid'): [number, number] => {
    const costs = all.methods[m]!.points.map((p) => p.testCost!);
    return [Math.min(...costs), Math.max(...costs)];
  };
  assert.equal(all.auc.interval![0], Math.max(range('rt')[0], range('grid')[0]));
  assert.equal(all.auc.interval![1], Math.min(range('rt')[1], range('grid')[1]));
});

test('auc: false skips the AUCs (and the extra searches they need) without changing the frontier', () => {
  const records = syntheticCascadeRecords({ k: 3, nTrain: 200, nTest: 200, seed: 13 });
  const withAuc = tuneCascade({ records, cascade: ['m0', 'm1', 'm2'], methods: ['rt'], bootstrap: 0 });
  const withoutAuc = tuneCascade({ records, cascade: ['m0', 'm1', 'm2'], methods: ['rt'], bootstrap: 0, auc: false });
  assert.equal(withoutAuc.auc.interval, null);
  assert.equal(withoutAuc.auc.rt, null);
  assert.equal(withoutAuc.methods.rt!.auc, null);
  assert.ok(withAuc.auc.rt !== null);
  assert.deepEqual(withoutAuc.methods.rt!.points, withAuc.methods.rt!.points);
});
