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
export function massBands(certainty: ArrayLike<number>, weight: ArrayLike<number> | null, bandMasses: readonly number[], order: Uint32Array = ascendingOrder(certainty)): Float64Array[] {
  const n = certainty.length;
  const w = (i: number): number => (weight ? weight[i] : 1);
  const bands = bandMasses.length + 1;
  const share = Array.from({ length: bands }, () => new Float64Array(n));
  const edges = [0];
  for (const m of bandMasses) edges.push(edges[edges.length - 1] + Math.max(0, m));
  let start = 0;
  let cum = 0;
  while (start < n) {
    let end = start;
    let groupMass = 0;
    while (end < n && certainty[order[end]] === certainty[order[start]]) groupMass += w(order[end++]);
    const lo = cum;
    const hi = cum + groupMass;
    for (let b = 0; b < bands; b++) {
      const bLo = edges[b];
      const bHi = b + 1 < edges.length ? edges[b + 1] : Infinity;
      const overlap = Math.min(hi, bHi) - Math.max(lo, bLo);
      if (overlap <= 0 || groupMass <= 0) continue;
      const frac = Math.min(1, overlap / groupMass);
      for (let j = start; j < end; j++) share[b][order[j]] = frac * w(order[j]);
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
