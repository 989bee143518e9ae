/** P(Bin(n, p) ≤ k) by direct summation of the pmf in log space (pmf ratio recursion; no gamma or beta functions). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n || p <= 0) return 1;
  if (p >= 1) return 0;
  const logRatio = Math.log(p) - Math.log1p(-p);
  let logPmf = n * Math.log1p(-p);
  const terms = [logPmf];
  for (let i = 0; i < k; i++) {
    logPmf += Math.log((n - i) / (i + 1)) + logRatio;
    terms.push(logPmf);
  }
  const top = Math.max(...terms);
  return Math.exp(top) * terms.reduce((s, t) => s + Math.exp(t - top), 0);
}

/**
 * The smallest c with P(Bin(n, p) > c) ≤ tail: a count of "violations" above c is evidence at level
 * `tail` that the true violation probability exceeds p.
 */
export function binomialUpperLimit(n: number, p: number, tail: number): number {
  let c = 0;
  while (1 - binomialCdf(c, n, p) > tail) c++;
  return c;
}
