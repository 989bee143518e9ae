import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engines/numeric/rng';
import { randomOrthonormal } from '../../../src/engines/numeric/randomOrthonormal';
import { standardNormal } from '../../../src/engines/numeric/distributions';
import { cholesky } from '../../../src/engines/numeric/cholesky';
import { clusterCovariance } from '../../../src/engines/clusters/clusterCovariance';
import {
  c2cOverlap,
  ldaOverlap,
  overlapToSeparation,
  separationAlong,
  separationToOverlap,
} from '../../../src/engines/clusters/overlap';
import { exactGaussianOverlap } from '../../../src/engines/clusters/exactGaussianOverlap';
import { SeparationField } from '../../../src/engines/clusters/separationField';
import { assertClose } from '../../helpers/assertClose';

function randomCluster(rng: Rng, p: number, spread: number) {
  const axes = randomOrthonormal(rng, p);
  const lengths = Float64Array.from({ length: p }, () => Math.exp(spread * (rng.uniform() - 0.5)));
  return { axes, lengths, cov: clusterCovariance(axes, lengths, p) };
}

test('overlap <-> separation round trip; 1% overlap is q = 2.5758 (SciPy norm.ppf(0.995))', () => {
  assertClose(overlapToSeparation(0.01), 2.5758293035489004, { rel: 1e-13 }, 'q(0.01)');
  for (const a of [1e-12, 1e-5, 0.05, 0.5, 0.99])
    assertClose(separationToOverlap(overlapToSeparation(a)), a, { rel: 1e-12 }, `round trip ${a}`);
});

test('Theorem 6: LDA overlap equals the exact overlap when Σ1 = λΣ2; C2C is exact for isotropic clusters', () => {
  const rng = new Rng(11);
  for (const p of [2, 5, 20]) {
    const c = randomCluster(rng, p, 2);
    const cov2 = c.cov.map((x) => 2.5 * x);
    const mu1 = new Float64Array(p);
    const mu2 = Float64Array.from({ length: p }, () => standardNormal(rng) * 2);
    // exact minimax (golden section in t to 1e-10) vs closed form: agree to 1e-9 relative
    assertClose(
      ldaOverlap(mu1, c.cov, mu2, cov2, p),
      exactGaussianOverlap(mu1, c.cov, mu2, cov2, p).overlap,
      { rel: 1e-9 },
      `proportional covariances p=${p}`,
    );
    const iso1 = new Float64Array(p * p);
    const iso2 = new Float64Array(p * p);
    for (let d = 0; d < p; d++) {
      iso1[d * p + d] = 0.7;
      iso2[d * p + d] = 3;
    }
    assertClose(
      c2cOverlap(mu1, iso1, mu2, iso2, p),
      exactGaussianOverlap(mu1, iso1, mu2, iso2, p).overlap,
      { rel: 1e-9 },
      `isotropic p=${p}`,
    );
  }
});

test('exact Gaussian overlap: equals a brute-force search over directions in 2D, never exceeds LDA, and matches Monte Carlo', () => {
  const rng = new Rng(5);
  for (let trial = 0; trial < 6; trial++) {
    const a = randomCluster(rng, 2, 3);
    const b = randomCluster(rng, 2, 3);
    const mu1 = Float64Array.of(0, 0);
    const mu2 = Float64Array.of(2 + 2 * rng.uniform(), 3 * rng.uniform());
    const ex = exactGaussianOverlap(mu1, a.cov, mu2, b.cov, 2);
    // brute force: marginals along any axis are normal, so max_a q(a) over 20000 angles on the circle is the exact minimax separation
    let best = -Infinity;
    for (let t = 0; t < 20000; t++) {
      const th = (2 * Math.PI * t) / 20000;
      best = Math.max(best, separationAlong([Math.cos(th), Math.sin(th)], mu1, a.cov, mu2, b.cov, 2));
    }
    // angular step 3.1e-4 rad: q is flat at its maximum, so the grid is within ~1e-7 relative
    assertClose(ex.separation, best, { rel: 1e-6 }, `separation trial ${trial}`);
    assert.ok(ex.overlap <= ldaOverlap(mu1, a.cov, mu2, b.cov, 2) * (1 + 1e-12), 'exact <= LDA');
    // Monte Carlo: error rates of the minimax classifier on each class are both alpha/2
    const n = 200_000;
    const la = cholesky(a.cov, 2)!;
    const lb = cholesky(b.cov, 2)!;
    let err1 = 0;
    let err2 = 0;
    for (let i = 0; i < n; i++) {
      const z0 = standardNormal(rng);
      const z1 = standardNormal(rng);
      const x0 = mu1[0] + la[0] * z0;
      const x1 = mu1[1] + la[2] * z0 + la[3] * z1;
      if (ex.axis[0] * x0 + ex.axis[1] * x1 > ex.threshold) err1++;
      const w0 = standardNormal(rng);
      const w1 = standardNormal(rng);
      const y0 = mu2[0] + lb[0] * w0;
      const y1 = mu2[1] + lb[2] * w0 + lb[3] * w1;
      if (ex.axis[0] * y0 + ex.axis[1] * y1 <= ex.threshold) err2++;
    }
    const half = ex.overlap / 2;
    const se = Math.sqrt((half * (1 - half)) / n);
    // 5 binomial standard errors
    assertClose(err1 / n, half, { abs: 5 * se + 1e-6 }, `class-1 error trial ${trial}`);
    assertClose(err2 / n, half, { abs: 5 * se + 1e-6 }, `class-2 error trial ${trial}`);
  }
});

