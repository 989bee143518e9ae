import fc from 'fast-check';

/**
 * One character of hostile text: Markdown and HTML syntax, control characters (ESC, BEL, NUL, CR,
 * LF, C1), bidirectional overrides, line separators, or any character of the Basic Multilingual
 * Plane. For `fc.string({ unit: hostileChar })` (much faster than the 'binary' unit).
 */
export const hostileChar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ...'[]()`*_<>|$&!#\\~{}-+.:/"\'=',
    '\u0000',
    '\u0007',
    '\u001b',
    '\r',
    '\n',
    '\t',
    '\u0085',
    '\u009b',
    '\u202e',
    '\u2066',
    '\u2028',
    '\u2029',
  ),
  fc.integer({ min: 0x20, max: 0xd7ff }).map((c) => String.fromCharCode(c)),
);
