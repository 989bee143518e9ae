/**
 * The one place numbers become text, shared by the host (tree items, tooltips), the webviews
 * (tables, axes, prose) and the CLI's text output, so a figure reads the same everywhere. Pure.
 *
 * Conventions:
 * - Not defined (`null`, NaN, ±Infinity) shows as an em dash, never as "NaN" or "Infinity".
 * - Money is in dollars, per query wherever it is a mean per query (the engines' unit): three
 *   significant digits below $1 ("$0.0000191"), cents from $1 ("$12.35", "$1"), whole dollars with
 *   thousands separators from $1,000 ("$10,000"); never in exponent form.
 * - Negative numbers carry a true minus sign (U+2212): "−$0.149"; a signed difference carries "+"
 *   or "−" and follows the same precision rules as the unsigned figure.
 * - The price of latency is shown per minute, the unit the user enters it in ("$0.50/min").
 * - A cascade is written "small → large"; a model with abstention "model + abstain".
 * - Two figures whose difference is numerical noise (relative 1e-9) are a tie.
 */
export const DASH = '—';
import { groupDigits } from '../shared/text/groupDigits';

/** The true minus sign used before every negative figure. */
export const MINUS = '−';

/** Unit of a mean dollar cost per query, for table headers and axis titles. */
export const USD_PER_QUERY = '$/query';

/** Unit of the price of latency as the user enters it and every table shows it. */
export const LATENCY_PRICE_UNIT = '$/min';

/** Relative difference below which two figures are numerical noise, i.e. a tie. */
export const TIE_TOLERANCE = 1e-9;

const defined = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);

/**
 * |x| (finite, > 0) with `sig` significant digits as a plain decimal, trailing zeros dropped:
 * 2.61e-9 → "0.00000000261". From 1e21 up, whole digits with separators.
 */
function plainSignificant(abs: number, sig: number): string {
  if (abs >= 1e21) return groupDigits(abs);
  const exponent = Number(abs.toExponential(sig - 1).split('e')[1]);
  const decimals = Math.min(100, Math.max(0, sig - 1 - exponent));
  const s = Number(abs.toPrecision(sig)).toFixed(decimals);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** |x| (finite) with `decimals` decimals, whole digits from 1e21 up (where toFixed turns to exponent form). */
const plainFixed = (abs: number, decimals: number): string =>
  abs >= 1e21 ? plainSignificant(abs, 21) : abs.toFixed(decimals);

/** `text` with a minus sign when `negative` and the text is not all zeros ("−0.000" never shows). */
const signed = (negative: boolean, text: string): string => (negative && /[1-9]/.test(text) ? MINUS + text : text);

/** A number with a fixed count of decimals (statistics, coefficients): formatFixed(0.12345, 3) → "0.123". */
export function formatFixed(x: number | null | undefined, decimals: number): string {
  if (!defined(x)) return DASH;
  return signed(x < 0, plainFixed(Math.abs(x), decimals));
}

/**
 * A number with `sig` significant digits (default 3) as a plain decimal, never in exponent form:
 * formatSig(0.000031504) → "0.0000315", formatSig(123456) → "123,000".
 */
export function formatSig(x: number | null | undefined, sig = 3): string {
  if (!defined(x)) return DASH;
  if (x === 0) return '0';
  const text = plainSignificant(Math.abs(x), sig);
  const [whole, fraction] = text.split('.');
  const grouped = /^\d+$/.test(whole) && whole.length > 4 ? groupDigits(Number(whole)) : whole;
  return signed(x < 0, fraction === undefined ? grouped : `${grouped}.${fraction}`);
}

/** A number rounded to `sig` significant digits, for a field's shown value (a number, not text): roundSig(0.0123456, 3) → 0.0123. */
export function roundSig(x: number, sig = 3): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(sig)) : x;
}

/** A number in exponent form for quantities that span many orders of magnitude (overlap probabilities): "3.2e-5". */
export function formatScientific(x: number | null | undefined, digits = 1): string {
  if (!defined(x)) return DASH;
  return signed(x < 0, Math.abs(x).toExponential(digits));
}

/** Accuracy and other proportions: three decimals (0.852); with a split, the split it was measured on: "0.425 (test)". */
export function formatShare(x: number | null | undefined, split?: string): string {
  if (!defined(x)) return DASH;
  const text = formatFixed(x, 3);
  return split === undefined ? text : `${text} (${split})`;
}

