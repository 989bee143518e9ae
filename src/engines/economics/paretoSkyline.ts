/**
 * Indices of the points no other point Pareto-dominates (eq. 3.2–3.3), every coordinate to be
 * minimised: p dominates q when p ≤ q in all coordinates and p < q in one. Exact duplicates keep
 * the first. Points with a non-finite coordinate are never in the set. O(n²·d), fine for the few
 * hundred operating points of a candidate set; the 2-D frontier is numeric/paretoFrontier.
 */
export function paretoSkyline(points: readonly (readonly number[])[]): number[] {
  const ok = points.map((p) => p.every(Number.isFinite));
  const out: number[] = [];
  for (let i = 0; i < points.length; i++) {
    if (!ok[i]) continue;
    let dominated = false;
    for (let j = 0; j < points.length && !dominated; j++) {
      if (j === i || !ok[j]) continue;
      let le = true;
      let lt = false;
      for (let d = 0; d < points[i].length; d++) {
        if (points[j][d] > points[i][d]) {
          le = false;
          break;
        }
        if (points[j][d] < points[i][d]) lt = true;
      }
      // A strictly better point dominates; an identical earlier point makes this one a duplicate.
      if (le && (lt || j < i)) dominated = true;
    }
    if (!dominated) out.push(i);
  }
  return out;
}
