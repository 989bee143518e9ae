import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeArchetype } from '../../../src/engines/clusters/validateArchetype';
import { generateDataset } from '../../../src/engines/clusters/generateDataset';
import { DISTRIBUTION_NAMES } from '../../../src/engines/clusters/radialDistributions';
import { RADIUS_UNIFORM_MAX_K } from '../../../src/engines/clusters/initialCenters';
import { assertClose } from '../../helpers/assertClose';
import { MIXED_ARCHETYPE as archetype } from '../../helpers/mixedArchetype';

test('storage of the right size is filled in place with the same data set; any other size is left alone', () => {
  const fresh = generateDataset(archetype, { seed: 7 });
  const used = new Float64Array(fresh.X.length).fill(Number.NaN);
  const reused = generateDataset(archetype, { seed: 7, storage: used });
  assert.equal(reused.X, used);
  assert.deepEqual(reused.X, fresh.X);
  const short = new Float64Array(fresh.X.length - 3);
  const other = generateDataset(archetype, { seed: 7, storage: short });
  assert.notEqual(other.X, short);
  assert.deepEqual(other.X, fresh.X);
  assert.ok(short.every((x) => x === 0));
});

test('data set shape, labels and sizes agree with the archetype', () => {
  const d = generateDataset(archetype, { seed: 3 });
  assert.equal(d.n, 400);
  assert.equal(d.X.length, 400 * 3);
  assert.equal(
    d.sizes.reduce((s, x) => s + x, 0),
    400,
  );
  const counts = new Array(5).fill(0);
  for (const l of d.labels) counts[l]++;
  assert.deepEqual(counts, Array.from(d.sizes));
  assert.equal(d.overlaps.length, 10);
  assert.ok(d.converged);
  assert.ok(d.X.every(Number.isFinite));
  const used = new Set(d.model.clusters.map((c) => c.distribution));
  assert.ok([...used].every((u) => archetype.distributions.includes(u)));
});

test('normal cluster points have the model covariance (moment check, n = 20000)', () => {
  const a = makeArchetype({
    n_clusters: 1,
    dim: 2,
    n_samples: 20000,
    distributions: ['normal'],
    aspect_ref: 3,
    scale: 2,
  });
  const d = generateDataset(a, { seed: 1 });
  const c = d.model.clusters[0];
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < d.n; i++) {
    const x = d.X[2 * i] - c.center[0];
    const y = d.X[2 * i + 1] - c.center[1];
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  const cov = [0, 0, 0];
  for (let k = 0; k < 2; k++) {
    const s2 = c.lengths[k] ** 2;
    cov[0] += s2 * c.axes[2 * k] ** 2;
    cov[1] += s2 * c.axes[2 * k + 1] ** 2;
    cov[2] += s2 * c.axes[2 * k] * c.axes[2 * k + 1];
  }
  // sample (co)variances of 20000 normal points: relative standard error ≈ sqrt(2/n) = 1%; allow 5%
  const scaleV = Math.max(cov[0], cov[1]);
  assertClose(sxx / d.n, cov[0], { abs: 0.05 * scaleV }, 'var x');
  assertClose(syy / d.n, cov[1], { abs: 0.05 * scaleV }, 'var y');
  assertClose(sxy / d.n, cov[2], { abs: 0.05 * scaleV }, 'cov xy');
});

test('every distribution produces finite points with the right labels', () => {
  for (const name of DISTRIBUTION_NAMES) {
    const d = generateDataset(makeArchetype({ n_clusters: 2, dim: 4, n_samples: 300, distributions: [name] }), {
      seed: 2,
    });
    assert.ok(d.X.every(Number.isFinite), name);
    assert.ok(d.model.clusters.every((c) => c.distribution === name));
  }
});

test('wrapAroundSphere puts every point on the unit sphere in dim + 1; distort keeps the shape and moves points', () => {
  const s = generateDataset(archetype, { seed: 4, sphere: true });
  assert.equal(s.dim, 4);
  for (let i = 0; i < s.n; i++) {
    let r = 0;
    for (let d = 0; d < 4; d++) r += s.X[i * 4 + d] ** 2;
    assertClose(r, 1, { abs: 1e-12 }, `|x_${i}|`);
  }
  const plain = generateDataset(archetype, { seed: 4 });
  const dist = generateDataset(archetype, { seed: 4, distort: true });
  assert.equal(dist.X.length, plain.X.length);
  assert.deepEqual(dist.labels, plain.labels);
  assert.ok(dist.X.every(Number.isFinite));
  assert.notDeepEqual(dist.X, plain.X);
});

test('exact check reports exact minimax overlaps no larger than the LDA ones', () => {
  const d = generateDataset(
    makeArchetype({ n_clusters: 4, dim: 3, n_samples: 100, distributions: ['normal'], aspect_ref: 3 }),
    { seed: 9, exactCheck: true },
  );
  for (const o of d.overlaps) {
    assert.ok(o.exact !== null);
    assert.ok(o.exact! <= o.alpha * (1 + 1e-9), `exact ${o.exact} vs LDA ${o.alpha}`);
  }
});

test(`more than ${RADIUS_UNIFORM_MAX_K} clusters: every cluster gets points, labels and sizes agree, and the name says how many`, () => {
  // 80 clusters in 3-D, seed 1: the centre placement also meets an epoch whose loss went up (its step shrinks).
  const k = RADIUS_UNIFORM_MAX_K + 30;
  const a = makeArchetype({ n_clusters: k, dim: 3, n_samples: 6 * k });
  assert.match(a.name, /^eighty_clusters_3d/);
  const d = generateDataset(a, { seed: 1 });
  const counts = new Map<number, number>();
  for (const l of d.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  assert.equal(counts.size, k);
  assert.deepEqual(
    [...counts].sort((x, y) => x[0] - y[0]).map(([, n]) => n),
    Array.from(d.sizes),
  );
  assert.ok(d.X.every(Number.isFinite));
});

test('cancellation: an aborted signal stops generation with its reason', () => {
  const ac = new AbortController();
  ac.abort(new Error('stop'));
  assert.throws(
    () => generateDataset(makeArchetype({ n_clusters: 30, dim: 2, n_samples: 3000 }), { seed: 1, signal: ac.signal }),
    /stop/,
  );
});
