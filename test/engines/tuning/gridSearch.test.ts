import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paretoFrontier } from '../../../src/engines/numeric/paretoFrontier';
import { quantiles } from '../../../src/engines/numeric/quantile';
import { empiricalEstimate } from '../../../src/engines/tuning/empiricalEstimate';
import { gridSearch } from '../../../src/engines/tuning/gridSearch';
import { prepareCascadeData } from '../../../src/engines/tuning/prepareCascadeData';
import { assertClose } from '../../helpers/assertClose';
import { syntheticCascadeRecords } from './syntheticCascade';

test('fast grid search equals brute-force enumeration + Pareto filter', () => {
  const data = prepareCascadeData({
    records: syntheticCascadeRecords({ k: 4, nTrain: 150, nTest: 0, seed: 8 }),
    models: ['m0', 'm1', 'm2', 'm3'],
  });
  const cascade = [0, 1, 2, 3];
  const step = 0.1; // levels 0.01, 0.11, …, 0.91: 10 per model, 1,000 candidates
  const fast = gridSearch({ train: data.train, cascade, step });
  const levels: number[] = [];
  for (let p = 0.01; p < 0.99 - 1e-12; p += step) levels.push(p);
  const grids = cascade.slice(0, -1).map((m) => quantiles(data.train.phi[m], levels));
  const cands: { t: number[]; x: number; y: number }[] = [];
  for (const a of grids[0])
    for (const b of grids[1])
      for (const c of grids[2]) {
        const e = empiricalEstimate(data.train, cascade, [a, b, c]);
        cands.push({ t: [a, b, c], x: e.expectedCost, y: e.pCorrect });
      }
  assert.equal(fast.candidates, cands.length);
  const front = paretoFrontier(cands);
  assert.equal(fast.points.length, front.length);
  front.forEach((i, j) => {
    // Same candidates in the same order; sums differ only by floating-point association (1e-12).
    assert.deepEqual(fast.points[j].thresholds, cands[i].t);
    assertClose(fast.points[j].expectedCost, cands[i].x, { rel: 1e-12 }, 'cost');
    assertClose(1 - fast.points[j].expectedError, cands[i].y, { abs: 1e-12 }, 'P(correct)');
  });
});
