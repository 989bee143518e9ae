import type { Archetype } from './archetype';
import { numberToWords } from './numberWords';

/** A readable identifier from the numbers that matter most, e.g. `seven_clusters_10d` or `twelve_clusters_2d_heavy_overlap`. */
export function defaultArchetypeName(a: Pick<Archetype, 'n_clusters' | 'dim' | 'max_overlap'>): string {
  const parts = [
    numberToWords(a.n_clusters).replace(/[^a-z]+/g, '_'),
    a.n_clusters === 1 ? 'cluster' : 'clusters',
    `${a.dim}d`,
  ];
  if (a.max_overlap >= 0.15) parts.push('heavy_overlap');
  else if (a.max_overlap <= 1e-3) parts.push('well_separated');
  return parts.join('_');
}
