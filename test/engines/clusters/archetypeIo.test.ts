import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rng } from '../../../src/engines/numeric/rng';
import { makeArchetype, parseArchetype } from '../../../src/engines/clusters/validateArchetype';
import { formatArchetypesJsonl, parseArchetypesJsonl } from '../../../src/engines/clusters/archetypeJsonl';
import { sampleHyperparams } from './sampleHyperparams';
import { isValidIdentifier, toIdentifier } from '../../../src/engines/clusters/identifier';
import { assertClose } from '../../helpers/assertClose';

test('defaults of Table 5.1 fill absent fields, with a readable identifier', () => {
  const r = parseArchetype({ n_clusters: 7, dim: 10 });
  assert.ok(r.ok);
  assert.equal(r.archetype.name, 'seven_clusters_10d');
  assert.equal(r.archetype.aspect_ref, 1.5);
  assert.deepEqual(r.archetype.distributions, ['normal', 'exponential']);
  assert.deepEqual(r.archetype.distribution_proportions, [0.5, 0.5]);
  const mo = parseArchetype({ max_overlap: 0.2 });
  assert.ok(
    mo.ok && mo.archetype.min_overlap === 0.02,
    'min_overlap defaults to max_overlap / 10 when only max is given',
  );
});

test('validation names every bad field with its rule and value', () => {
  const r = parseArchetype({
    n_clusters: 2.5,
    dim: 0,
    aspect_ref: 0.5,
    max_overlap: 0.01,
    min_overlap: 0.02,
    distributions: ['normal', 'cauchy'],
    colour: 'red',
    name: '3d clusters',
  });
  assert.ok(!r.ok);
  const text = r.errors.join('\n');
  for (const want of [
    'n_clusters must be an integer, got 2.5',
    'dim must be between 1 and',
    'aspect_ref must be >= 1, got 0.5',
    'min_overlap must be smaller than max_overlap',
    'unknown "cauchy"',
    'unknown field "colour"',
    'name must be a valid variable name',
  ])
    assert.ok(text.includes(want), `missing "${want}" in:\n${text}`);
  assert.match((parseArchetype([1]) as { errors: string[] }).errors[0], /must be a JSON object/);
  assert.match(
    (parseArchetype({ n_clusters: 10, n_samples: 12, imbalance_ratio: 5 }) as { errors: string[] }).errors[0],
    /smallest cluster would get/,
  );
});

test('JSONL round trip keeps every archetype; bad lines are reported by number and the rest kept', () => {
  const as = [
    makeArchetype({ name: 'a', n_clusters: 3 }),
    makeArchetype({ name: 'b', dim: 5, distributions: ['gamma'] }),
  ];
  const text = formatArchetypesJsonl(as);
  assert.equal(text.split('\n').length, 3);
  const back = parseArchetypesJsonl(text);
  assert.deepEqual(
    back.archetypes.map((l) => l.archetype),
    as,
  );
  const broken = parseArchetypesJsonl(`${text}\n{"n_clusters": "many"}\nnot json\n`);
  assert.equal(broken.archetypes.length, 2);
  assert.deepEqual(
    broken.problems.map((p) => p.line),
    [4, 5],
  );
  assert.match(broken.problems[0].message, /n_clusters must be an integer/);
});

test('identifiers are valid variable names for any input text', () => {
  fc.assert(
    fc.property(fc.string(), (s) => assert.ok(isValidIdentifier(toIdentifier(s)), JSON.stringify(s))),
    { numRuns: 500, seed: 4 },
  );
  assert.equal(toIdentifier('Seven highly-separated clusters in 10D!'), 'seven_highly_separated_clusters_in_10d');
  assert.equal(toIdentifier('3 blobs'), 'a_3_blobs');
  assert.ok(!isValidIdentifier('class') && !isValidIdentifier('1abc') && isValidIdentifier('_x1'));
});

test('sampleHyperparams: Poisson around the archetype, within bounds, everything else kept', () => {
  const a = makeArchetype({ name: 'base', n_clusters: 8, dim: 5, n_samples: 800, max_overlap: 0.1 });
  const out = sampleHyperparams(new Rng(1), a, 400, { minClusters: 3, maxClusters: 12, minDim: 2, maxDim: 9 });
  assert.equal(out.length, 400);
  let sk = 0;
  for (const [i, h] of out.entries()) {
    assert.equal(h.name, `base_${i + 1}`);
    assert.ok(h.n_clusters >= 3 && h.n_clusters <= 12 && h.dim >= 2 && h.dim <= 9);
    assert.equal(h.max_overlap, 0.1);
    assert.ok(h.n_samples >= h.n_clusters);
    sk += h.n_clusters;
  }
  // truncated Poisson(8) on [3, 12] has mean 7.676 (SciPy: poisson(8).pmf over 3..12, normalised); sd 2.4/sqrt(400) = 0.12, so 0.4 is over 3 standard errors
  assertClose(sk / 400, 7.676, { abs: 0.4 }, 'mean n_clusters');
  assert.throws(() => sampleHyperparams(new Rng(1), a, 1, { minClusters: 500, maxClusters: 600 }), /widen the bounds/);
});
