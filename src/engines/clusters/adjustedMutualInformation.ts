import { contingency } from './contingency';

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), ~1e-15 relative for x > 0.
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

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
