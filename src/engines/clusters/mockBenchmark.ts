/**
 * A mock benchmark of clustering algorithms over archetypes (thesis §5.4, Table 5.2): for each
 * archetype, N data sets (seeds 1..N, optionally distorted), each algorithm given the true number of
 * clusters, scored by AMI and ARI against the true labels; mean and standard error per cell.
 */
import { Rng } from '../numeric/rng';
import type { Archetype } from './archetype';
import { adjustedMutualInformation } from './adjustedMutualInformation';
import { adjustedRandIndex } from './adjustedRandIndex';
import { gaussianMixtureEm } from './gaussianMixtureEm';
import { generateDataset } from './generateDataset';
import { kMeans } from './kMeansPlusPlus';
import { WARD_MAX_POINTS, wardClustering } from './wardClustering';

export type ClusteringAlgorithm = 'kmeans' | 'ward' | 'gmm';
export const CLUSTERING_ALGORITHMS: Record<ClusteringAlgorithm, string> = { kmeans: 'K-Means++', ward: 'Hierarchical (Ward)', gmm: 'EM-GMM' };

export interface BenchmarkCell {
  archetype: string;
  algorithm: ClusteringAlgorithm;
  ami: { mean: number; se: number } | null;
  ari: { mean: number; se: number } | null;
  runs: number;
  /** Data sets the algorithm could not handle (e.g. too many points for Ward), with the reason. */
  skipped: string[];
}

export interface MockBenchmarkOptions {
  archetypes: readonly Archetype[];
  datasetsPerArchetype: number;
  algorithms?: readonly ClusteringAlgorithm[];
  distort?: boolean;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

function meanSe(xs: number[]): { mean: number; se: number } | null {
  if (!xs.length) return null;
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const v = xs.length > 1 ? xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1) : 0;
  return { mean: m, se: Math.sqrt(v / xs.length) };
}

export function runMockBenchmark(opts: MockBenchmarkOptions): BenchmarkCell[] {
  const algos = opts.algorithms ?? (['kmeans', 'ward', 'gmm'] as const);
  const seed = opts.seed ?? 1;
  const cells: BenchmarkCell[] = [];
  const total = opts.archetypes.length * opts.datasetsPerArchetype;
  let done = 0;
  for (const a of opts.archetypes) {
    const scores = new Map(algos.map((al) => [al, { ami: [] as number[], ari: [] as number[], skipped: [] as string[] }]));
    for (let r = 0; r < opts.datasetsPerArchetype; r++) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
      const d = generateDataset(a, { seed: seed + r, distort: opts.distort, signal: opts.signal });
      const rng = new Rng(seed * 7919 + r);
      for (const al of algos) {
        const s = scores.get(al)!;
        try {
          if (al === 'ward' && d.n > WARD_MAX_POINTS) throw new Error(`${d.n} points exceeds Ward's limit of ${WARD_MAX_POINTS}`);
          const labels = al === 'kmeans' ? kMeans(rng, d.X, d.dim, a.n_clusters).labels : al === 'ward' ? wardClustering(d.X, d.dim, a.n_clusters) : gaussianMixtureEm(rng, d.X, d.dim, a.n_clusters).labels;
          s.ami.push(adjustedMutualInformation(d.labels, labels));
          s.ari.push(adjustedRandIndex(d.labels, labels));
        } catch (e) {
          s.skipped.push(`seed ${seed + r}: ${(e as Error).message}`);
        }
      }
      opts.onProgress?.(++done / total);
    }
    for (const al of algos) {
      const s = scores.get(al)!;
      cells.push({ archetype: a.name, algorithm: al, ami: meanSe(s.ami), ari: meanSe(s.ari), runs: s.ami.length, skipped: s.skipped });
    }
  }
  return cells;
}
