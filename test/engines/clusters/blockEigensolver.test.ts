import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { Rng } from '../../../src/engines/numeric/rng';
import { symmetricTopEigen } from '../../../src/engines/clusters/symmetricTopEigen';
import { assertClose } from '../../helpers/assertClose';

// The reference is ml-matrix's dense decomposition of a 300×300 matrix, most of this test's time (and
// 3× that under coverage's block counters); every line and branch of the solver it runs is also run by
// the clustering tests, so this file runs without coverage instrumentation (scripts/coveredElsewhere.mjs).

test('block eigensolver: top eigenpairs of a normalised random graph agree with ml-matrix dense decomposition to 1e-6', () => {
  const rng = new Rng(3);
  const n = 300; // above DENSE_MAX, so the Chebyshev-filtered path runs
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      // four planted groups: dense inside, sparse across (eigenvalues crowd near 1, as in clustering)
      const w =
        Math.floor(i / 75) === Math.floor(j / 75) ? (rng.uniform() < 0.3 ? 1 : 0) : rng.uniform() < 0.01 ? 1 : 0;
      W[i * n + j] = w;
      W[j * n + i] = w;
    }
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) deg[i] += W[i * n + j];
  const M = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, W[i * n + j] / Math.sqrt(deg[i] * deg[j]));
  const apply = (x: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += M.get(i, j) * x[j];
      out[i] = s;
    }
  };
  const r = symmetricTopEigen(apply, n, 5, new Rng(1));
  const dense = new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues.sort((a, b) => b - a);
  assert.ok(r.converged);
  for (let c = 0; c < 5; c++) {
    assertClose(r.values[c], dense[c], { abs: 1e-6 }, `eigenvalue ${c}`);
    const v = r.vectors[c];
    const mv = new Float64Array(n);
    apply(v, mv);
    let res = 0;
    for (let i = 0; i < n; i++) res += (mv[i] - r.values[c] * v[i]) ** 2;
    assert.ok(Math.sqrt(res) < 1e-5, `residual ${Math.sqrt(res)}`);
  }
});
