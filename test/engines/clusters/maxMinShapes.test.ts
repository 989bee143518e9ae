import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rng } from '../../../src/engines/numeric/rng';
import { sampleGroupSizes } from '../../../src/engines/clusters/sampleGroupSizes';
import { aspectExtremes, sampleAspectRatios } from '../../../src/engines/clusters/sampleAspectRatios';
import { sampleAxisLengths } from '../../../src/engines/clusters/sampleAxisLengths';
import { sampleClusterRadii } from '../../../src/engines/clusters/sampleClusterRadii';
import { maxMinSample } from '../../../src/engines/clusters/maxMinSample';
import { assertClose } from '../../helpers/assertClose';

const geoMean = (xs: ArrayLike<number>) => Math.exp(Array.from(xs).reduce((s, x) => s + Math.log(x), 0) / xs.length);

test('group sizes sum to n_samples with max/min = imbalance_ratio up to rounding (acceptance)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 1, max: 200 }),
      fc.double({ min: 1, max: 20, noNaN: true }),
      fc.integer(),
      (k, perCluster, ratio, seed) => {
        const n = k * perCluster + (seed & 7);
        if ((2 * n) / k / (1 + ratio) < 1) return; // infeasible: validation rejects it
        const sizes = sampleGroupSizes(new Rng(seed), k, n, ratio);
        assert.equal(
          sizes.reduce((s, x) => s + x, 0),
          n,
        );
        assert.ok(sizes.every((s) => s >= 1));
        if (k === 1) return;
        const mx = Math.max(...sizes);
        const mn = Math.min(...sizes);
        // Largest-remainder rounding moves each of the two extremes by less than one point, so
        // |max − ratio·min| < 1 + ratio.
        assert.ok(Math.abs(mx - ratio * mn) < 1 + ratio, `sizes ${sizes} max/min ${mx / mn} vs ${ratio}`);
      },
    ),
    { numRuns: 400, seed: 1 },
  );
});

test('aspect ratios: geometric mean = aspect_ref, extremes as repliclust 1.0 sets them (product aspect_ref², excess ratio aspect_maxmin)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }),
      fc.double({ min: 1, max: 10, noNaN: true }),
      fc.double({ min: 1, max: 10, noNaN: true }),
      fc.integer(),
      (k, ref, maxmin, seed) => {
        const r = sampleAspectRatios(new Rng(seed), k, ref, maxmin);
        assertClose(geoMean(r.values), ref, { rel: 1e-12 }, 'geometric mean of aspect ratios');
        assert.ok(
          r.values.every((v) => v >= 1 - 1e-12),
          'aspect ratios >= 1',
        );
        assert.deepEqual(r.warnings, []);
        if (k === 1) return;
        const lo = Math.min(...r.values);
        const hi = Math.max(...r.values);
        assertClose(lo * hi, ref * ref, { rel: 1e-9 }, 'product of the extremes');
        if (ref > 1 + 1e-6) assertClose((hi - 1) / (lo - 1), maxmin, { rel: 1e-6 }, 'excess ratio');
        assertClose(hi / lo, r.maxmin, { rel: 1e-9 }, 'reported max/min');
      },
    ),
    { numRuns: 400, seed: 2 },
  );
  // Hand-checked case (the thesis's 10-D archetypes): aspect_ref 1.5, aspect_maxmin 3 gives
  // δ = (−4 + √31)/2 = 0.78388, extremes 1 + δ/3 = 1.26129 and 1 + δ = 1.78388.
  const e = aspectExtremes(1.5, 3);
  assertClose(e.min, 1 + (Math.sqrt(31) - 4) / 6, { rel: 1e-14 }, 'min');
  assertClose(e.max, 1 + (Math.sqrt(31) - 4) / 2, { rel: 1e-14 }, 'max');
});

test('axis lengths: geometric mean = radius, longest/shortest = aspect ratio; radii: geometric mean = scale, max/min = radius_maxmin', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 120 }),
      fc.double({ min: 0.01, max: 100, noNaN: true }),
      fc.double({ min: 1, max: 30, noNaN: true }),
      fc.integer(),
      (p, radius, aspect, seed) => {
        const l = sampleAxisLengths(new Rng(seed), p, radius, aspect);
        assertClose(geoMean(l), radius, { rel: 1e-12 }, 'geometric mean length');
        assertClose(Math.max(...l) / Math.min(...l), aspect, { rel: 1e-12 }, 'aspect');
        const radii = sampleClusterRadii(new Rng(seed), Math.min(p, 30), radius, aspect);
        assertClose(geoMean(radii), radius, { rel: 1e-12 }, 'geometric mean radius');
        if (radii.length > 1)
          assertClose(Math.max(...radii) / Math.min(...radii), aspect, { rel: 1e-12 }, 'radius max/min');
      },
    ),
    { numRuns: 300, seed: 3 },
  );
});

test('maxMinSample: extremes, exact mean, and a clear error when infeasible', () => {
  const xs = maxMinSample(new Rng(1), 9, -1, 3, 0.5);
  assert.equal(Math.min(...xs), -1);
  assert.equal(Math.max(...xs), 3);
  assertClose(xs.reduce((s, x) => s + x, 0) / 9, 0.5, { abs: 1e-14 }, 'mean');
  assert.throws(() => maxMinSample(new Rng(1), 3, 0, 1, 2), /outside/);
  assert.throws(() => maxMinSample(new Rng(1), 2, 0, 1, 0.2), /cannot have mean/);
});
