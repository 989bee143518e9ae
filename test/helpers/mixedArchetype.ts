import { makeArchetype } from '../../src/engines/clusters/validateArchetype';

/** Five clusters in 3-D of three radial distributions, imbalanced: the generator's tests' archetype. */
export const MIXED_ARCHETYPE = makeArchetype({
  name: 'mixed',
  n_clusters: 5,
  dim: 3,
  n_samples: 400,
  distributions: ['normal', 'gamma', 'pareto'],
  imbalance_ratio: 3,
});
