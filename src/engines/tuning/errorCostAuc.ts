/** A point of an error-vs-cost curve. */
export interface CurvePoint {
  cost: number;
  error: number;
}

/** Smallest and largest cost of a curve (null when empty). */
export function costRange(points: readonly CurvePoint[]): [number, number] | null {
  if (!points.length) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.cost);
    hi = Math.max(hi, p.cost);
  }
  return [lo, hi];
}

/** The cost interval all curves share: [max of minima, min of maxima]; null when empty or a point. */
export function sharedCostInterval(curves: readonly (readonly CurvePoint[])[]): [number, number] | null {
  let lo = -Infinity;
  let hi = Infinity;
  for (const c of curves) {
    const r = costRange(c);
    if (!r) return null;
    lo = Math.max(lo, r[0]);
    hi = Math.min(hi, r[1]);
  }
  return hi > lo ? [lo, hi] : null;
}

/**
 * Area under the error-vs-cost curve over [lo, hi] divided by hi − lo: the mean error rate over
 * that cost interval (docs/eval-log-format.md "How that number is computed"; thesis Fig. 2.5).
 * The curve is the points sorted by cost and joined linearly (points with equal cost are
 * averaged), extended linearly beyond its ends (as the thesis' interpolation does),
 * which only matters when [lo, hi] leaves the curve's own range. Null when the curve is empty or
 * the interval is empty.
 */
export function errorCostAuc(points: readonly CurvePoint[], lo: number, hi: number): number | null {
  if (!points.length || !(hi > lo)) return null;
  const sorted = [...points].sort((a, b) => a.cost - b.cost);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    let s = 0;
    while (j < sorted.length && sorted[j].cost === sorted[i].cost) s += sorted[j++].error;
    xs.push(sorted[i].cost);
    ys.push(s / (j - i));
    i = j;
  }
  if (xs.length === 1) return ys[0];
  const f = (x: number): number => {
    let a = 0;
    if (x <= xs[0]) a = 0;
    else if (x >= xs[xs.length - 1]) a = xs.length - 2;
    else {
      let l = 0;
      let h = xs.length - 1;
      while (h - l > 1) {
        const m = (l + h) >> 1;
        if (xs[m] <= x) l = m;
        else h = m;
      }
      a = l;
    }
    return ys[a] + ((ys[a + 1] - ys[a]) * (x - xs[a])) / (xs[a + 1] - xs[a]);
  };
  // Exact integral of the piecewise-linear function: break [lo, hi] at the knots inside it.
  const knots = [lo, ...xs.filter((x) => x > lo && x < hi), hi];
  let area = 0;
  for (let i = 0; i + 1 < knots.length; i++) area += 0.5 * (knots[i + 1] - knots[i]) * (f(knots[i]) + f(knots[i + 1]));
  return area / (hi - lo);
}
