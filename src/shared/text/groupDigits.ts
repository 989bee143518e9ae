/**
 * A whole number with thousands separators, "1,234,567", as `toLocaleString('en-US')` writes it.
 * Written by hand because the first `toLocaleString` call of a process loads the ICU locale data,
 * about 19 ms on the development machine: more than a small `costrisk generate` spends generating.
 * Non-integers are rounded (halves up, as Math.round); NaN and ±Infinity are written as `String`
 * writes them. Past 1e21, where `String` switches to exponents ("1.2345e+25"), the shortest digits
 * are padded with zeros, as ICU writes them.
 */
export function groupDigits(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const r = Math.round(n);
  const abs = Math.abs(r);
  const digits = abs < 1e21 ? String(abs) : expandExponent(String(abs));
  if (digits.length <= 3) return r < 0 ? `-${digits}` : digits;
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return r < 0 ? `-${out}` : out;
}

/** "1.2345e+25" → "12345000000000000000000000". */
function expandExponent(text: string): string {
  const [mantissa, exponent] = text.split('e');
  const digits = mantissa.replace('.', '');
  return digits.padEnd(Number(exponent) + 1, '0');
}
