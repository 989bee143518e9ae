import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clampTransformed,
  finiteRange,
  transformConfidence,
} from '../../../src/engines/calibration/confidenceTransform';
import { assertClose } from '../../helpers/assertClose';

test('eq. 2.16 keeps full precision near p = 1 (computed from the log-probability)', () => {
  // p = 1 − 1e-12 ⇒ log p ≈ −1e-12 and ξ = −log(1 − p) = −log(1e-12) = 27.631021115928547.
  // Computing 1 − exp(log p) directly would lose ~4 digits (1 − 0.999999999999 in doubles).
  // Tolerance 1e-12 relative: expm1 is exact to 1 ulp at this argument.
  assertClose(
    transformConfidence({ logprob: -1e-12, confidence: null }, 'multiple_choice'),
    -Math.log(1e-12),
    { rel: 1e-12 },
    'ξ near 1',
  );
  // Exact values: p = ½ ⇒ log 2; p = 1 ⇒ +∞; p = 0 ⇒ 0.
  assertClose(
    transformConfidence({ logprob: Math.log(0.5), confidence: null }, 'multiple_choice'),
    Math.LN2,
    { rel: 1e-15 },
    'ξ(½)',
  );
  assert.equal(transformConfidence({ logprob: 0, confidence: null }, 'multiple_choice'), Infinity);
  assert.equal(transformConfidence({ logprob: -Infinity, confidence: null }, 'multiple_choice'), 0);
  // The probability-only path agrees with the log path (1e-12 relative: one rounding of p).
  assertClose(
    transformConfidence({ logprob: null, confidence: 0.9 }, 'multiple_choice'),
    -Math.log(0.1),
    { rel: 1e-12 },
    'ξ(0.9) from p',
  );
});

test('eq. 2.17 (signed form) is continuous at ½, increasing, and ±∞ at certainty', () => {
  const xi = (p: number): number => transformConfidence({ logprob: Math.log(p), confidence: p }, 'generation');
  assertClose(xi(0.5), 0, { abs: 1e-15 }, 'ξ(½)');
  const ps = [1e-9, 0.01, 0.2, 0.49, 0.5, 0.51, 0.8, 0.99, 1 - 1e-9];
  for (let i = 1; i < ps.length; i++) assert.ok(xi(ps[i]) > xi(ps[i - 1]), `ξ increasing at ${ps[i]}`);
  // Below ½: log p + log 2 (exact); above: −log(1 − p) − log 2.
  assertClose(xi(0.25), Math.log(0.5), { rel: 1e-14 }, 'ξ(¼)');
  assertClose(xi(0.75), Math.log(4) - Math.LN2, { rel: 1e-12 }, 'ξ(¾)');
  assert.equal(transformConfidence({ logprob: -Infinity, confidence: 0 }, 'generation'), -Infinity);
  assert.equal(transformConfidence({ logprob: 0, confidence: 1 }, 'generation'), Infinity);
});

test('eq. 2.18: infinities are clamped to the largest / smallest finite training value', () => {
  const r = finiteRange([Infinity, 3, -Infinity, 1, 2])!;
  assert.deepEqual(r, { min: 1, max: 3 });
  assert.equal(clampTransformed(Infinity, r), 3);
  assert.equal(clampTransformed(-Infinity, r), 1);
  assert.equal(clampTransformed(2.5, r), 2.5);
  assert.equal(finiteRange([Infinity, -Infinity]), null);
});
