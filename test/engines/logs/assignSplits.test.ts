import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assignSplits } from '../../../src/engines/logs/assignSplits';
import { rec } from '../economics/records';

const log = (n: number, models = ['a', 'b'], split = '') => {
  const out = [];
  for (let q = 0; q < n; q++)
    for (const [i, m] of models.entries()) out.push(rec(m, `q${q}`, split, (q * (i + 3)) % 5 < 3, 0.7, 0.001, 1));
  return out;
};

test('a log with both splits is returned as it is', () => {
  const records = [
    ...log(4, ['a'], 'train'),
    ...log(6, ['a'], 'test').map((r) => ({ ...r, queryId: `t${r.queryId}` })),
  ];
  const r = assignSplits(records);
  assert.equal(r.note, null);
  assert.equal(r.records, records);
  assert.deepEqual([r.trainQueries, r.testQueries], [4, 6]);
});

test('no split: every query lands in one split, the share is exact within one query per stratum, the input is untouched', () => {
  const records = log(101);
  const r = assignSplits(records, { trainFraction: 0.3, seed: 5 });
  assert.ok(
    records.every((x) => x.split === ''),
    'input records not modified',
  );
  const splitOf = new Map<string, string>();
  for (const x of r.records) {
    const seen = splitOf.get(x.queryId);
    assert.ok(seen === undefined || seen === x.split, 'both models of a query share its split');
    splitOf.set(x.queryId, x.split);
  }
  assert.equal(r.trainQueries + r.testQueries, 101);
  // floor(101 * 0.3) = 30 train queries by systematic allocation.
  assert.equal(r.trainQueries, 30);
  // Stratified: within each "number of models right" stratum the train share is 0.3 within one query.
  const strata = new Map<number, { n: number; train: number }>();
  const correct = new Map<string, number>();
  for (const x of records) correct.set(x.queryId, (correct.get(x.queryId) ?? 0) + (x.correct ? 1 : 0));
  for (const [q, c] of correct) {
    const s = strata.get(c) ?? { n: 0, train: 0 };
    s.n++;
    if (splitOf.get(q) === 'train') s.train++;
    strata.set(c, s);
  }
  for (const [c, s] of strata) assert.ok(Math.abs(s.train - 0.3 * s.n) <= 1, `stratum ${c}: ${s.train} of ${s.n}`);
  assert.match(
    r.note ?? '',
    /^the log has no split: queries were split at random \(seed 5, stratified by how many models answered each correctly\): 30 \(30%\) to fit on as "train", 71 to score on as "test"\.$/,
  );
});

test('same seed, same split; another seed, another split; only-train and only-test logs are split too', () => {
  const records = log(50);
  const a = assignSplits(records, { seed: 1 }).records.map((r) => r.split);
  assert.deepEqual(
    assignSplits(records, { seed: 1 }).records.map((r) => r.split),
    a,
  );
  assert.notDeepEqual(
    assignSplits(records, { seed: 2 }).records.map((r) => r.split),
    a,
  );
  const onlyTrain = assignSplits(log(10, ['a'], 'train'));
  assert.match(onlyTrain.note ?? '', /^the log's split \("train"\) lacks "test"/);
  assert.deepEqual([onlyTrain.trainQueries, onlyTrain.testQueries], [5, 5]);
  assert.match(assignSplits(log(10, ['a'], 'dev')).note ?? '', /^the log's split \("dev"\) lacks "train" and "test"/);
  assert.throws(() => assignSplits(records, { trainFraction: 1 }), /between 0 and 1/);
});

test('property: for any log and share, the split partitions the queries and both sizes are floor/ceil of the share', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 300 }),
      fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      fc.nat(1000),
      (n, f, seed) => {
        const r = assignSplits(log(n, ['a']), { trainFraction: f, seed });
        assert.equal(r.trainQueries, Math.floor(n * f));
        assert.equal(r.trainQueries + r.testQueries, n);
      },
    ),
  );
});
