import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engines/numeric/rng';
import { standardNormal } from '../../../src/engines/numeric/distributions';
import { adjustedRandIndex } from '../../../src/engines/clusters/adjustedRandIndex';
import { spectralClustering } from '../../../src/engines/clusters/spectralClustering';
import { hdbscan } from '../../../src/engines/clusters/hdbscan';
import { nearestNeighbours } from '../../../src/engines/clusters/nearestNeighbours';
import { gaussianMixtureEm } from '../../../src/engines/clusters/gaussianMixtureEm';
import { assertClose } from '../../helpers/assertClose';

/** Three round blobs of `per` points in 2-D, centres 20 apart, unit spread. */
function blobs(per: number, seed: number): { X: Float64Array; y: Int32Array } {
  const rng = new Rng(seed);
  const centres = [
    [0, 0],
    [20, 0],
    [0, 20],
  ];
  const X = new Float64Array(3 * per * 2);
  const y = new Int32Array(3 * per);
  for (let c = 0; c < 3; c++)
    for (let i = 0; i < per; i++) {
      const r = c * per + i;
      X[2 * r] = centres[c][0] + standardNormal(rng);
      X[2 * r + 1] = centres[c][1] + standardNormal(rng);
      y[r] = c;
    }
  return { X, y };
}

test('nearest neighbours: hand-checked on five points on a line (self excluded, ties to the lower index)', () => {
  const X = Float64Array.of(0, 1, 3, 6, 10);
  const nb = nearestNeighbours(X, 1, 2);
  // point 1 (at 1): 0 at distance 1, 2 at distance 2; point 2 (at 3): 1 (2), then 0 and 3 tie at 3 → 0
  assert.deepEqual(Array.from(nb.index), [1, 2, 0, 2, 1, 0, 2, 4, 3, 2]);
  assert.deepEqual(Array.from(nb.sqDist.subarray(2, 4)), [1, 4]);
  assert.throws(() => nearestNeighbours(X, 1, 5), /must be in 1\.\.4/);
});

test('spectral clustering separates three far blobs exactly (k-NN and RBF), and two rings that k-means cannot', () => {
  const { X, y } = blobs(100, 5);
  assert.equal(adjustedRandIndex(y, spectralClustering(new Rng(1), X, 2, 3).labels), 1);
  assert.equal(
    adjustedRandIndex(y, spectralClustering(new Rng(1), X, 2, 3, { affinity: 'rbf', gamma: 0.1 }).labels),
    1,
  );
  // two concentric rings (radii 1 and 5): the k-NN graph has two components
  const n = 200;
  const R = new Float64Array(2 * n);
  const ry = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const ring = i < n / 2 ? 0 : 1;
    const t = (2 * Math.PI * i) / (n / 2);
    R[2 * i] = (ring ? 5 : 1) * Math.cos(t);
    R[2 * i + 1] = (ring ? 5 : 1) * Math.sin(t);
    ry[i] = ring;
  }
  const s = spectralClustering(new Rng(2), R, 2, 2);
  assert.equal(adjustedRandIndex(ry, s.labels), 1);
  assertClose(s.eigenvalues[1], 1, { abs: 1e-6 }, 'two components: eigenvalue 1 twice');
});

test('HDBSCAN: two tight groups and a far outlier give two clusters and one noise point; duplicates give numbers, not NaN', () => {
  // group A: 6 points near (0,0); group B: 6 points near (10,10); outlier at (50,-50)
  const pts = [
    [0, 0],
    [0.1, 0],
    [0, 0.1],
    [0.1, 0.1],
    [0.05, 0.05],
    [0.2, 0.1],
    [10, 10],
    [10.1, 10],
    [10, 10.1],
    [10.1, 10.1],
    [10.05, 10.05],
    [10.2, 10.1],
    [50, -50],
  ];
  const X = Float64Array.from(pts.flat());
  const r = hdbscan(X, 2, { minSamples: 3, minClusterSize: 5 });
  assert.equal(r.clusters, 2);
  assert.equal(r.labels[12], -1);
  assert.ok(r.labels.slice(0, 6).every((l) => l === r.labels[0]) && r.labels[0] >= 0);
  assert.ok(r.labels.slice(6, 12).every((l) => l === r.labels[6]) && r.labels[6] >= 0 && r.labels[6] !== r.labels[0]);
  assertClose(r.noiseShare, 1 / 13, { abs: 1e-12 }, 'noise share');
  const same = hdbscan(new Float64Array(40).fill(3), 2);
  assert.ok(Number.isFinite(same.noiseShare));
  // the three blobs with scikit-learn's defaults: three clusters, little noise
  const { X: B, y } = blobs(100, 7);
  const h = hdbscan(B, 2);
  assert.equal(h.clusters, 3);
  assert.ok(h.noiseShare < 0.2, `noise ${h.noiseShare}`);
  const keep = [...h.labels.keys()].filter((i) => h.labels[i] >= 0);
  assert.equal(
    adjustedRandIndex(
      keep.map((i) => y[i]),
      keep.map((i) => h.labels[i]),
    ),
    1,
  );
});

test('EM-GMM started from k-means++ seeds recovers far blobs', () => {
  const { X, y } = blobs(60, 9);
  assert.equal(adjustedRandIndex(y, gaussianMixtureEm(new Rng(4), X, 2, 3, { init: 'kmeans++', nInit: 1 }).labels), 1);
});
