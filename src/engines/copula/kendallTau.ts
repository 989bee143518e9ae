/**
 * Kendall's rank correlation τ_b = (C − D) / √((n₀ − n₁)(n₀ − n₂)) with tie corrections (n₁, n₂:
 * pairs tied in x, in y), by direct pair counting in O(n²) — about 1 ms for n = 1,500. Returns null
 * when it is undefined (n < 2 or one variable constant). Thesis eq. 2.10 turns it into the Gumbel θ.
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = Math.min(x.length, y.length);
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    for (let j = i + 1; j < n; j++) {
      const dx = x[j] - xi;
      const dy = y[j] - yi;
      if (dx === 0) {
        tiesX++;
        if (dy === 0) tiesY++;
        continue;
      }
      if (dy === 0) {
        tiesY++;
        continue;
      }
      if (dx > 0 === dy > 0) concordant++;
      else discordant++;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denom = Math.sqrt((n0 - tiesX) * (n0 - tiesY));
  return denom > 0 ? (concordant - discordant) / denom : null;
}
