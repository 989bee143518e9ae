import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedCalibrationError } from '../../../src/engines/calibration/expectedCalibrationError';
import { assertClose } from '../../helpers/assertClose';

test('quantile-binned ECE: hand-computed example', () => {
  // 4 points, 2 bins of 2: bin 1 = {0.1 (wrong), 0.3 (right)} → |0.2 − 0.5| = 0.3;
  // bin 2 = {0.6 (right), 0.9 (right)} → |0.75 − 1| = 0.25; ECE = ½·0.3 + ½·0.25 = 0.275.
  const r = expectedCalibrationError([0.9, 0.1, 0.6, 0.3], [1, 0, 1, 1], 2);
  assertClose(r.ece!, 0.275, { abs: 1e-15 }, 'ECE');
  assert.deepEqual(
    r.bins.map((b) => b.count),
    [2, 2],
  );
  assert.equal(expectedCalibrationError([], [], 10).ece, null);
});

test('quantile-binned ECE: tied confidences share a bin (decile edges, as the thesis computes them)', () => {
  // Five answers, 2 bins: edges are the 0, ½ and 1 quantiles = 0.5, 0.5, 0.9 (nudged up). Bin 1 =
  // [0.5, 0.5) is empty; bin 2 holds all five: mean confidence (4·0.5 + 0.9)/5 = 0.58, accuracy
  // 3/5 = 0.6, so ECE = 0.02. Equal-count bins would have split the four ties 2 + 2 instead.
  const r = expectedCalibrationError([0.5, 0.5, 0.9, 0.5, 0.5], [1, 0, 1, 1, 0], 2);
  assertClose(r.ece!, 0.02, { abs: 1e-15 }, 'ECE');
  assert.deepEqual(
    r.bins.map((b) => b.count),
    [5],
  );
  // n < bins: every distinct value is a bin of its own (edges interpolate between the values).
  const small = expectedCalibrationError([0.2, 0.8, 0.6], [0, 1, 0], 10);
  assert.deepEqual(
    small.bins.map((b) => b.count),
    [1, 1, 1],
  );
  assertClose(small.ece!, (0.2 + 0.6 + 0.2) / 3, { abs: 1e-15 }, 'ECE of singletons');
});
