/**
 * Text from logs (model names, split labels, file names, archetype names) placed in a Markdown
 * tooltip or hover. Every ASCII punctuation character is backslash-escaped, which CommonMark
 * defines as literal, so a name cannot make a link (`[x](command:…)`), an image, emphasis, code, a
 * table cell, raw HTML, an entity or a theme icon (`$(…)`). Line breaks become spaces; control and
 * bidirectional characters go. No `vscode` import: tested in plain Node.
 */
import { maxOf } from '../../shared/arrays';

const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Plain text as literal Markdown inline content, one line, at most `max` characters (before escaping). */
export function escapeMarkdown(text: string, max = 500): string {
  const flat = text.replace(INVISIBLE, '').replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ');
  const clipped = flat.length > max ? `${flat.slice(0, max)}…` : flat;
  return clipped.replace(PUNCTUATION, '\\$&');
}

/** Text as a fenced code block that the text cannot close: the fence is longer than any run of backticks in it. */
export function markdownCodeBlock(text: string, language = ''): string {
  const clean = text.replace(INVISIBLE, '');
  const longest = maxOf(
    (clean.match(/`+/g) ?? []).map((r) => r.length),
    0,
  );
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language.replace(/[^A-Za-z0-9_-]/g, '')}\n${clean}\n${fence}`;
}
