import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorCostAuc, sharedCostInterval } from '../../../src/engines/tuning/errorCostAuc';
import { assertClose } from '../../helpers/assertClose';

test('AUC is the mean error over the interval of the linearly interpolated curve', () => {
  // error = 0.5 − x/4 on [0, 1] (points given out of order): mean over [0.2, 0.6] = 0.5 − 0.4/4 = 0.4.
  const pts = [
    { cost: 1, error: 0.25 },
    { cost: 0, error: 0.5 },
    { cost: 0.5, error: 0.375 },
  ];
  assertClose(errorCostAuc(pts, 0.2, 0.6)!, 0.4, { abs: 1e-15 }, 'linear curve');
  // A kink: (0, 1), (1, 0), (2, 0): mean over [0, 2] = (½ + 0)/2 = ¼.
  assertClose(
    errorCostAuc(
      [
        { cost: 0, error: 1 },
        { cost: 1, error: 0 },
        { cost: 2, error: 0 },
      ],
      0,
      2,
    )!,
    0.25,
    { abs: 1e-15 },
    'kinked curve',
  );
  // Equal costs are averaged.
  assertClose(
    errorCostAuc(
      [
        { cost: 0, error: 0.2 },
        { cost: 0, error: 0.4 },
        { cost: 1, error: 0.3 },
      ],
      0,
      1,
    )!,
    0.3,
    { abs: 1e-15 },
    'ties',
  );
  assert.equal(errorCostAuc([], 0, 1), null);
  assert.deepEqual(
    sharedCostInterval([
      pts,
      [
        { cost: 0.3, error: 0 },
        { cost: 2, error: 0 },
      ],
    ]),
    [0.3, 1],
  );
  assert.equal(
    sharedCostInterval([
      pts,
      [
        { cost: 2, error: 0 },
        { cost: 3, error: 0 },
      ],
    ]),
    null,
  );
});
