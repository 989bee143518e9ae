import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cholesky, choleskyInverse } from '../../../src/engines/numeric/cholesky';
import { Rng } from '../../../src/engines/numeric/rng';

/** B·Bᵀ + 0.1·I for a p×p matrix B of draws: symmetric positive definite. */
function spd(rng: Rng, p: number): Float64Array {
  const b = Float64Array.from({ length: p * p }, () => rng.uniform() - 0.5);
  const a = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = i === j ? 0.1 : 0;
      for (let k = 0; k < p; k++) s += b[i * p + k] * b[j * p + k];
      a[i * p + j] = s;
    }
  return a;
}

/** Golub & Van Loan's column-by-column Cholesky, one entry at a time. */
function plainCholesky(a: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let s = a[j * p + j];
    for (let k = 0; k < j; k++) s -= l[j * p + k] * l[j * p + k];
    const ljj = Math.sqrt(s);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let t = a[i * p + j];
      for (let k = 0; k < j; k++) t -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = t / ljj;
    }
  }
  return l;
}

/** (L·Lᵀ)⁻¹ = Mᵀ·M with M = L⁻¹ by forward substitution, one entry at a time. */
function plainInverse(l: Float64Array, p: number): Float64Array {
  const m = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    m[j * p + j] = 1 / l[j * p + j];
    for (let i = j + 1; i < p; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * p + k] * m[k * p + j];
      m[i * p + j] = s / l[i * p + i];
    }
  }
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += m[k * p + i] * m[k * p + j];
      inv[i * p + j] = s;
      inv[j * p + i] = s;
    }
  return inv;
}

const sameDoubles = (a: Float64Array, b: Float64Array): boolean => a.every((x, i) => Object.is(x, b[i]));

test('cholesky and choleskyInverse: the plain algorithms bit for bit (four rows at a time, M kept transposed), whatever p', () => {
  const rng = new Rng(3);
  for (const p of [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 17, 50, 100]) {
    const a = spd(rng, p);
    const l = cholesky(a, p);
    assert.ok(l, `p = ${p}`);
    assert.ok(sameDoubles(l, plainCholesky(a, p)), `L, p = ${p}`);
    assert.ok(sameDoubles(choleskyInverse(l, p), plainInverse(l, p)), `inverse, p = ${p}`);
  }
});

test('choleskyInverse inverts: A·A⁻¹ is the identity to rounding (1e-9 for p = 60, condition number below 1e4)', () => {
  const p = 60;
  const a = spd(new Rng(8), p);
  const inv = choleskyInverse(cholesky(a, p)!, p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += a[i * p + k] * inv[k * p + j];
      assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-9, `(${i}, ${j}): ${s}`);
    }
});

test('cholesky says null for a matrix that is not positive definite', () => {
  assert.equal(cholesky(Float64Array.from([1, 2, 2, 1]), 2), null);
  assert.equal(cholesky(Float64Array.from([0]), 1), null);
});
