/**
 * Dot products of one row of a with rows of b (p×p, row-major, from offset rb):
 * out[at + c·step] = Σ_k a[ra + k]·b[rb + c·p + k] for c = from … to − 1, each sum from 0 over
 * k = k0 … p − 1 in that order. Four rows of b at a time: the four sums overlap in the CPU and every
 * read is contiguous. The kernel of the cluster generator's matrix products (clusterCovariance.ts,
 * separationField.ts, cholesky.ts): a product a·b of row-major matrices is this with b's columns
 * stored as rows (b transposed, or b itself when it is symmetric), the same doubles as summing over a
 * column in the same order, 2–3× faster at p = 100 (2026-12-06); a matrix times a vector x is this
 * with x as the row of a.
 */
export function rowDots(
  a: Float64Array,
  ra: number,
  b: Float64Array,
  rb: number,
  p: number,
  from: number,
  to: number,
  k0: number,
  out: Float64Array,
  at: number,
  step: number,
): void {
  let c = from;
  for (; c + 3 < to; c += 4) {
    const r0 = rb + c * p;
    const r1 = r0 + p;
    const r2 = r1 + p;
    const r3 = r2 + p;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = k0; k < p; k++) {
      const x = a[ra + k];
      s0 += x * b[r0 + k];
      s1 += x * b[r1 + k];
      s2 += x * b[r2 + k];
      s3 += x * b[r3 + k];
    }
    out[at + c * step] = s0;
    out[at + (c + 1) * step] = s1;
    out[at + (c + 2) * step] = s2;
    out[at + (c + 3) * step] = s3;
  }
  for (; c < to; c++) {
    let s = 0;
    for (let k = k0; k < p; k++) s += a[ra + k] * b[rb + c * p + k];
    out[at + c * step] = s;
  }
}
