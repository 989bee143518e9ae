/**
 * The per-query texts a log may carry besides the question (issue 14 item 2): the reference answer
 * and the model's answer, shown in the drill-down query table. Each is cut to MAX_TEXT_CHARS so a
 * million records with long completions stay within memory.
 */

/** Longest reference or answer text kept per record, in UTF-16 code units (the ellipsis included). */
export const MAX_TEXT_CHARS = 2000;

/** `s` when at most `max` characters long, else its first `max − 1` characters and "…" (a surrogate pair is never split). */
export function clipText(s: string, max = MAX_TEXT_CHARS): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/** A text value: a string as it is, a finite number or a boolean written out; null for anything else or an empty string. */
function textOf(v: unknown, scalars: boolean): string | null {
  if (typeof v === 'string') return v === '' ? null : clipText(v);
  if (scalars && ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean')) return String(v);
  return null;
}

/**
 * The reference (`reference`, else a text `target`) and the answer (`answer`, else a text `output`,
 * else a text `response`) of a native sample, clipped; null when absent. `reference` and `answer`
 * may be numbers or booleans (an answer "42"); the other names count only when they hold text.
 */
export function recordTexts(o: Record<string, unknown>): { reference: string | null; answer: string | null } {
  return {
    reference: textOf(o.reference, true) ?? textOf(o.target, false),
    answer: textOf(o.answer, true) ?? textOf(o.output, false) ?? textOf(o.response, false),
  };
}
