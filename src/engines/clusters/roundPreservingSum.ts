/**
 * Rounds non-negative reals to integers that sum to `total` (largest-remainder / Hamilton method), each
 * at least `min`; every value moves by less than one unless `min` forces it up.
 */
export function roundPreservingSum(xs: ArrayLike<number>, total: number, min = 0): Int32Array {
  const n = xs.length;
  const out = new Int32Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.max(min, Math.floor(xs[i]));
    sum += out[i];
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => xs[b] - Math.floor(xs[b]) - (xs[a] - Math.floor(xs[a])) || a - b,
  );
  for (let r = 0; sum < total; r = (r + 1) % n) {
    out[order[r]]++;
    sum++;
  }
  // only reachable when `min` pushed values up: take from the largest
  while (sum > total) {
    let big = 0;
    for (let i = 1; i < n; i++) if (out[i] > out[big]) big = i;
    if (out[big] <= min) break;
    out[big]--;
    sum--;
  }
  return out;
}
