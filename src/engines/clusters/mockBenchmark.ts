/**
 * The mock benchmark of clustering algorithms over archetypes (thesis §5.4, Tables 5.2 and 5.3): for
 * each archetype, N data sets (seeds S..S+N−1, convex, or distorted into non-convex shapes), each
 * algorithm scored by AMI and ARI against the true labels; mean and standard error per cell.
 *
 * Settings are those that reproduce the thesis's numbers (measured on repliclust's own data sets with
 * scikit-learn; docs/synthetic-clusters.md, "Benchmark"): every algorithm but HDBSCAN is given the
 * true number of clusters; K-Means: k-means++ and Lloyd, best of 10 restarts; EM-GMM: full
 * covariances, one run started from k-means++ seeds; Ward: exact agglomerative clustering; spectral:
 * k-NN affinity (9 neighbours), normalised, k-means with 10 restarts on the embedding; HDBSCAN:
 * min_samples = min_cluster_size = 5, scored on its non-noise points only, with the noise share.
 */
import { Rng } from '../numeric/rng';
import type { Archetype } from './archetype';
import { adjustedMutualInformation } from './adjustedMutualInformation';
import { adjustedRandIndex } from './adjustedRandIndex';
import { gaussianMixtureEm } from './gaussianMixtureEm';
import { generateDataset } from './generateDataset';
import { hdbscan } from './hdbscan';
import { kMeans } from './kMeansPlusPlus';
import { spectralClustering } from './spectralClustering';
import { WARD_MAX_POINTS, wardClustering } from './wardClustering';

export const CLUSTERING_ALGORITHMS = ['gmm', 'kmeans', 'spectral', 'ward', 'hdbscan'] as const;
export type ClusteringAlgorithm = (typeof CLUSTERING_ALGORITHMS)[number];
/** Display names, as the thesis's tables head their columns. */
export const ALGORITHM_LABELS: Readonly<Record<ClusteringAlgorithm, string>> = {
  gmm: 'EM-GMM',
  kmeans: 'K-Means',
  spectral: 'Spectral',
  ward: 'Hierarchical',
  hdbscan: 'HDBSCAN',
};

export function isClusteringAlgorithm(s: unknown): s is ClusteringAlgorithm {
  return typeof s === 'string' && (CLUSTERING_ALGORITHMS as readonly string[]).includes(s);
}

export interface Spread {
  mean: number;
  /** Standard error of the mean (sample standard deviation/√runs; 0 for one run), as the thesis's brackets. */
  se: number;
}

export interface BenchmarkCell {
  archetype: string;
  algorithm: ClusteringAlgorithm;
  convex: boolean;
  ami: Spread | null;
  ari: Spread | null;
  /** HDBSCAN only: share of points labelled noise (AMI/ARI are over the other points). */
  noise: Spread | null;
  runs: number;
  /** Data sets the algorithm could not score (e.g. too many points for Ward, all noise), with the reason. */
  skipped: string[];
}

export interface MockBenchmarkOptions {
  archetypes: readonly Archetype[];
  datasetsPerArchetype: number;
  algorithms?: readonly ClusteringAlgorithm[];
  /** Which shapes to run: convex (as generated), non-convex (distorted) or both (default convex). */
  shapes?: readonly ('convex' | 'nonconvex')[];
  seed?: number;
  signal?: AbortSignal;
  /** Called after each data set with the share done and a short note. */
  onProgress?: (fraction: number, message: string) => void;
}

export function meanSe(xs: readonly number[]): Spread | null {
  if (!xs.length) return null;
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const v = xs.length > 1 ? xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1) : 0;
  return { mean: m, se: Math.sqrt(v / xs.length) };
}

interface Scored {
  ami: number;
  ari: number;
  noise?: number;
}

/** Runs one algorithm with the benchmark's settings on one data set. */
export function scoreAlgorithm(
  algorithm: ClusteringAlgorithm,
  rng: Rng,
  X: Float64Array,
  dim: number,
  truth: Int32Array,
  k: number,
  signal?: AbortSignal,
): Scored {
  const n = truth.length;
  let labels: Int32Array;
  switch (algorithm) {
    case 'kmeans':
      labels = kMeans(rng, X, dim, k, { restarts: 10 }).labels;
      break;
    case 'gmm':
      labels = gaussianMixtureEm(rng, X, dim, k, { init: 'kmeans++', nInit: 1 }).labels;
      break;
    case 'ward':
      if (n > WARD_MAX_POINTS) throw new Error(`${n} points exceeds Ward's limit of ${WARD_MAX_POINTS}`);
      labels = wardClustering(X, dim, k);
      break;
    case 'spectral':
      labels = spectralClustering(rng, X, dim, k, { signal }).labels;
      break;
    case 'hdbscan': {
      const r = hdbscan(X, dim, { signal });
      const keep: number[] = [];
      for (let i = 0; i < n; i++) if (r.labels[i] >= 0) keep.push(i);
      if (!keep.length) throw new Error('HDBSCAN labelled every point noise');
      const t = keep.map((i) => truth[i]);
      const l = keep.map((i) => r.labels[i]);
      return { ami: adjustedMutualInformation(t, l), ari: adjustedRandIndex(t, l), noise: r.noiseShare };
    }
  }
  return { ami: adjustedMutualInformation(truth, labels), ari: adjustedRandIndex(truth, labels) };
}

/** The benchmark table: one cell per archetype × shape × algorithm, in that order. */
export function runMockBenchmark(opts: MockBenchmarkOptions): BenchmarkCell[] {
  const algos = opts.algorithms ?? CLUSTERING_ALGORITHMS;
  const shapes = opts.shapes ?? ['convex'];
  const seed = opts.seed ?? 1;
  const cells: BenchmarkCell[] = [];
  const total = opts.archetypes.length * shapes.length * opts.datasetsPerArchetype;
  let done = 0;
  for (const a of opts.archetypes) {
    for (const shape of shapes) {
      const convex = shape === 'convex';
      const scores = new Map(
        algos.map((al) => [
          al,
          { ami: [] as number[], ari: [] as number[], noise: [] as number[], skipped: [] as string[] },
        ]),
      );
      for (let r = 0; r < opts.datasetsPerArchetype; r++) {
        if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
        const d = generateDataset(a, { seed: seed + r, distort: !convex, signal: opts.signal });
        for (const al of algos) {
          const s = scores.get(al)!;
          // each (data set, algorithm) has its own stream, so adding an algorithm changes no other column
          const rng = new Rng((seed + r) * 7919 + CLUSTERING_ALGORITHMS.indexOf(al));
          try {
            const sc = scoreAlgorithm(al, rng, d.X, d.dim, d.labels, a.n_clusters, opts.signal);
            s.ami.push(sc.ami);
            s.ari.push(sc.ari);
            if (sc.noise !== undefined) s.noise.push(sc.noise);
          } catch (e) {
            if (opts.signal?.aborted) throw opts.signal.reason ?? e;
            s.skipped.push(`seed ${seed + r}: ${(e as Error).message}`);
          }
        }
        opts.onProgress?.(++done / total, `${a.name} (${shape}), data set ${r + 1} of ${opts.datasetsPerArchetype}`);
      }
      for (const al of algos) {
        const s = scores.get(al)!;
        cells.push({
          archetype: a.name,
          algorithm: al,
          convex,
          ami: meanSe(s.ami),
          ari: meanSe(s.ari),
          noise: al === 'hdbscan' ? meanSe(s.noise) : null,
          runs: s.ami.length,
          skipped: s.skipped,
        });
      }
    }
  }
  return cells;
}
