import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowSampleQueries, prepareCascadeData } from '../../../src/engines/tuning/prepareCascadeData';
import { syntheticCascadeRecords } from './syntheticCascade';

test('low-sample mode draws one balanced set per log, over all its models, shared by every cascade', () => {
  const records = syntheticCascadeRecords({ k: 4, nTrain: 300, nTest: 100, seed: 9 });
  const sub = lowSampleQueries(records, ['m2', 'm0'], 'train', 30, 5);
  assert.deepEqual(sub.over, ['m0', 'm1', 'm2', 'm3'], 'drawn over the log’s models in log order');
  assert.equal(sub.fallback, false);
  assert.ok(sub.ids.size >= 20 && sub.ids.size <= 30, `size ${sub.ids.size}`);
  // Both classes of every model of the log are in the draw (the thesis' reason for balancing).
  for (const m of ['m0', 'm1', 'm2', 'm3']) {
    const picked = records.filter((r) => r.model === m && r.split === 'train' && sub.ids.has(String(r.queryId)));
    assert.ok(picked.some((r) => r.correct) && picked.some((r) => !r.correct), `${m}: both classes`);
  }
  // Every cascade of the log is fitted on the same training queries.
  const ids = (cascade: string[]): string[] =>
    prepareCascadeData({ records, models: cascade, lowSample: 30, seed: 5 }).train.queryIds.slice().sort();
  const a = ids(['m0', 'm1']);
  assert.deepEqual(ids(['m1', 'm2', 'm3']), a);
  assert.deepEqual(ids(['m3', 'm0']), a);
  assert.deepEqual(a, [...sub.ids].sort());
  // A different seed draws a different set.
  assert.notDeepEqual(
    a,
    prepareCascadeData({ records, models: ['m0', 'm1'], lowSample: 30, seed: 6 })
      .train.queryIds.slice()
      .sort(),
  );
});

test("low-sample mode falls back to the cascade's models when the log's models share no training query", () => {
  const records = syntheticCascadeRecords({ k: 3, nTrain: 200, nTest: 50, seed: 4 }).map((r) =>
    r.model === 'm2' ? { ...r, queryId: `other-${r.queryId}` } : r,
  );
  const data = prepareCascadeData({ records, models: ['m0', 'm1'], lowSample: 30, seed: 1 });
  assert.ok(
    data.train.queryIds.length >= 10 && data.train.queryIds.length <= 30,
    `train ${data.train.queryIds.length}`,
  );
  assert.ok(
    data.warnings.some((w) => w.includes("drawn over the cascade's 2 models")),
    data.warnings.join(' | '),
  );
});
