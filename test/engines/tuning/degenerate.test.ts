import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { Rng } from '../../../src/engines/numeric/rng';
import { balancedSubsample } from '../../../src/engines/tuning/balancedSubsample';
import { cascadeDiagnostics } from '../../../src/engines/tuning/cascadeDiagnostics';
import { tuneCascade } from '../../../src/engines/tuning/tuneCascade';
import { calibrateModels } from '../../../src/engines/calibration/calibrateModels';
import { syntheticCascadeRecords } from './syntheticCascade';

/** Fails on any NaN / ±Infinity anywhere in a result tree. */
function assertAllFinite(v: unknown, path = 'result'): void {
  if (typeof v === 'number') assert.ok(Number.isFinite(v), `${path} = ${v}`);
  else if (Array.isArray(v)) v.forEach((x, i) => assertAllFinite(x, `${path}[${i}]`));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) assertAllFinite(x, `${path}.${k}`);
}

function withModel(
  base: EvalRecord[],
  model: string,
  f: (r: EvalRecord, i: number) => Partial<EvalRecord>,
): EvalRecord[] {
  return base.map((r, i) => (r.model === model ? { ...r, ...f(r, i) } : r));
}

const base = syntheticCascadeRecords({ k: 3, nTrain: 120, nTest: 120, seed: 3 });

test('degenerate models get a per-model message and no NaN anywhere', () => {
  const cases: [string, EvalRecord[], RegExp][] = [
    ['always right', withModel(base, 'm1', () => ({ correct: true, score: 1 })), /always right/],
    ['always wrong', withModel(base, 'm1', () => ({ correct: false, score: 0 })), /always wrong/],
    ['constant confidence', withModel(base, 'm2', () => ({ logprob: Math.log(0.7), confidence: 0.7 })), /constant/],
    ['n < 5', base.filter((r) => r.split === 'test' || Number(r.queryId.slice(1)) < 3), /only 3/],
  ];
  for (const [name, records, why] of cases) {
    const r = tuneCascade({ records, cascade: ['m0', 'm1', 'm2'], methods: ['rt', 'grid', 'bo'], bootstrap: 20 });
    assert.ok(r.problems.length > 0, `${name}: expected a problem`);
    assert.ok(
      r.problems.some((p) => why.test(p.message)),
      `${name}: ${JSON.stringify(r.problems)}`,
    );
    assert.deepEqual(r.methods, {});
    assertAllFinite(r, name);
    const cal = calibrateModels({ records });
    assertAllFinite(cal, `${name} calibration`);
    assertAllFinite(
      cascadeDiagnostics({ records, models: ['m0', 'm1', 'm2'], bootstrapTests: 5 }),
      `${name} diagnostics`,
    );
  }
});

test('healthy synthetic cascade: every method gives finite frontiers scored on the test split', () => {
  const r = tuneCascade({ records: base, cascade: ['m0', 'm1', 'm2'], methods: ['rt', 'grid', 'bo'], bootstrap: 30 });
  assert.deepEqual(r.problems, []);
  for (const m of ['rt', 'grid', 'bo'] as const) {
    const f = r.methods[m]!;
    assert.ok(f.points.length >= 5, `${m}: ${f.points.length} points`);
    for (const p of f.points) {
      assert.ok(p.testCost !== null && p.testError !== null);
      const share = p.testShares!.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(share - 1) < 1e-12, 'test shares sum to 1');
      assert.ok(Math.abs(p.expectedShares.reduce((a, b) => a + b, 0) - 1) < 1e-9, 'predicted shares sum to 1');
    }
    assert.equal(f.band!.errorLo.length, f.points.length);
    f.band!.errorLo.forEach((lo, i) => assert.ok(lo <= f.band!.errorHi[i]));
    assert.ok(r.auc[m] !== null);
  }
  assertAllFinite(r);
});

test('low-sample mode draws a balanced set of at most N training queries', () => {
  const correct = [
    Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 0)),
    Uint8Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 1 : 0)),
  ];
  const s = balancedSubsample(correct, 30, new Rng(1));
  assert.ok(s.size <= 30 && s.size >= 20, `size ${s.size}`);
  for (const col of correct) {
    const picks = [...s].map((q) => col[q]);
    assert.ok(picks.includes(1) && picks.includes(0), 'both classes present for every model');
  }
  const r = tuneCascade({ records: base, cascade: ['m0', 'm1', 'm2'], lowSample: 30, seed: 2, bootstrap: 0 });
  assert.ok(r.trainQueries <= 30 && r.trainQueries >= 15, `train ${r.trainQueries}`);
  assert.equal(r.testQueries, 120);
  assertAllFinite(r);
});
