import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { paretoFrontier, type ParetoPoint } from '../../../src/engines/numeric/paretoFrontier';

const dominates = (a: ParetoPoint, b: ParetoPoint): boolean => a.x <= b.x && a.y >= b.y && (a.x < b.x || a.y > b.y);

test('paretoFrontier: hand-checked cases', () => {
  assert.deepEqual(paretoFrontier([]), []);
  assert.deepEqual(paretoFrontier([{ x: 1, y: 0.5 }]), [0]);
  // (2, 0.4) is beaten by (1, 0.5) on both axes; (3, 0.9) is dearer but better.
  assert.deepEqual(
    paretoFrontier([
      { x: 1, y: 0.5 },
      { x: 2, y: 0.4 },
      { x: 3, y: 0.9 },
    ]),
    [0, 2],
  );
  // Returned in order of cost, whatever the input order.
  assert.deepEqual(
    paretoFrontier([
      { x: 3, y: 0.9 },
      { x: 1, y: 0.5 },
    ]),
    [1, 0],
  );
  // Same cost: only the more accurate one. Same accuracy: only the cheaper one.
  assert.deepEqual(
    paretoFrontier([
      { x: 1, y: 0.5 },
      { x: 1, y: 0.6 },
    ]),
    [1],
  );
  assert.deepEqual(
    paretoFrontier([
      { x: 2, y: 0.6 },
      { x: 1, y: 0.6 },
    ]),
    [1],
  );
  // Exact duplicates: the first index only.
  assert.deepEqual(
    paretoFrontier([
      { x: 1, y: 0.5 },
      { x: 1, y: 0.5 },
    ]),
    [0],
  );
  // Non-finite coordinates never make the frontier.
  assert.deepEqual(
    paretoFrontier([
      { x: Number.NaN, y: 1 },
      { x: 1, y: Infinity },
      { x: 2, y: 0.1 },
    ]),
    [2],
  );
});

test('paretoFrontier: frontier points are undominated, every other point is dominated by one', () => {
  const pt = fc.record({ x: fc.integer({ min: 0, max: 20 }), y: fc.integer({ min: 0, max: 20 }) });
  fc.assert(
    fc.property(fc.array(pt, { maxLength: 40 }), (points) => {
      const front = paretoFrontier(points);
      const onFront = new Set(front);
      for (const i of front)
        for (const p of points) assert.ok(!dominates(p, points[i]), `frontier point ${i} is dominated`);
      for (let i = 0; i < points.length; i++) {
        if (onFront.has(i)) continue;
        assert.ok(
          front.some(
            (j) => dominates(points[j], points[i]) || (points[j].x === points[i].x && points[j].y === points[i].y),
          ),
          `point ${i} is neither on the frontier nor dominated`,
        );
      }
      for (let k = 1; k < front.length; k++)
        assert.ok(points[front[k]].x > points[front[k - 1]].x && points[front[k]].y > points[front[k - 1]].y);
    }),
  );
});
