/**
 * Built-in archetypes for the Archetype Library: the six of the thesis's mock benchmark (§5.4, with
 * the parameters the thesis reports) and a few showcases of the other knobs.
 */
import type { Archetype } from './archetype';
import { makeArchetype } from './validateArchetype';

export interface ExampleArchetype {
  description: string;
  archetype: Archetype;
}

const ex = (description: string, a: Partial<Archetype>): ExampleArchetype => ({
  description,
  archetype: makeArchetype(a),
});
const twoDists = ['normal', 'exponential'] as Archetype['distributions'];
const fiveDists = ['normal', 'exponential', 'gamma', 'weibull', 'lognormal'] as Archetype['distributions'];

export const EXAMPLE_ARCHETYPES: readonly ExampleArchetype[] = [
  ex('twelve clusters of different distributions', {
    name: 'twelve_clusters_different_distributions',
    n_clusters: 12,
    n_samples: 1200,
    aspect_ref: 1.5,
    aspect_maxmin: 2,
    radius_maxmin: 3,
    imbalance_ratio: 2,
    max_overlap: 0.05,
    min_overlap: 0.001,
    distributions: fiveDists,
  }),
  ex('twelve clusters of different distributions and high class imbalance', {
    name: 'twelve_different_distributions_high_class_imbalance',
    n_clusters: 12,
    n_samples: 1200,
    aspect_ref: 1.5,
    aspect_maxmin: 2,
    radius_maxmin: 3,
    imbalance_ratio: 5,
    max_overlap: 0.05,
    min_overlap: 0.001,
    distributions: fiveDists,
  }),
  ex('seven highly separated clusters in 10D with very different shapes', {
    name: 'seven_highly_separated_10d_very_different_shapes',
    n_clusters: 7,
    dim: 10,
    n_samples: 700,
    aspect_ref: 1.5,
    aspect_maxmin: 3,
    radius_maxmin: 3,
    imbalance_ratio: 2,
    max_overlap: 1e-4,
    min_overlap: 1e-5,
    distributions: twoDists,
  }),
  ex('seven clusters in 10D with very different shapes and significant overlap', {
    name: 'seven_very_different_shapes_significant_overlap_10d',
    n_clusters: 7,
    dim: 10,
    n_samples: 700,
    aspect_ref: 1.5,
    aspect_maxmin: 3,
    radius_maxmin: 3,
    imbalance_ratio: 2,
    max_overlap: 0.2,
    min_overlap: 0.1,
    distributions: twoDists,
  }),
  ex('four clusters in 100D with 100 samples each', {
    name: 'four_clusters_100d_100_samples_each',
    n_clusters: 4,
    dim: 100,
    n_samples: 400,
    aspect_ref: 1.5,
    aspect_maxmin: 2,
    radius_maxmin: 3,
    imbalance_ratio: 2,
    max_overlap: 0.05,
    min_overlap: 0.001,
    distributions: twoDists,
  }),
  ex('four clusters in 100D with 1000 samples each', {
    name: 'four_clusters_100d_1000_samples_each',
    n_clusters: 4,
    dim: 100,
    n_samples: 4000,
    aspect_ref: 1,
    aspect_maxmin: 1,
    radius_maxmin: 3,
    imbalance_ratio: 2,
    max_overlap: 0.05,
    min_overlap: 0.001,
    distributions: twoDists,
  }),
  ex('five very oblong clusters that overlap heavily', {
    name: 'five_very_oblong_heavy_overlap',
    n_clusters: 5,
    n_samples: 500,
    aspect_ref: 6,
    aspect_maxmin: 1.5,
    max_overlap: 0.4,
    min_overlap: 0.3,
  }),
  ex('eight well-separated heavy-tailed clusters', {
    name: 'eight_heavy_tailed_well_separated',
    n_clusters: 8,
    n_samples: 800,
    max_overlap: 1e-4,
    min_overlap: 1e-5,
    distributions: ['standard_t', 'pareto', 'lognormal'],
  }),
  ex('six spherical clusters with crisp edges (uniform and beta)', {
    name: 'six_spherical_bounded',
    n_clusters: 6,
    n_samples: 600,
    aspect_ref: 1,
    aspect_maxmin: 1,
    distributions: ['uniform', 'beta'],
  }),
];
