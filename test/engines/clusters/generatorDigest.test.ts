import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { EXAMPLE_ARCHETYPES } from '../../../src/engines/clusters/exampleArchetypes';
import { generateDataset } from '../../../src/engines/clusters/generateDataset';
import { makeArchetype } from '../../../src/engines/clusters/validateArchetype';
import type { Archetype } from '../../../src/engines/clusters/archetype';

// A regression guard for speed work on the generator: the same seed must give the same bits. Any
// change to what is drawn, or in what order, changes the digests; a deliberate change of the
// algorithm updates them here, and says why in the commit. Taken 2026-12-05 after two such changes:
// exponential draws by the ziggurat instead of inversion, and clusters of aspect ratio 1 taking the
// identity as axes instead of random ones. The heavy-tailed archetype (no exponential, no sphere)
// kept its digest from before both, as it should.
const CASES: [name: string, seed: number, digest: string][] = [
  ['twelve_clusters_different_distributions', 1, '6ca873ab634ed001'],
  ['twelve_clusters_different_distributions', 2, 'b2eb93db42dc75dd'],
  ['seven_highly_separated_10d_very_different_shapes', 1, '045c1c4090a957cc'],
  ['seven_highly_separated_10d_very_different_shapes', 2, '51b7db2933c41b32'],
  ['four_clusters_100d_1000_samples_each', 1, '8d0779b1d0971d4c'],
  ['eight_heavy_tailed_well_separated', 1, '1377c5cf69533024'],
];

function digest(name: string | Archetype, seed: number): string {
  const found = typeof name === 'string' ? EXAMPLE_ARCHETYPES.find((e) => e.archetype.name === name)?.archetype : name;
  assert.ok(found, String(name));
  const d = generateDataset(found, { seed });
  return createHash('sha256')
    .update(new Uint8Array(d.X.buffer, d.X.byteOffset, d.X.byteLength))
    .update(new Uint8Array(d.labels.buffer, d.labels.byteOffset, d.labels.byteLength))
    .digest('hex')
    .slice(0, 16);
}

test('the same archetype and seed give the same data, bit for bit (all twelve distributions, anisotropic 10-D, isotropic 100-D, heavy tails)', () => {
  for (const [name, seed, expected] of CASES) assert.equal(digest(name, seed), expected, `${name}, seed ${seed}`);
});

test('an odd dimension gives the same bits too (the blocked transform and inverse handle a last row and column alone)', () => {
  const odd = makeArchetype({
    name: 'odd',
    n_clusters: 3,
    dim: 7,
    n_samples: 303,
    aspect_ref: 2,
    distributions: ['normal', 'exponential'],
  });
  // taken 2026-12-05 from the generator before the two-row transform and the blocked inverse
  assert.equal(digest(odd, 4), '52bc2bef75996b8e');
});
