import { contingency } from './contingency';

const c2 = (x: number) => (x * (x - 1)) / 2;

/**
 * Adjusted Rand index (Hubert & Arabie, J. Classification 2, 1985): 1 for identical partitions,
 * about 0 for independent ones. Two trivial partitions (one cluster each, or all singletons) give 1.
 */
export function adjustedRandIndex(truth: ArrayLike<number>, pred: ArrayLike<number>): number {
  const { table, rows, cols, n } = contingency(truth, pred);
  let index = 0;
  for (const r of table) for (const x of r) index += c2(x);
  const sa = rows.reduce((s, x) => s + c2(x), 0);
  const sb = cols.reduce((s, x) => s + c2(x), 0);
  const expected = (sa * sb) / c2(n);
  const max = (sa + sb) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
