/**
 * The JSON description of a generated data set used by the CLI (`costrisk generate --json`) and the
 * view: sizes, every cluster's centre, unit principal axes (rows), axis lengths and distribution,
 * and the pairwise overlaps as [i, j, alpha].
 */
import type { GeneratedDataset } from './generateDataset';

export interface DatasetSummary {
  file: string | null;
  seed: number;
  n_samples: number;
  dim: number;
  sizes: number[];
  clusters: { center: number[]; axes: number[][]; axis_lengths: number[]; distribution: string }[];
  overlaps: [number, number, number][];
  converged: boolean;
  epochs: number;
  warnings: string[];
}

export function summarizeDataset(d: Omit<GeneratedDataset, 'X' | 'labels'>, file: string | null): DatasetSummary {
  const p = d.model.dim;
  return {
    file,
    seed: d.seed,
    n_samples: d.n,
    dim: d.dim,
    sizes: Array.from(d.sizes),
    clusters: d.model.clusters.map((c) => ({
      center: Array.from(c.center),
      axes: Array.from({ length: p }, (_, r) => Array.from(c.axes.subarray(r * p, r * p + p))),
      axis_lengths: Array.from(c.lengths),
      distribution: c.distribution,
    })),
    overlaps: d.overlaps.map((o) => [o.i, o.j, o.alpha]),
    converged: d.converged,
    epochs: d.epochs,
    warnings: d.warnings,
  };
}
