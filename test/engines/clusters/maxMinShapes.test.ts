import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rng } from '../../../src/engines/numeric/rng';
import { sampleGroupSizes } from '../../../src/engines/clusters/sampleGroupSizes';
import { sampleAspectRatios } from '../../../src/engines/clusters/sampleAspectRatios';
import { sampleAxisLengths } from '../../../src/engines/clusters/sampleAxisLengths';
import { sampleClusterRadii } from '../../../src/engines/clusters/sampleClusterRadii';
import { maxMinSample } from '../../../src/engines/clusters/maxMinSample';
import { assertClose } from '../../helpers/assertClose';

const geoMean = (xs: ArrayLike<number>) => Math.exp(Array.from(xs).reduce((s, x) => s + Math.log(x), 0) / xs.length);

test('group sizes sum to n_samples with max/min = imbalance_ratio up to rounding (acceptance)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 200 }), fc.double({ min: 1, max: 20, noNaN: true }), fc.integer(), (k, perCluster, ratio, seed) => {
      const n = k * perCluster + (seed & 7);
      if ((2 * n) / k / (1 + ratio) < 1) return; // infeasible: validation rejects it
      const sizes = sampleGroupSizes(new Rng(seed), k, n, ratio);
      assert.equal(sizes.reduce((s, x) => s + x, 0), n);
      assert.ok(sizes.every((s) => s >= 1));
      if (k === 1) return;
      const mx = Math.max(...sizes);
      const mn = Math.min(...sizes);
      // Largest-remainder rounding moves each of the two extremes by less than one point, so
      // |max − ratio·min| < 1 + ratio.
      assert.ok(Math.abs(mx - ratio * mn) < 1 + ratio, `sizes ${sizes} max/min ${mx / mn} vs ${ratio}`);
    }),
    { numRuns: 400, seed: 1 },
  );
});

test('geometric mean of aspect ratios equals aspect_ref; max/min equals aspect_maxmin when reachable (acceptance)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 1, max: 10, noNaN: true }), fc.double({ min: 1, max: 10, noNaN: true }), fc.integer(), (k, ref, maxmin, seed) => {
      const r = sampleAspectRatios(new Rng(seed), k, ref, maxmin);
      assertClose(geoMean(r.values), ref, { rel: 1e-12 }, 'geometric mean of aspect ratios');
      assert.ok(r.values.every((v) => v >= 1 - 1e-12), 'aspect ratios >= 1');
      if (k === 1) return;
      const ratio = Math.max(...r.values) / Math.min(...r.values);
      assertClose(ratio, r.maxmin, { rel: 1e-9 }, 'max/min aspect');
      const reachable = Math.log(maxmin) <= Math.max(2 * Math.log(ref), (k === 2 ? 2 : k) * Math.log(ref)) + 1e-12;
      if (reachable) assertClose(r.maxmin, maxmin, { rel: 1e-9 }, 'asked spread kept');
      else assert.ok(r.warnings.length === 1 && r.maxmin < maxmin, 'unreachable spread reduced with a warning');
    }),
    { numRuns: 400, seed: 2 },
  );
});

test('axis lengths: geometric mean = radius, longest/shortest = aspect ratio; radii: geometric mean = scale, max/min = radius_maxmin', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 120 }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 1, max: 30, noNaN: true }), fc.integer(), (p, radius, aspect, seed) => {
      const l = sampleAxisLengths(new Rng(seed), p, radius, aspect);
      assertClose(geoMean(l), radius, { rel: 1e-12 }, 'geometric mean length');
      assertClose(Math.max(...l) / Math.min(...l), aspect, { rel: 1e-12 }, 'aspect');
      const radii = sampleClusterRadii(new Rng(seed), Math.min(p, 30), radius, aspect);
      assertClose(geoMean(radii), radius, { rel: 1e-12 }, 'geometric mean radius');
      if (radii.length > 1) assertClose(Math.max(...radii) / Math.min(...radii), aspect, { rel: 1e-12 }, 'radius max/min');
    }),
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
