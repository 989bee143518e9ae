import { logGamma } from '../numeric/logGamma';
import { contingency } from './contingency';

const entropy = (counts: number[], n: number) =>
  -counts.reduce((s, c) => (c > 0 ? s + (c / n) * Math.log(c / n) : s), 0);

/**
 * Adjusted mutual information with arithmetic-mean normalisation (Vinh, Epps & Bailey, JMLR 11,
 * 2010, eq. 24 with the exact expected MI of eq. 24a under the hypergeometric model; scikit-learn's
 * default). 1 for identical partitions, about 0 for independent ones.
 */
export function adjustedMutualInformation(truth: ArrayLike<number>, pred: ArrayLike<number>): number {
  const { table, rows, cols, n } = contingency(truth, pred);
  if ((rows.length === 1 && cols.length === 1) || (rows.length === n && cols.length === n)) return 1;
  let mi = 0;
  for (let i = 0; i < rows.length; i++)
    for (let j = 0; j < cols.length; j++) {
      const nij = table[i][j];
      if (nij > 0) mi += (nij / n) * Math.log((n * nij) / (rows[i] * cols[j]));
    }
  const lgN = logGamma(n + 1);
  let emi = 0;
  for (const a of rows)
    for (const b of cols) {
      const lo = Math.max(1, a + b - n);
      const hi = Math.min(a, b);
      const fixed = logGamma(a + 1) + logGamma(b + 1) + logGamma(n - a + 1) + logGamma(n - b + 1) - lgN;
      for (let nij = lo; nij <= hi; nij++) {
        const term = (nij / n) * Math.log((n * nij) / (a * b));
        const logP =
          fixed - logGamma(nij + 1) - logGamma(a - nij + 1) - logGamma(b - nij + 1) - logGamma(n - a - b + nij + 1);
        emi += term * Math.exp(logP);
      }
    }
  const mean = (entropy(rows, n) + entropy(cols, n)) / 2;
  const denom = mean - emi;
  if (Math.abs(denom) < 1e-15) return mi - emi >= 0 ? 1 : 0;
  return (mi - emi) / denom;
}
