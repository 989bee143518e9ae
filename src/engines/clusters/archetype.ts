/**
 * A data-set archetype: the few high-level numbers that describe the overall geometry of a family of
 * cluster data sets (thesis Table 5.1). Field names are the thesis's (snake_case) so archetypes
 * round-trip through JSON and JSONL unchanged.
 */
import type { DistributionName } from './radialDistributions';

export interface Archetype {
  /** Identifier, a valid variable name (letters, digits, underscores; not starting with a digit). */
  name: string;
  /** Number of clusters k ≥ 1. Default 6. */
  n_clusters: number;
  /** Dimension p ≥ 1. Default 2. */
  dim: number;
  /** Total number of points n ≥ n_clusters. Default 500 (repliclust: 100 per cluster when described in words). */
  n_samples: number;
  /** Typical aspect ratio (longest over shortest principal axis); the geometric mean over clusters. ≥ 1, default 1.5. */
  aspect_ref: number;
  /** Ratio of the largest to the smallest aspect ratio in a data set. ≥ 1, default 2. */
  aspect_maxmin: number;
  /** Ratio of the largest to the smallest cluster radius (radius = geometric mean of the axis lengths). ≥ 1, default 3. */
  radius_maxmin: number;
  /** No pair of clusters overlaps more than this (overlap = twice the minimax linear error rate). In (0, 1), default 0.05. */
  max_overlap: number;
  /** Every cluster overlaps at least this much with some other cluster. In (0, max_overlap), default 0.001. */
  min_overlap: number;
  /** Ratio of the largest to the smallest cluster size. ≥ 1, default 2. */
  imbalance_ratio: number;
  /** Radial distributions that appear in each data set. Default ["normal", "exponential"]. */
  distributions: DistributionName[];
  /** Share of clusters with each distribution (same length as `distributions`, sums to 1). Default: equal shares. */
  distribution_proportions: number[];
  /** Reference cluster radius (geometric mean of the radii). > 0, default 1. */
  scale: number;
}

/** The defaults of Table 5.1 as implemented by repliclust 1.0 (see each field's documentation). */
export const ARCHETYPE_DEFAULTS: Readonly<Omit<Archetype, 'name' | 'distribution_proportions'>> = {
  n_clusters: 6,
  dim: 2,
  n_samples: 500,
  aspect_ref: 1.5,
  aspect_maxmin: 2,
  radius_maxmin: 3,
  max_overlap: 0.05,
  min_overlap: 0.001,
  imbalance_ratio: 2,
  distributions: ['normal', 'exponential'],
  scale: 1,
};

/** Every field an archetype may carry, in display order. */
export const ARCHETYPE_FIELDS = [
  'name',
  'n_clusters',
  'dim',
  'n_samples',
  'aspect_ref',
  'aspect_maxmin',
  'radius_maxmin',
  'max_overlap',
  'min_overlap',
  'imbalance_ratio',
  'distributions',
  'distribution_proportions',
  'scale',
] as const satisfies readonly (keyof Archetype)[];
