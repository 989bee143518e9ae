/**
 * ∫ (F_n − F)² dF over the part of the line where F is continuous and increasing from F(a) to
 * F(b): the empirical CDF F_n of the ascending `sorted` sample is a step function, and on each step
 * (value c) the integral is ((F(right) − c)³ − (F(left) − c)³) / 3 (substitute y = F(x)). `cdf`
 * must be continuous on [a, b); `atB` is its left limit at b.
 */
export function cvmContinuousPart(
  sorted: ArrayLike<number>,
  cdf: (x: number) => number,
  a: number,
  b: number,
  atA: number,
  atB: number,
): number {
  const n = sorted.length;
  let i = 0;
  while (i < n && sorted[i] <= a) i++;
  let left = atA;
  let total = 0;
  while (true) {
    const c = i / n;
    const next = i < n && sorted[i] < b ? sorted[i] : b;
    const right = next >= b ? atB : cdf(next);
    total += ((right - c) ** 3 - (left - c) ** 3) / 3;
    if (next >= b) break;
    left = right;
    while (i < n && sorted[i] <= next) i++;
  }
  return total;
}
