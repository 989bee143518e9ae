/**
 * Brute-force k nearest neighbours of every row (Euclidean, the point itself excluded), O(n²·p) time
 * and O(n·k) memory: for the spectral k-NN graph and HDBSCAN's core distances. Ties go to the lower
 * index, so the result is deterministic.
 */
export interface Neighbours {
  k: number;
  /** Row i's neighbours are index[i*k .. i*k+k−1], nearest first. */
  index: Int32Array;
  /** Their squared distances, ascending per row. */
  sqDist: Float64Array;
}

export function nearestNeighbours(X: Float64Array, p: number, k: number, signal?: AbortSignal): Neighbours {
  const n = X.length / p;
  if (!Number.isInteger(k) || k < 1 || k > n - 1)
    throw new RangeError(`nearestNeighbours: k = ${k} must be in 1..${n - 1}`);
  const index = new Int32Array(n * k);
  const sq = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    if (i % 64 === 0 && signal?.aborted) throw signal.reason ?? new Error('aborted');
    const o = i * k;
    let filled = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let d = 0;
      for (let t = 0; t < p; t++) {
        const u = X[i * p + t] - X[j * p + t];
        d += u * u;
      }
      if (filled === k && d >= sq[o + k - 1]) continue;
      // insertion into the sorted row (strict < keeps earlier indices first among ties)
      let at = filled < k ? filled++ : k - 1;
      while (at > 0 && d < sq[o + at - 1]) {
        sq[o + at] = sq[o + at - 1];
        index[o + at] = index[o + at - 1];
        at--;
      }
      sq[o + at] = d;
      index[o + at] = j;
    }
  }
  return { k, index, sqDist: sq };
}
