/**
 * Number formatting shared by the host (tree items, tooltips) and the webviews (tables, axes), so
 * a figure reads the same everywhere. Pure; `null` (not defined) shows as an em dash.
 */
export const DASH = '—';

/** Accuracy and other proportions: three decimals, as in the reference values (0.852). */
export function formatShare(x: number | null): string {
  return x === null || !Number.isFinite(x) ? DASH : x.toFixed(3);
}

/** Dollars with three significant digits, never in exponent form above a millionth: $0.000574. */
export function formatUsd(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return DASH;
  if (x === 0) return '$0';
  if (Math.abs(x) >= 1) return `$${x.toFixed(2)}`;
  const s = Number(x.toPrecision(3)).toString();
  return `$${s}`;
}

/** Seconds with three significant digits. */
export function formatSeconds(x: number | null): string {
  return x === null || !Number.isFinite(x) ? DASH : `${Number(x.toPrecision(3))} s`;
}

/** A mean count (tokens): one decimal below 100, whole numbers above. */
export function formatCount(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return DASH;
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : Number(x.toFixed(1)).toString();
}

/** "1 line" / "3 lines" / "2 queries" (consonant + y -> ies); other irregular plurals given: plural(2, 'child', 'children'). */
export const plural = (
  n: number,
  word: string,
  many = /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`,
): string => `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;

/** A file size: "812 B", "4.2 KB", "5.2 MB", "1.3 GB" (powers of 1,024; two significant digits from KB up). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return DASH;
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let u = 0;
  let x = n;
  while (x >= 1024 && u < units.length - 1) {
    x /= 1024;
    u++;
  }
  return u === 0 ? `${x} B` : `${x >= 100 ? Math.round(x) : Number(x.toPrecision(2))} ${units[u]}`;
}

/** The sign of a difference: "+", "−" (a minus sign, not a hyphen) or nothing for 0. */
const sign = (x: number): string => (x > 0 ? '+' : x < 0 ? '−' : '');

/** A difference of proportions (A − B), signed: "+0.012", "−0.034". */
export function formatSignedShare(x: number | null): string {
  return x === null || !Number.isFinite(x) ? DASH : `${sign(x)}${Math.abs(x).toFixed(3)}`;
}

/** A difference in dollars (A − B), signed: "+$0.000123", "−$1.20". */
export function formatSignedUsd(x: number | null): string {
  return x === null || !Number.isFinite(x) ? DASH : `${sign(x)}${formatUsd(Math.abs(x))}`;
}

/** A difference in seconds (A − B), signed: "+0.12 s". */
export function formatSignedSeconds(x: number | null): string {
  return x === null || !Number.isFinite(x) ? DASH : `${sign(x)}${formatSeconds(Math.abs(x))}`;
}

/** A p-value with two significant digits; below 0.0001 as "< 0.0001". */
export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return DASH;
  return p < 1e-4 ? '< 0.0001' : Number(p.toPrecision(2)).toString();
}

/** A plain number with at most four significant digits (data tables of charts): 0.1484, 5.74e-7, 1234. */
export function formatSignificant(x: number | null): string {
  return x === null || !Number.isFinite(x) ? DASH : Number(x.toPrecision(4)).toString();
}
