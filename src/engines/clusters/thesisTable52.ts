/**
 * The thesis's published benchmark numbers (chapter 5, Table 5.2 for EM-GMM, K-Means, spectral and
 * hierarchical; Table 5.3 for HDBSCAN on its non-noise points), mean (standard error) over 10 data
 * sets per archetype, for the six archetypes of EXAMPLE_ARCHETYPES[0..5] in that order. Used by
 * `costrisk benchmark-clustering --table-5.2` to print the thesis's value beside each measured one.
 */
import type { ClusteringAlgorithm } from './mockBenchmark';

/** [mean, se] */
export type Published = readonly [number, number];
type Row = Readonly<Record<ClusteringAlgorithm, Published>>;

const row = (gmm: Published, kmeans: Published, spectral: Published, ward: Published, hdbscan: Published): Row => ({
  gmm,
  kmeans,
  spectral,
  ward,
  hdbscan,
});

/** AMI and ARI per archetype name, convex and non-convex. */
export const THESIS_TABLE_5_2: ReadonlyMap<
  string,
  { convex: { ami: Row; ari: Row }; nonconvex: { ami: Row; ari: Row } }
> = new Map([
  [
    'twelve_clusters_different_distributions',
    {
      convex: {
        ami: row([0.884, 0.007], [0.848, 0.008], [0.859, 0.01], [0.853, 0.007], [0.796, 0.045]),
        ari: row([0.855, 0.011], [0.795, 0.012], [0.807, 0.018], [0.798, 0.014], [0.705, 0.066]),
      },
      nonconvex: {
        ami: row([0.576, 0.017], [0.563, 0.012], [0.565, 0.015], [0.565, 0.011], [0.605, 0.016]),
        ari: row([0.368, 0.021], [0.365, 0.015], [0.364, 0.015], [0.362, 0.012], [0.4, 0.026]),
      },
    },
  ],
  [
    'twelve_different_distributions_high_class_imbalance',
    {
      convex: {
        ami: row([0.854, 0.008], [0.836, 0.007], [0.852, 0.01], [0.834, 0.009], [0.733, 0.054]),
        ari: row([0.8, 0.019], [0.76, 0.012], [0.787, 0.02], [0.756, 0.017], [0.572, 0.083]),
      },
      nonconvex: {
        ami: row([0.544, 0.021], [0.542, 0.023], [0.547, 0.025], [0.553, 0.024], [0.56, 0.024]),
        ari: row([0.341, 0.022], [0.347, 0.021], [0.345, 0.025], [0.36, 0.024], [0.356, 0.036]),
      },
    },
  ],
  [
    'seven_highly_separated_10d_very_different_shapes',
    {
      convex: {
        ami: row([0.983, 0.009], [0.976, 0.005], [0.986, 0.003], [0.99, 0.002], [0.992, 0.006]),
        ari: row([0.967, 0.02], [0.977, 0.005], [0.988, 0.003], [0.992, 0.002], [0.984, 0.014]),
      },
      nonconvex: {
        ami: row([0.75, 0.035], [0.606, 0.027], [0.709, 0.027], [0.637, 0.029], [0.747, 0.106]),
        ari: row([0.684, 0.045], [0.505, 0.035], [0.628, 0.036], [0.523, 0.039], [0.7, 0.117]),
      },
    },
  ],
  [
    'seven_very_different_shapes_significant_overlap_10d',
    {
      convex: {
        ami: row([0.349, 0.019], [0.452, 0.009], [0.443, 0.014], [0.38, 0.01], [0.595, 0.11]),
        ari: row([0.238, 0.023], [0.375, 0.012], [0.385, 0.016], [0.291, 0.015], [0.617, 0.124]),
      },
      nonconvex: {
        ami: row([0.173, 0.014], [0.149, 0.008], [0.165, 0.01], [0.145, 0.01], [0.163, 0.05]),
        ari: row([0.109, 0.011], [0.09, 0.006], [0.089, 0.007], [0.081, 0.007], [0.149, 0.066]),
      },
    },
  ],
  [
    'four_clusters_100d_100_samples_each',
    {
      convex: {
        ami: row([0.063, 0.008], [0.512, 0.028], [0.074, 0.023], [0.654, 0.022], [1, 0]),
        ari: row([0.004, 0.007], [0.404, 0.036], [0.053, 0.014], [0.554, 0.028], [1, 0]),
      },
      nonconvex: {
        ami: row([0.077, 0.011], [0.1, 0.012], [0.079, 0.008], [0.092, 0.008], [0.794, 0.137]),
        ari: row([0.018, 0.006], [0.062, 0.011], [0.053, 0.008], [0.051, 0.005], [0.804, 0.131]),
      },
    },
  ],
  [
    'four_clusters_100d_1000_samples_each',
    {
      convex: {
        ami: row([0.548, 0.061], [0.664, 0.023], [0.205, 0.014], [0.868, 0.025], [0.8, 0.133]),
        ari: row([0.408, 0.048], [0.601, 0.04], [0.185, 0.011], [0.874, 0.032], [0.8, 0.133]),
      },
      nonconvex: {
        ami: row([0.307, 0.03], [0.145, 0.014], [0.109, 0.012], [0.132, 0.016], [0.031, 0.018]),
        ari: row([0.252, 0.029], [0.088, 0.014], [0.065, 0.012], [0.072, 0.016], [0.023, 0.016]),
      },
    },
  ],
]);

/** HDBSCAN's published noise share (Table 5.3), convex and non-convex. */
export const THESIS_HDBSCAN_NOISE: ReadonlyMap<string, { convex: Published; nonconvex: Published }> = new Map([
  ['twelve_clusters_different_distributions', { convex: [0.269, 0.033], nonconvex: [0.353, 0.007] }],
  ['twelve_different_distributions_high_class_imbalance', { convex: [0.238, 0.042], nonconvex: [0.346, 0.016] }],
  ['seven_highly_separated_10d_very_different_shapes', { convex: [0.175, 0.014], nonconvex: [0.417, 0.043] }],
  ['seven_very_different_shapes_significant_overlap_10d', { convex: [0.909, 0.02], nonconvex: [0.744, 0.072] }],
  ['four_clusters_100d_100_samples_each', { convex: [1, 0], nonconvex: [0.99, 0.007] }],
  ['four_clusters_100d_1000_samples_each', { convex: [0.999, 0], nonconvex: [0.687, 0.07] }],
]);
