/** Contingency table of two labelings (labels mapped to 0..r−1 and 0..c−1 in order of appearance). */
export interface Contingency {
  table: number[][];
  rows: number[];
  cols: number[];
  n: number;
}

export function contingency(a: ArrayLike<number>, b: ArrayLike<number>): Contingency {
  if (a.length !== b.length) throw new Error(`labelings differ in length: ${a.length} vs ${b.length}`);
  const ia = new Map<number, number>();
  const ib = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if (!ia.has(a[i])) ia.set(a[i], ia.size);
    if (!ib.has(b[i])) ib.set(b[i], ib.size);
  }
  const table = Array.from({ length: ia.size }, () => new Array<number>(ib.size).fill(0));
  for (let i = 0; i < a.length; i++) table[ia.get(a[i])!][ib.get(b[i])!]++;
  return {
    table,
    rows: table.map((r) => r.reduce((s, x) => s + x, 0)),
    cols: Array.from({ length: ib.size }, (_, j) => table.reduce((s, r) => s + r[j], 0)),
    n: a.length,
  };
}
