import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectTo2d } from '../../../src/engines/clusters/projectTo2d';
import { DENSE_MAX } from '../../../src/engines/clusters/symmetricTopEigen';
import { assertClose } from '../../helpers/assertClose';

/**
 * n points x_i = 3·cos(2πi/n)·u₁ + 2·sin(2πi/n)·u₂ + 0.5·cos(4πi/n)·u₃ with orthonormal sign
 * patterns u₁ = (1, 1, 1, 1, …)/√p, u₂ = (1, −1, 1, −1, …)/√p, u₃ = (1, 1, −1, −1, …)/√p. Over a
 * whole period the three coefficient sequences have mean 0, are mutually orthogonal and have equal
 * sums of squares, so the sample covariance has eigenvalues ∝ 9, 4, 0.25 on u₁, u₂, u₃: the
 * principal plane is (u₁, u₂), it explains 13/13.25 of the variance, and point i projects to
 * (±3·cos, ±2·sin), all without any eigen solver.
 */
function threeAxisCloud(n: number, p: number): Float64Array {
  const X = new Float64Array(n * p);
  const s = 1 / Math.sqrt(p);
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const [a, b, c] = [3 * Math.cos(t), 2 * Math.sin(t), 0.5 * Math.cos(2 * t)];
    for (let d = 0; d < p; d++) X[i * p + d] = s * (a + (d % 2 ? -b : b) + (d % 4 < 2 ? c : -c));
  }
  return X;
}

function checkCloud(p: number, tol: number): void {
  const n = 360;
  const { xy, explained } = projectTo2d(threeAxisCloud(n, p), p);
  assertClose(explained!, 13 / 13.25, { abs: tol }, `explained variance, p = ${p}`);
  // eigenvectors have arbitrary signs: fix them from point 0 (cos 0 = 1) and point n/4 (sin = 1)
  const s0 = Math.sign(xy[0]);
  const s1 = Math.sign(xy[2 * (n / 4) + 1]);
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    assertClose(s0 * xy[2 * i], 3 * Math.cos(t), { abs: tol }, `PC1 of point ${i}, p = ${p}`);
    assertClose(s1 * xy[2 * i + 1], 2 * Math.sin(t), { abs: tol }, `PC2 of point ${i}, p = ${p}`);
  }
}

test('projectTo2d: known principal plane by the dense ml-matrix decomposition (p = 8)', () => {
  // a dense symmetric eigen decomposition is accurate to a few ulps of the largest eigenvalue
  checkCloud(8, 1e-10);
});

test('projectTo2d: known principal plane by the block iteration above DENSE_MAX (p = 200)', () => {
  assert.ok(200 > DENSE_MAX);
  // residual tolerance 1e-8 relative, eigen gap 5 of 9: eigenvector error ~2e-8, coordinates ~6e-8
  checkCloud(200, 1e-6);
});

test('projectTo2d: 1-D and 2-D data are passed through; constant data explain nothing', () => {
  assert.deepEqual(Array.from(projectTo2d(Float64Array.from([1, 2, 3]), 1).xy), [1, 0, 2, 0, 3, 0]);
  assert.deepEqual(Array.from(projectTo2d(Float64Array.from([1, 2, 3, 4]), 2).xy), [1, 2, 3, 4]);
  const flat = projectTo2d(new Float64Array(30).fill(7), 3);
  assert.equal(flat.explained, null);
  assert.ok(flat.xy.every((v) => v === 0));
});
