import type { DistributionName } from './radialDistributions';

/** One cluster of a mixture model (thesis appendix 4B, Table .5). */
export interface ClusterSpec {
  center: Float64Array;
  /** Principal axes as the rows of a p×p row-major orthogonal matrix. */
  axes: Float64Array;
  /** Axis lengths (for a normal cluster, the standard deviations along the axes). */
  lengths: Float64Array;
  distribution: DistributionName;
}

export interface MixtureModel {
  dim: number;
  clusters: ClusterSpec[];
}
