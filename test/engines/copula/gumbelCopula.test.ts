import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  gumbelCdf,
  gumbelKendallCdf,
  gumbelThetaFromTau,
  sampleGumbel,
} from '../../../src/engines/copula/gumbelCopula';
import { kendallTau } from '../../../src/engines/copula/kendallTau';
import { Rng } from '../../../src/engines/numeric/rng';
import { assertClose } from '../../helpers/assertClose';

test('Gumbel copula CDF identities (eq. 2.9)', () => {
  const grid = [0.01, 0.2, 0.5, 0.8, 0.99];
  for (const theta of [1, 1.5, 3, 10])
    for (const u of grid)
      for (const v of grid) {
        const c = gumbelCdf(u, v, theta);
        // Uniform margins and groundedness: C(u, 1) = u, C(1, v) = v, C(u, 0) = 0 (exact).
        assertClose(gumbelCdf(u, 1, theta), u, { abs: 1e-15 }, 'C(u,1)');
        assertClose(gumbelCdf(1, v, theta), v, { abs: 1e-15 }, 'C(1,v)');
        assert.equal(gumbelCdf(u, 0, theta), 0);
        // Symmetry and the Fréchet–Hoeffding bounds; positive dependence: C ≥ uv.
        assertClose(gumbelCdf(v, u, theta), c, { abs: 1e-15 }, 'symmetry');
        assert.ok(c <= Math.min(u, v) + 1e-15 && c >= u * v - 1e-15, `bounds at θ=${theta}`);
        if (theta === 1) assertClose(c, u * v, { rel: 1e-14 }, 'θ = 1 is independence');
      }
  // Closed form at u = v: C(u, u) = u^(2^(1/θ)).
  assertClose(gumbelCdf(0.3, 0.3, 2), Math.pow(0.3, Math.SQRT2), { rel: 1e-13 }, 'diagonal');
  assert.equal(gumbelThetaFromTau(0.5), 2);
  assert.equal(gumbelThetaFromTau(-0.1), 1);
});

test('Gumbel samples have Kendall τ = 1 − 1/θ and the Kendall distribution K_θ', () => {
  const rng = new Rng(11);
  for (const theta of [1.5, 2.5]) {
    const n = 3000;
    const s = sampleGumbel(rng, theta, n);
    // Var(τ̂) ≤ 2(2n+5)/(9n(n−1)) under independence and smaller under dependence: SE ≈ 0.012; 4 SE.
    assertClose(kendallTau(s.u, s.v)!, 1 - 1 / theta, { abs: 0.05 }, `τ at θ=${theta}`);
    // P(C(U,V) ≤ w) = K_θ(w): compare at w = 0.3 using the fitted C at the sampled points (binomial SE ≈ 0.009; 4 SE).
    let below = 0;
    for (let i = 0; i < n; i++) if (gumbelCdf(s.u[i], s.v[i], theta) <= 0.3) below++;
    assertClose(below / n, gumbelKendallCdf(0.3, theta), { abs: 0.036 }, 'K_θ(0.3)');
  }
});
