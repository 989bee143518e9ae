/**
 * Digamma ψ(x) = d/dx log Γ(x) and trigamma ψ'(x) for x > 0: shift x above 6 with the recurrences
 * ψ(x) = ψ(x+1) − 1/x and ψ'(x) = ψ'(x+1) + 1/x², then the asymptotic (Bernoulli) series
 * (Abramowitz & Stegun 6.3.18 and 6.4.12). Absolute error below 1e-12 for x ≥ 1e-6. Used by the
 * weighted maximum-likelihood beta fit of the marginal mixture (thesis eq. 2.8).
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let acc = 0;
  while (x < 6) {
    acc -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  const series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132)))));
  return acc + Math.log(x) - 0.5 / x - series;
}

/** Trigamma ψ'(x) for x > 0 (see {@link digamma}). */
export function trigamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let acc = 0;
  while (x < 6) {
    acc += 1 / (x * x);
    x += 1;
  }
  const f = 1 / (x * x);
  const series = (1 / x) * (1 + 1 / (2 * x) + f * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f * (1 / 30)))));
  return acc + series;
}
