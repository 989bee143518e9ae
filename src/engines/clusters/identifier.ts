/**
 * Archetype identifiers: names that are valid variable names in both Python and JavaScript, so a
 * benchmark script can use them as-is (thesis §5.3: "identifiers ... obey the naming rules for
 * Python variables").
 */

const RESERVED = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from global if import in is ' +
    'lambda nonlocal not or pass raise return try while with yield case catch const debugger default delete do enum export extends ' +
    'false function instanceof let new null super switch this throw true typeof var void'
  ).split(' '),
);

/** True when `s` is an identifier: [A-Za-z_][A-Za-z0-9_]*, at most 80 characters, not a keyword. */
export function isValidIdentifier(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,79}$/.test(s) && !RESERVED.has(s);
}

/** Turns any text into a valid identifier: lower case, runs of other characters become "_". */
export function toIdentifier(text: string, fallback = 'archetype'): string {
  let s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80)
    .replace(/_+$/, '');
  if (!s) s = fallback;
  if (/^[0-9]/.test(s)) s = `a_${s}`.slice(0, 80);
  if (RESERVED.has(s)) s = `${s}_archetype`;
  return s;
}