/** A share as a percentage with `decimals` decimals, trailing zeros dropped: 0.075 → "7.5%". */
export function formatPercent(x: number | null | undefined, decimals = 1): string {
  if (!defined(x)) return DASH;
  const text = plainFixed(Math.abs(100 * x), decimals);
  return `${signed(x < 0, text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text)}%`;
}

/** A change as a signed percentage: 0.031 → "+3.1%", −0.2 → "−20%", 0 → "0%". */
export function formatSignedPercent(x: number | null | undefined, decimals = 1): string {
  const text = formatPercent(x, decimals);
  return defined(x) && x > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

/** |x| in dollars by the money convention above, without sign. */
function usdMagnitude(abs: number): string {
  if (abs >= 999.995) return `$${groupDigits(abs)}`;
  if (abs >= 1) {
    const cents = abs.toFixed(2);
    return `$${cents.endsWith('.00') ? cents.slice(0, -3) : cents}`;
  }
  return `$${plainSignificant(abs, 3)}`;
}

/** Dollars: "$0", "$0.0000191", "$1.50", "$10,000", "−$0.149"; never in exponent form. */
export function formatUsd(x: number | null | undefined): string {
  if (!defined(x)) return DASH;
  if (x === 0) return '$0';
  return signed(x < 0, usdMagnitude(Math.abs(x)));
}

/** A signed dollar difference, with the precision of formatUsd: "+$0.00000853", "−$0.0368", "$0". */
export function formatSignedUsd(x: number | null | undefined): string {
  const text = formatUsd(x);
  return defined(x) && x > 0 ? `+${text}` : text;
}

/** A mean dollar cost per query with its unit: "$0.0000191/query". */
export function formatUsdPerQuery(x: number | null | undefined): string {
  return defined(x) ? `${formatUsd(x)}/query` : DASH;
}

/** Compact dollars for axis ticks (two significant digits, thousands as "k"): $0.0001, $0.25, $10k. */
export function formatUsdTick(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (v === 0) return '$0';
  const abs = Math.abs(v);
  const text = abs >= 1000 ? `$${plainSignificant(abs / 1000, 3)}k` : `$${plainSignificant(abs, 2)}`;
  return signed(v < 0, text);
}

/** A log-axis tick label only at 1, 2 and 5 times a power of ten (others blank, so labels never collide). */
export function formatUsdLogTick(v: number): string {
  if (!(v > 0)) return formatUsdTick(v);
  const m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
  return [1, 2, 5].some((k) => Math.abs(m - k) < 1e-6) ? formatUsdTick(v) : '';
}

/** A reward (≤ 0, a cost) as dollars with a true minus sign: "−$0.148". */
export const formatReward = (r: number | null | undefined): string => formatUsd(r);

/** The price of latency, stored in $ per second, in the unit the user enters it: "$0.50/min". */
export function formatLatencyPrice(perSecond: number | null | undefined): string {
  return defined(perSecond) ? `${formatUsd(perSecond * 60)}/min` : DASH;
}

/** The price of latency with the hourly wage it amounts to: "$0.50/min ($30/hour wage)". */
export function formatLatencyPriceWithWage(perSecond: number | null | undefined): string {
  return defined(perSecond) ? `${formatLatencyPrice(perSecond)} (${formatUsd(perSecond * 3600)}/hour wage)` : DASH;
}

/** Seconds with three significant digits: "0.137 s". */
export function formatSeconds(x: number | null | undefined): string {
  return defined(x) ? `${formatSig(x, 3)} s` : DASH;
}

/** An elapsed time: one decimal ("11.3 s"), whole milliseconds below a second ("840 ms"). */
export function formatElapsed(seconds: number | null | undefined): string {
  if (!defined(seconds)) return DASH;
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${formatFixed(seconds, 1)} s`;
}

/** A mean count (tokens): one decimal below 100, whole numbers above. */
export function formatCount(x: number | null | undefined): string {
  if (!defined(x)) return DASH;
  return Math.abs(x) >= 100 ? signed(x < 0, groupDigits(Math.abs(x))) : formatSig(Number(x.toFixed(1)), 4);
}

/** A whole number with thousands separators: 1816 → "1,816". */
export function formatInteger(n: number | null | undefined): string {
  return defined(n) ? signed(n < 0, groupDigits(Math.abs(n))) : DASH;
}

/** A p-value: "p < 0.001" below a thousandth, else "p = 0.034" (two significant digits). */
export function formatPValue(p: number | null | undefined): string {
  if (!defined(p)) return DASH;
  return p < 0.001 ? 'p < 0.001' : `p = ${p >= 0.1 ? formatFixed(p, 2) : formatSig(p, 2)}`;
}

/** An exact p-value: three significant digits, in exponent form below 0.0001 (a p-value spans hundreds of decades): "0.0231", "8.31e-43". */
export function formatExactP(p: number | null | undefined): string {
  if (!defined(p)) return DASH;
  return p !== 0 && p < 1e-4 ? formatScientific(p, 2) : formatSig(p, 3);
}

/** A cascade's models in order: "llama3.2-1b → llama3.1-405b". */
export function formatCascade(models: readonly string[]): string {
  return models.join(' → ');
}

/**
 * A system's machine name (the CLI's JSON keys: `a>b`, `a+abstain`, `router(a|b)+abstain`) as
 * people read it: "a → b", "a + abstain", "router(a, b) + abstain". Other names pass unchanged.
 */
export function formatSystemName(name: string): string {
  const abstain = name.endsWith('+abstain');
  const base = abstain ? name.slice(0, -'+abstain'.length) : name;
  const shown =
    base.startsWith('router(') && base.endsWith(')')
      ? `router(${base.slice(7, -1).split('|').join(', ')})`
      : formatCascade(base.split('>'));
  return abstain ? `${shown} + abstain` : shown;
}

/** Whether a and b differ by no more than numerical noise (relative TIE_TOLERANCE, or absolutely against `scale`). */
export function isTie(a: number, b: number, scale = 0): boolean {
  return Math.abs(a - b) <= TIE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), Math.abs(scale));
}

/** A segment of a price axis on which one system is best: [from, to). */
export interface BestSegment {
  from: number;
  to: number;
  best: string;
}

/** A segment after merging: `tied` names the systems that were best only on a sliver of numerical noise at `from`. */
export interface MergedSegment extends BestSegment {
  tied: string[];
}

/**
 * Merges switch-point slivers: a segment narrower than numerical noise (such as [$0.000317,
 * $0.000317)) is not a range where its system wins but a tie at that price; it is folded into the
 * next segment, whose `tied` names it. Segments are in axis order.
 */
export function mergeTieSlivers(segments: readonly BestSegment[]): MergedSegment[] {
  const out: MergedSegment[] = [];
  let pending: string[] = [];
  let pendingFrom: number | null = null;
  segments.forEach((s, i) => {
    const sliver = Number.isFinite(s.to) && isTie(s.from, s.to) && i < segments.length - 1;
    if (sliver) {
      pending.push(s.best);
      pendingFrom ??= s.from;
      return;
    }
    const last = out[out.length - 1];
    const tied = pending.filter((b) => b !== s.best);
    if (last && last.best === s.best) last.to = s.to;
    else out.push({ from: pendingFrom ?? s.from, to: s.to, best: s.best, tied });
    pending = [];
    pendingFrom = null;
  });
  return out;
}

/** "1 line" / "3 lines" / "2 queries" (consonant + y -> ies); other irregular plurals given: plural(2, 'child', 'children'). */
export const plural = (
  n: number,
  word: string,
  many = /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`,
): string => `${groupDigits(n)} ${n === 1 ? word : many}`;

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
  return u === 0 ? `${x} B` : `${x >= 100 ? Math.round(x) : plainSignificant(x, 2)} ${units[u]}`;
}

/** The sign of a difference: "+", "−" (a minus sign, not a hyphen) or nothing for 0. */
const sign = (x: number): string => (x > 0 ? '+' : x < 0 ? '−' : '');

/** A difference of proportions (A − B), signed: "+0.012", "−0.034". */
export function formatSignedShare(x: number | null): string {
  return x === null || !Number.isFinite(x) ? DASH : `${sign(x)}${formatFixed(Math.abs(x), 3)}`;
}

/** A difference in seconds (A − B), signed: "+0.12 s". */
export function formatSignedSeconds(x: number | null): string {
  return x === null || !Number.isFinite(x) ? DASH : `${sign(x)}${formatSeconds(Math.abs(x))}`;
}

/** A plain number with at most four significant digits (data tables of charts): 0.1484, 5.74e-7, 1234. */
export function formatSignificant(x: number | null): string {
  return x === null || !Number.isFinite(x) ? DASH : Number(x.toPrecision(4)).toString();
}
