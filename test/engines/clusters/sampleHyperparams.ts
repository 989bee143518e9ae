/**
 * Variations of an archetype (thesis §5.2, `Archetype.sample_hyperparams`): n_clusters, dim and the
 * points per cluster are drawn from Poisson distributions centred on the archetype's values, redrawn
 * until they fall inside the bounds (rejection sampling); every other parameter is kept.
 */
import type { Rng } from '../../../src/engines/numeric/rng';
import { poisson } from '../../../src/engines/numeric/distributions';
import type { Archetype } from '../../../src/engines/clusters/archetype';
import { parseArchetype } from '../../../src/engines/clusters/validateArchetype';

export interface HyperparamBounds {
  minClusters?: number;
  maxClusters?: number;
  minDim?: number;
  maxDim?: number;
  minSamples?: number;
  maxSamples?: number;
}

const MAX_TRIES = 10_000;

function boundedPoisson(rng: Rng, mean: number, lo: number, hi: number, what: string): number {
  for (let t = 0; t < MAX_TRIES; t++) {
    const x = poisson(rng, mean);
    if (x >= lo && x <= hi) return x;
  }
  throw new Error(
    `sampleHyperparams: no ${what} in [${lo}, ${hi}] after ${MAX_TRIES} Poisson(${mean}) draws; widen the bounds`,
  );
}

/** `count` archetypes named `<name>_1`, `<name>_2`, … */
export function sampleHyperparams(rng: Rng, a: Archetype, count: number, bounds: HyperparamBounds = {}): Archetype[] {
  const minK = bounds.minClusters ?? 1;
  const maxK = bounds.maxClusters ?? Math.max(minK, 3 * a.n_clusters);
  const minP = bounds.minDim ?? (a.dim === 1 ? 1 : 2);
  const maxP = bounds.maxDim ?? Math.max(minP, 3 * a.dim);
  const minN = bounds.minSamples ?? 1;
  const maxN = bounds.maxSamples ?? Math.max(minN, 3 * a.n_samples);
  if (minK > maxK || minP > maxP || minN > maxN)
    throw new Error('sampleHyperparams: a lower bound exceeds its upper bound');
  const perCluster = a.n_samples / a.n_clusters;
  const out: Archetype[] = [];
  for (let c = 1; c <= count; c++) {
    let made: Archetype | null = null;
    for (let t = 0; t < MAX_TRIES && !made; t++) {
      const k = boundedPoisson(rng, a.n_clusters, minK, maxK, 'n_clusters');
      const p = boundedPoisson(rng, a.dim, minP, maxP, 'dim');
      const n = boundedPoisson(rng, perCluster * k, Math.max(minN, k), maxN, 'n_samples');
      const oneD = p === 1;
      const r = parseArchetype({
        ...a,
        name: `${a.name}_${c}`,
        n_clusters: k,
        dim: p,
        n_samples: n,
        aspect_ref: oneD ? 1 : a.aspect_ref,
        aspect_maxmin: oneD ? 1 : a.aspect_maxmin,
      });
      if (r.ok) made = r.archetype;
    }
    if (!made) throw new Error('sampleHyperparams: could not draw a valid archetype within the bounds');
    out.push(made);
  }
  return out;
}
