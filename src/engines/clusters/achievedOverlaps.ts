/**
 * How the achieved pairwise overlaps sit against the archetype's bounds (thesis Figure 5.11): a
 * histogram of log10(overlap) over all pairs of one or more data sets, the share above max_overlap,
 * and each cluster's best-neighbour overlap (which min_overlap bounds from below).
 */
import type { GeneratedDataset } from './generateDataset';
import { maxOf, minOf } from '../../shared/arrays';

export interface OverlapHistogram {
  /** Bin edges in log10(overlap), length bins+1. */
  edges: number[];
  counts: number[];
  pairs: number;
  maxOverlap: number;
  minOverlap: number;
  /** Pairs with overlap above max_overlap·(1+1e-3). */
  aboveMax: number;
  /** Clusters whose best neighbour overlaps less than min_overlap·(1−1e-3). */
  lonelyClusters: number;
  /** Smallest and largest pair overlap seen (null when there are no pairs). */
  range: [number, number] | null;
}

export function achievedOverlaps(datasets: readonly GeneratedDataset[], bins = 24): OverlapHistogram {
  if (!datasets.length) throw new Error('achievedOverlaps requires at least one data set');
  const a = datasets[0].archetype;
  const all: number[] = [];
  let lonely = 0;
  for (const d of datasets) {
    const best = new Float64Array(d.archetype.n_clusters);
    for (const o of d.overlaps) {
      all.push(o.alpha);
      best[o.i] = Math.max(best[o.i], o.alpha);
      best[o.j] = Math.max(best[o.j], o.alpha);
    }
    if (d.archetype.n_clusters > 1) for (const b of best) if (b < a.min_overlap * (1 - 1e-3)) lonely++;
  }
  const floor = Math.floor(Math.log10(a.min_overlap)) - 2;
  const lo = Math.max(floor, all.length ? Math.floor(Math.log10(Math.max(minOf(all), 1e-300))) : floor);
  const hi = Math.ceil(Math.log10(Math.max(a.max_overlap, maxOf(all), 1e-300)) + 1e-9);
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
  const counts = new Array<number>(bins).fill(0);
  for (const x of all) {
    const l = Math.log10(Math.max(x, 1e-300));
    const b = Math.min(bins - 1, Math.max(0, Math.floor(((l - lo) / (hi - lo)) * bins)));
    counts[b]++;
  }
  return {
    edges,
    counts,
    pairs: all.length,
    maxOverlap: a.max_overlap,
    minOverlap: a.min_overlap,
    aboveMax: all.filter((x) => x > a.max_overlap * (1 + 1e-3)).length,
    lonelyClusters: lonely,
    range: all.length ? [minOf(all), maxOf(all)] : null,
  };
}
