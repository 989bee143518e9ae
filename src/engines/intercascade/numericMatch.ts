/**
 * Numeric answer matching: both answers read as numbers and agree within a relative tolerance.
 * A number may carry thousands separators in groups of three ("1,000"), a sign (also the Unicode
 * minus), a decimal part, an exponent, a currency sign or a percent sign (dropped: "50%" reads as
 * 50), or be a simple fraction ("3/4"). When the whole text is not a number, its last number is
 * taken ("The answer is 42 apples" reads as 42), as is usual for grading math word problems; but a
 * text of digits and separators only that is no number ("1,5", "1.2.3") reads as none.
 */

/** The default relative tolerance: 3.0 and 3 agree, 3.0001 and 3 do not. */
export const DEFAULT_REL_TOL = 1e-6;

const NUMBER = String.raw`[-+\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[-+]?\d+)?|[-+\u2212]?\.\d+(?:e[-+]?\d+)?`;
const WHOLE = new RegExp(String.raw`^(?:${NUMBER})$`, 'i');
const FRACTION = new RegExp(String.raw`^(${NUMBER})\s*/\s*(${NUMBER})$`, 'i');
const ANY = new RegExp(String.raw`(?:${NUMBER})(?:\s*/\s*(?:${NUMBER}))?`, 'gi');

function plainNumber(t: string): number | null {
  if (!WHOLE.test(t)) return null;
  const x = Number(t.replace(/,/g, '').replace('\u2212', '-'));
  return Number.isFinite(x) ? x : null;
}

/** One token ("1,000", "-2.5e3", "3/4") as a number, or null. */
function tokenValue(t: string): number | null {
  const f = FRACTION.exec(t);
  if (f) {
    const a = plainNumber(f[1]);
    const b = plainNumber(f[2]);
    return a === null || b === null || b === 0 ? null : a / b;
  }
  return plainNumber(t);
}

/** The number an answer states (see the module comment), or null when it holds none. */
export function answerNumber(text: string): number | null {
  const t = text
    .trim()
    .replace(/^([-+\u2212]?)\s*[$€£¥]\s*/, '$1')
    .replace(/\s*%$/, '')
    .replace(/\.$/, '')
    .trim();
  const whole = tokenValue(t);
  if (whole !== null) return whole;
  // only digits and separators, yet not a number ("1,5", "1.2.3"): ambiguous, not a number
  if (/^[\d\s,.+\-\u2212/]*$/.test(t)) return null;
  const all = text.match(ANY);
  return all ? tokenValue(all[all.length - 1].replace(/\s+/g, '')) : null;
}

/** Whether |a − b| ≤ relTol · max(|a|, |b|) (so 0 matches only 0, and the relation is symmetric). */
export function numbersAgree(a: number, b: number, relTol: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= relTol * Math.max(Math.abs(a), Math.abs(b));
}

/** Whether the answer's number agrees with the gold answer's number; false when either holds none. */
export function numericAnswersMatch(answer: string, gold: string, relTol = DEFAULT_REL_TOL): boolean {
  const a = answerNumber(answer);
  const g = answerNumber(gold);
  return a !== null && g !== null && numbersAgree(a, g, relTol);
}
