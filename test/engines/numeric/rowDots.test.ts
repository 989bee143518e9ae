import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowDots } from '../../../src/engines/numeric/rowDots';
import { clusterCovariance } from '../../../src/engines/clusters/clusterCovariance';
import { Rng } from '../../../src/engines/numeric/rng';

/** A p×p matrix of draws, with some exact zeros and negative zeros (the kernels must keep their signs as the plain sums do). */
function matrix(rng: Rng, p: number): Float64Array {
  return Float64Array.from({ length: p * p }, () => {
    const u = rng.uniform();
    return u < 0.1 ? 0 : u < 0.15 ? -0 : rng.uniform() - 0.5;
  });
}

const sameDoubles = (a: Float64Array, b: Float64Array): boolean => a.every((x, i) => Object.is(x, b[i]));

test('rowDots: the product a·bᵀ (or a part: rows from … to of b, b from an offset, sums from k0) with every sum in the plain order, bit for bit, whatever p', () => {
  const rng = new Rng(11);
  for (const p of [1, 2, 3, 4, 5, 7, 8, 13, 100]) {
    const a = matrix(rng, p);
    const b = matrix(rng, p);
    const fast = new Float64Array(p * p).fill(NaN);
    for (let r = 0; r < p; r++) rowDots(a, r * p, b, 0, p, 0, p, 0, fast, r * p, 1);
    const plain = new Float64Array(p * p);
    for (let r = 0; r < p; r++)
      for (let c = 0; c < p; c++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += a[r * p + k] * b[c * p + k];
        plain[r * p + c] = s;
      }
    assert.ok(sameDoubles(fast, plain), `p = ${p}`);
    // from and step: the upper triangle written down a column (a transposed result)
    const t = new Float64Array(p * p).fill(NaN);
    rowDots(a, 0, b, 0, p, 1, p, 0, t, 0, p);
    for (let c = 0; c < p; c++) assert.ok(Object.is(t[c * p], c < 1 ? NaN : plain[c]), `p = ${p}, c = ${c}`);
    // rb: b stored from an offset inside a larger array (a matrix of the pair tables times a vector)
    const shifted = new Float64Array(3 + p * p);
    shifted.set(b, 3);
    const mv = new Float64Array(p);
    rowDots(a, 0, shifted, 3, p, 0, p, 0, mv, 0, 1);
    assert.ok(sameDoubles(mv, plain.subarray(0, p)), `p = ${p}, from offset 3`);
    // to and k0: rows 0 … to − 1 of b only, sums over k = k0 … p − 1 only (the last row of a)
    const k0 = Math.min(2, p - 1);
    const to = Math.ceil(p / 2);
    const part = new Float64Array(p).fill(NaN);
    rowDots(a, (p - 1) * p, b, 0, p, 0, to, k0, part, 0, 1);
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let k = k0; k < p; k++) s += a[(p - 1) * p + k] * b[c * p + k];
      assert.ok(Object.is(part[c], c < to ? s : NaN), `p = ${p}, c = ${c}, from k = ${k0}`);
    }
  }
});

test('clusterCovariance equals adding σ_k²·u_k·u_kᵀ axis after axis (the same doubles) and is symmetric', () => {
  const rng = new Rng(5);
  for (const p of [1, 3, 6, 50]) {
    const axes = matrix(rng, p);
    const lengths = Float64Array.from({ length: p }, () => (rng.uniform() < 0.2 ? 0 : 3 * rng.uniform()));
    const byAxis = new Float64Array(p * p);
    for (let k = 0; k < p; k++) {
      const s2 = lengths[k] * lengths[k];
      for (let i = 0; i < p; i++)
        for (let j = i; j < p; j++) byAxis[i * p + j] += axes[k * p + i] * s2 * axes[k * p + j];
    }
    for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) byAxis[i * p + j] = byAxis[j * p + i];
    assert.ok(sameDoubles(clusterCovariance(axes, lengths, p), byAxis), `p = ${p}`);
  }
});
