/** English number words, both ways, for the description parser and generated names. */

const SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 0..999999 in words ("twenty one", "three hundred"); larger numbers as digits. */
export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e6) return String(n);
  if (n < 20) return SMALL[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? ` ${SMALL[n % 10]}` : '');
  if (n < 1000) return `${SMALL[Math.floor(n / 100)]} hundred` + (n % 100 ? ` ${numberToWords(n % 100)}` : '');
  return `${numberToWords(Math.floor(n / 1000))} thousand` + (n % 1000 ? ` ${numberToWords(n % 1000)}` : '');
}

// Maps, not objects: the words looked up are the user's ("constructor" must not find Object.prototype's).
const UNITS = new Map<string, number>(SMALL.map((w, i) => [w, i]));
const TEN_WORDS = new Map<string, number>(TENS.flatMap((w, i) => (w ? [[w, i * 10] as const] : [])));
const EXTRA = new Map<string, number>([
  ['a', 1],
  ['an', 1],
  ['single', 1],
  ['couple', 2],
  ['pair', 2],
  ['dozen', 12],
  ['few', 3],
  ['several', 5],
  ['many', 10],
  ['hundred', 100],
  ['thousand', 1000],
]);
const isNumberWord = (w: string | undefined): boolean => w !== undefined && (UNITS.has(w) || TEN_WORDS.has(w));

/**
 * Reads a number written in words or digits at the start of `tokens` ("twenty-one", "3", "a dozen",
 * "two hundred", "1,000", "10k"). Returns the value and how many tokens it used, or null.
 */
export function readNumber(tokens: readonly string[], start: number): { value: number; used: number } | null {
  const t0 = tokens[start];
  if (t0 === undefined) return null;
  const digits = /^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(k)?$/.exec(t0);
  if (digits) {
    const v = Number(digits[1].replace(/,/g, '')) * (digits[2] ? 1000 : 1);
    const next = tokens[start + 1];
    if (next === 'thousand') return { value: v * 1000, used: 2 };
    return { value: v, used: 1 };
  }
  let total = 0;
  let current = 0;
  let used = 0;
  let any = false;
  for (let i = start; i < tokens.length; i++) {
    const w = tokens[i];
    const unit = UNITS.get(w) ?? TEN_WORDS.get(w);
    if (unit !== undefined) current += unit;
    else if (w === 'hundred' && any) current *= 100;
    else if (w === 'thousand' && any) {
      total += current * 1000;
      current = 0;
    } else if (w === 'and' && any && isNumberWord(tokens[i + 1])) {
      used++;
      continue;
    } else if (!any && EXTRA.has(w)) {
      if (
        (w === 'a' || w === 'an') &&
        (tokens[i + 1] === 'dozen' ||
          tokens[i + 1] === 'couple' ||
          tokens[i + 1] === 'pair' ||
          tokens[i + 1] === 'hundred' ||
          tokens[i + 1] === 'thousand')
      ) {
        used++;
        continue;
      }
      const v = EXTRA.get(w)!;
      return {
        value: v,
        used: used + 1 + (tokens[i + 1] === 'of' && (w === 'couple' || w === 'pair' || w === 'dozen') ? 1 : 0),
      };
    } else break;
    any = true;
    used++;
  }
  if (!any) return null;
  return { value: total + current, used };
}
