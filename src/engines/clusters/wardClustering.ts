/**
 * Agglomerative clustering with Ward's minimum-variance linkage, cut at k clusters. Nearest-neighbour
 * chain algorithm (Murtagh, Comput. J. 26, 1983) on the condensed matrix of squared Euclidean
 * distances with the Lance–Williams update for Ward; O(n²) time and memory, so n is capped.
 */
export const WARD_MAX_POINTS = 6000;

export function wardClustering(X: Float64Array, p: number, k: number): Int32Array {
  const n = X.length / p;
  if (n > WARD_MAX_POINTS)
    throw new Error(`Ward clustering needs O(n²) memory: ${n} points exceeds the limit of ${WARD_MAX_POINTS}`);
  const idx = (i: number, j: number) =>
    i < j ? i * n - (i * (i + 1)) / 2 + j - i - 1 : j * n - (j * (j + 1)) / 2 + i - j - 1;
  const D = new Float64Array((n * (n - 1)) / 2);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let d = 0; d < p; d++) {
        const t = X[i * p + d] - X[j * p + d];
        s += t * t;
      }
      D[idx(i, j)] = s;
    }
  const size = new Int32Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const merges: [number, number, number][] = []; // (kept, absorbed, height)
  const chain: number[] = [];
  let remaining = n;
  while (remaining > 1) {
    if (!chain.length) {
      let s = 0;
      while (!active[s]) s++;
      chain.push(s);
    }
    const a = chain[chain.length - 1];
    const prev = chain.length > 1 ? chain[chain.length - 2] : -1;
    let b = -1;
    let bd = Infinity;
    for (let j = 0; j < n; j++) {
      if (!active[j] || j === a) continue;
      const d = D[idx(a, j)];
      if (d < bd || (d === bd && j === prev)) {
        bd = d;
        b = j;
      }
    }
    if (b === prev) {
      chain.pop();
      chain.pop();
      // merge b into a (Lance–Williams for Ward on squared distances)
      const na = size[a];
      const nb = size[b];
      for (let j = 0; j < n; j++) {
        if (!active[j] || j === a || j === b) continue;
        const nj = size[j];
        D[idx(a, j)] = ((na + nj) * D[idx(a, j)] + (nb + nj) * D[idx(b, j)] - nj * bd) / (na + nb + nj);
      }
      size[a] = na + nb;
      active[b] = 0;
      merges.push([a, b, bd]);
      remaining--;
    } else chain.push(b);
  }
  // cut: undo the k−1 highest merges (NN-chain finds merges out of order: sort by height)
  merges.sort((x, y) => x[2] - y[2]);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let m = 0; m < n - k; m++) {
    const [a, b] = merges[m];
    parent[find(b)] = find(a);
  }
  const labelOf = new Map<number, number>();
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (!labelOf.has(r)) labelOf.set(r, labelOf.size);
    labels[i] = labelOf.get(r)!;
  }
  return labels;
}
