import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDataset } from '../../../src/engines/clusters/generateDataset';
import { MIXED_ARCHETYPE as archetype } from '../../helpers/mixedArchetype';

// Nine data sets compared value by value: its lines are all run by generateDataset.test.ts, so this
// file runs without coverage instrumentation (scripts/coveredElsewhere.mjs).

test('same seed, same data set (bit for bit); another seed, another data set', () => {
  for (const opts of [{}, { distort: true }, { sphere: true }]) {
    const a = generateDataset(archetype, { seed: 7, ...opts });
    const b = generateDataset(archetype, { seed: 7, ...opts });
    const c = generateDataset(archetype, { seed: 8, ...opts });
    assert.deepEqual(a.X, b.X);
    assert.deepEqual(a.labels, b.labels);
    assert.deepEqual(a.model, b.model);
    assert.notDeepEqual(a.X, c.X);
  }
});
