import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { boundedLbfgs } from '../../../src/engines/numeric/boundedLbfgs';
import { paretoFrontier } from '../../../src/engines/numeric/paretoFrontier';
import { paretoFrontierArrays } from '../../../src/engines/numeric/paretoFrontierArrays';
import { assertClose } from '../../helpers/assertClose';

test('bounded L-BFGS: interior minimum of Rosenbrock, and a minimum pinned at a bound', () => {
  const rosen = (x: Float64Array): number => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
  const r = boundedLbfgs({ f: rosen, x0: [-1.2, 1], lo: [-2, -2], hi: [2, 2], maxIterations: 500, gradTol: 1e-8 });
  // Finite-difference gradients limit the attainable accuracy to ~1e-5 in x.
  assertClose(r.x[0], 1, { abs: 1e-4 }, 'x0');
  assertClose(r.x[1], 1, { abs: 2e-4 }, 'x1');
  // (x − 3)² + (y + 1)² on [0, 2] × [0, 2]: the box-constrained minimum is (2, 0), exactly on the bounds.
  const q = boundedLbfgs({
    f: (x) => (x[0] - 3) ** 2 + (x[1] + 1) ** 2,
    fg: (x, g) => ((g[0] = 2 * (x[0] - 3)), (g[1] = 2 * (x[1] + 1)), (x[0] - 3) ** 2 + (x[1] + 1) ** 2),
    x0: [1, 1],
    lo: [0, 0],
    hi: [2, 2],
  });
  assert.equal(q.x[0], 2);
  assert.equal(q.x[1], 0);
  assert.ok(q.converged);
});

test('paretoFrontierArrays returns exactly what paretoFrontier returns', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })), { maxLength: 200 }),
      (pts) => {
        const x = Float64Array.from(pts, (p) => p[0]);
        const y = Float64Array.from(pts, (p) => p[1]);
        assert.deepEqual(paretoFrontierArrays(x, y), paretoFrontier(pts.map((p) => ({ x: p[0], y: p[1] }))));
      },
    ),
  );
});
