/**
 * Splits weighted items into consecutive bands of given total mass, from the least certain up.
 * Items with equal certainty are treated as one block that is shared between bands in proportion
 * to the overlap: this is the expected assignment when ties are broken uniformly at random, and it
 * makes every selective-prediction figure a continuous function of the rejection rate.
 *
 * `bandMasses` are the masses of the lower bands; the last band takes whatever is left; `order`
 * (from `ascendingOrder`) can be passed when the same certainties are banded many times. Returns
 * `share[b][i]`: the part of item i's weight that falls into band b (rows sum to the weights).
 */
export function massBands(
  certainty: ArrayLike<number>,
  weight: ArrayLike<number> | null,
  bandMasses: readonly number[],
  order: Uint32Array = ascendingOrder(certainty),
): Float64Array[] {
  const n = certainty.length;
  const bands = bandMasses.length + 1;
  const share = Array.from({ length: bands }, () => new Float64Array(n));
  // Upper edge of each band in cumulative mass (the last band is open).
  const upper = new Float64Array(bands);
  let edge = 0;
  for (let b = 0; b < bands - 1; b++) upper[b] = edge += Math.max(0, bandMasses[b]);
  upper[bands - 1] = Infinity;
  let b = 0;
  let cum = 0;
  let start = 0;
  while (start < n) {
    const c = certainty[order[start]];
    let end = start;
    let groupMass = 0;
    while (end < n && certainty[order[end]] === c) {
      groupMass += weight === null ? 1 : weight[order[end]];
      end++;
    }
    const lo = cum;
    const hi = cum + groupMass;
    if (groupMass > 0) {
      while (b < bands - 1 && upper[b] <= lo) b++;
      // The group may span several bands: hand each its overlap, in proportion to the members' weights.
      for (let k = b; k < bands; k++) {
        const bLo = k === 0 ? 0 : upper[k - 1];
        if (bLo >= hi) break;
        const overlap = Math.min(hi, upper[k]) - Math.max(lo, bLo);
        if (overlap <= 0) continue;
        const frac = Math.min(1, overlap / groupMass);
        const row = share[k];
        for (let j = start; j < end; j++) row[order[j]] = frac * (weight === null ? 1 : weight[order[j]]);
      }
    }
    cum = hi;
    start = end;
  }
  return share;
}

/** Indices sorted by ascending certainty (stable). */
export function ascendingOrder(certainty: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(certainty.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => certainty[a] - certainty[b] || a - b);
}
