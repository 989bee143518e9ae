/** A point to compare: `x` is a cost (lower is better), `y` a benefit (higher is better). */
export interface ParetoPoint {
  x: number;
  y: number;
}

/**
 * Indices of the Pareto-optimal points (no other point is at least as cheap and at least as good,
 * and strictly better in one), ordered by increasing `x` (hence increasing `y`). This is the
 * "efficient frontier" of accuracy against cost drawn in the thesis' cost-accuracy plots (ch. 2-3):
 * a configuration off the frontier is beaten on both axes by one on it.
 *
 * Sort by x ascending (ties: y descending), then sweep keeping each point whose y beats every
 * cheaper point's: O(n log n). Exact duplicates keep the first index only. Points with a
 * non-finite coordinate (NaN, ±Infinity) are never on the frontier.
 *
 * @example paretoFrontier([{ x: 1, y: 0.5 }, { x: 2, y: 0.4 }, { x: 3, y: 0.9 }]) // [0, 2]
 */
export function paretoFrontier(points: readonly ParetoPoint[]): number[] {
  const order: number[] = [];
  for (let i = 0; i < points.length; i++)
    if (Number.isFinite(points[i].x) && Number.isFinite(points[i].y)) order.push(i);
  order.sort((a, b) => points[a].x - points[b].x || points[b].y - points[a].y || a - b);
  const out: number[] = [];
  let bestY = -Infinity;
  for (const i of order) {
    if (points[i].y > bestY) {
      out.push(i);
      bestY = points[i].y;
    }
  }
  return out;
}
