import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDescription } from '../../../src/engines/clusters/parseDescription';
import { isValidIdentifier } from '../../../src/engines/clusters/identifier';
import type { Archetype } from '../../../src/engines/clusters/archetype';

// Expected readings; overlap levels follow the vocabulary documented in docs/synthetic-clusters.md.
const cases: [string, Partial<Archetype>][] = [
  [
    'twelve clusters of different distributions',
    {
      n_clusters: 12,
      dim: 2,
      n_samples: 1200,
      distributions: ['normal', 'exponential', 'gamma', 'weibull', 'lognormal'],
    },
  ],
  ['twelve clusters of different distributions and high class imbalance', { n_clusters: 12, imbalance_ratio: 5 }],
  [
    'seven highly separated clusters in 10D with very different shapes',
    { n_clusters: 7, dim: 10, n_samples: 700, max_overlap: 1e-4, min_overlap: 1e-5, aspect_maxmin: 5 },
  ],
  [
    'seven clusters in 10D with very different shapes and significant overlap',
    { n_clusters: 7, dim: 10, max_overlap: 0.2, min_overlap: 0.1 },
  ],
  ['four clusters in 100D with 100 samples each', { n_clusters: 4, dim: 100, n_samples: 400 }],
  ['four clusters in 100D with 1000 samples each', { n_clusters: 4, dim: 100, n_samples: 4000 }],
  ['five oblong clusters in two dimensions', { n_clusters: 5, dim: 2, aspect_ref: 3 }],
  [
    'three spherical clusters with significant overlap in two dimensions',
    { n_clusters: 3, aspect_ref: 1, aspect_maxmin: 1, max_overlap: 0.2 },
  ],
  ['very oblong clusters that overlap heavily', { n_clusters: 6, aspect_ref: 6, max_overlap: 0.4, min_overlap: 0.3 }],
  [
    'eight clusters of which 70% are exponentially distributed and 30% are normally distributed',
    { n_clusters: 8, distributions: ['exponential', 'normal'], distribution_proportions: [0.7, 0.3] },
  ],
  ['five heavy-tailed clusters', { n_clusters: 5, distributions: ['standard_t', 'pareto', 'lognormal'] }],
  [
    'a dozen well-separated Gaussian blobs in 3-D, 2,000 points',
    { n_clusters: 12, dim: 3, n_samples: 2000, distributions: ['normal'], max_overlap: 1e-4 },
  ],
  [
    'two clusters of different sizes in 10 dimensions that are well-separated',
    { n_clusters: 2, dim: 10, radius_maxmin: 3, max_overlap: 1e-4 },
  ],
  [
    'twenty-one imbalanced clusters with Student t and Gumbel distributions',
    { n_clusters: 21, imbalance_ratio: 3, distributions: ['standard_t', 'gumbel'] },
  ],
  [
    'Three hundred samples in 4 dimensions, 3 clusters, moderate overlap',
    { n_clusters: 3, dim: 4, n_samples: 300, max_overlap: 0.1, min_overlap: 0.05 },
  ],
  ['6 slightly imbalanced clusters with little overlap', { n_clusters: 6, imbalance_ratio: 1.5, max_overlap: 0.01 }],
  [
    'ten perfectly balanced round clusters, very far apart',
    { n_clusters: 10, imbalance_ratio: 1, aspect_ref: 1, max_overlap: 1e-5 },
  ],
  [
    'fifteen elongated clusters of equal size with chi-squared and F distributions',
    { n_clusters: 15, aspect_ref: 3, radius_maxmin: 1, distributions: ['chisquare', 'f'] },
  ],
  [
    'nine uniform, beta and weibull clusters, 40 points per cluster',
    { n_clusters: 9, n_samples: 360, distributions: ['uniform', 'beta', 'weibull'] },
  ],
  [
    'a couple of log-normal clusters in one dimension',
    { n_clusters: 2, dim: 1, aspect_ref: 1, distributions: ['lognormal'] },
  ],
];

test('offline parser reads common phrasings (20 descriptions)', () => {
  for (const [text, want] of cases) {
    const r = parseDescription(text);
    for (const [k, v] of Object.entries(want))
      assert.deepEqual(r.archetype[k as keyof Archetype], v, `${text}: ${k} (understood: ${r.understood.join(', ')})`);
    assert.ok(isValidIdentifier(r.archetype.name), r.archetype.name);
  }
});

test('offline parser: deterministic and always returns a valid archetype with a valid identifier', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.constantFrom(
          'seven',
          '12',
          'clusters',
          'in',
          '5D',
          'oblong',
          'spherical',
          'well',
          'separated',
          'heavy',
          'overlap',
          'imbalanced',
          'heavy tails',
          'gamma',
          'each',
          'samples',
          '1000',
          'very',
          'different',
          'shapes',
          'sizes',
          'and',
          'with',
          '%',
          '-',
          'zero',
          'one',
        ),
        { maxLength: 14 },
      ),
      fc.string({ maxLength: 20 }),
      (words, noise) => {
        const text = `${words.join(' ')} ${noise}`;
        if (!text.trim()) return;
        const a = parseDescription(text);
        const b = parseDescription(text);
        assert.deepEqual(a, b);
        assert.ok(isValidIdentifier(a.archetype.name));
        assert.ok(a.archetype.min_overlap < a.archetype.max_overlap);
      },
    ),
    { numRuns: 400, seed: 9 },
  );
});

test('thesis benchmark names come out as the thesis wrote them', () => {
  assert.equal(
    parseDescription('twelve clusters of different distributions').archetype.name,
    'twelve_clusters_different_distributions',
  );
  assert.equal(
    parseDescription('four clusters in 100D with 100 samples each').archetype.name,
    'four_clusters_100d_100_samples_each',
  );
});
