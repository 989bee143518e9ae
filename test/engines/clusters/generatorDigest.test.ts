import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { EXAMPLE_ARCHETYPES } from '../../../src/engines/clusters/exampleArchetypes';
import { generateDataset } from '../../../src/engines/clusters/generateDataset';

// A regression guard for speed work on the generator: the same seed must give the same bits. The
// digests were taken from the generator as it was before the sampling loop moved out of its
// generator function (2026-12-05); any change to what is drawn, or in what order, changes them. A
// deliberate change of the algorithm updates them here, and says why in the commit.
const CASES: [name: string, seed: number, digest: string][] = [
  ['twelve_clusters_different_distributions', 1, '58c11af214278895'],
  ['twelve_clusters_different_distributions', 2, '3660cd4983af2e67'],
  ['seven_highly_separated_10d_very_different_shapes', 1, 'eb987c21922b2b91'],
  ['seven_highly_separated_10d_very_different_shapes', 2, 'affefbff4fdcebf8'],
  ['four_clusters_100d_1000_samples_each', 1, 'e3a5e488bdd7aa59'],
];

function digest(name: string, seed: number): string {
  const found = EXAMPLE_ARCHETYPES.find((e) => e.archetype.name === name);
  assert.ok(found, name);
  const d = generateDataset(found.archetype, { seed });
  return createHash('sha256')
    .update(new Uint8Array(d.X.buffer, d.X.byteOffset, d.X.byteLength))
    .update(new Uint8Array(d.labels.buffer, d.labels.byteOffset, d.labels.byteLength))
    .digest('hex')
    .slice(0, 16);
}

test('the same archetype and seed give the same data, bit for bit (all twelve distributions, anisotropic 10-D, isotropic 100-D)', () => {
  for (const [name, seed, expected] of CASES) assert.equal(digest(name, seed), expected, `${name}, seed ${seed}`);
});