test('SeparationField (LDA and C2C) matches the direct formulas, and its gradient matches finite differences', () => {
  const rng = new Rng(3);
  for (const p of [2, 7]) {
    const shapes = [randomCluster(rng, p, 2), randomCluster(rng, p, 0), randomCluster(rng, p, 1.5)];
    shapes[1].lengths.fill(0.8); // an isotropic cluster exercises the scalar path
    shapes[1].cov = clusterCovariance(shapes[1].axes, shapes[1].lengths, p);
    const centers = Float64Array.from({ length: 3 * p }, () => 3 * standardNormal(rng));
    for (const mode of ['lda', 'c2c'] as const) {
      const f = new SeparationField(shapes, p, mode);
      const g = new Float64Array(p);
      for (const [i, j] of [
        [0, 1],
        [2, 0],
        [1, 2],
      ]) {
        const q = f.evaluate(i, j, centers, g);
        const mi = centers.subarray(i * p, i * p + p);
        const mj = centers.subarray(j * p, j * p + p);
        const direct =
          mode === 'lda'
            ? ldaOverlap(mi, shapes[i].cov, mj, shapes[j].cov, p)
            : c2cOverlap(mi, shapes[i].cov, mj, shapes[j].cov, p);
        assertClose(separationToOverlap(q), direct, { rel: 1e-10 }, `${mode} overlap ${i},${j}`);
        for (let d = 0; d < p; d++) {
          const h = 1e-6;
          const c2 = Float64Array.from(centers);
          c2[j * p + d] += h;
          const fd = (f.evaluate(i, j, c2, null) - q) / h;
          // forward difference: error O(h·q'') ≈ 1e-6
          assertClose(g[d], fd, { abs: 1e-5, rel: 1e-4 }, `${mode} gradient ${i},${j},${d}`);
        }
      }
    }
  }
});

test('SeparationField in 2-D (pair numbers stored for both orders): q_ji = q_ij and ∇q_ji = −∇q_ij to the bit, coincident centres too', () => {
  const rng = new Rng(8);
  const shapes = Array.from({ length: 6 }, (_, i) => randomCluster(rng, 2, i % 3 === 0 ? 0 : 1.5));
  const centers = Float64Array.from({ length: 12 }, () => 2 * standardNormal(rng));
  centers.set(centers.subarray(0, 2), 10); // clusters 0 and 5 share a centre
  const f = new SeparationField(shapes, 2, 'lda');
  const gij = new Float64Array(2);
  const gji = new Float64Array(2);
  for (let i = 0; i < 6; i++)
    for (let j = i + 1; j < 6; j++) {
      const q = f.evaluate(i, j, centers, gij);
      assert.ok(Object.is(f.evaluate(j, i, centers, gji), q), `q ${i},${j}`);
      for (let d = 0; d < 2; d++)
        assert.ok(Object.is(gji[d], -gij[d]), `gradient ${i},${j},${d}: ${gji[d]} vs ${gij[d]}`);
    }
  assert.equal(f.evaluate(0, 5, centers, gij), 0, 'coincident centres');
  assert.deepEqual(Array.from(gij), [1, 0]);
});
