/**
 * Text from logs, endpoints, errors and webviews made fit for the user's screen: the output
 * channel, notifications, progress titles and webview error lines. Secrets are redacted (the API
 * keys this host read, bearer tokens, API-key-shaped strings, credentials in URLs), control characters and bidirectional
 * overrides removed (a model called "\x1b[2J" or "\u202Egnp.exe" shows as what it is), and the
 * length is bounded. No `vscode` import: tested in plain Node.
 */
import { redactSecrets } from '../../shared/text/redactSecrets';
import { redactKnownSecrets } from './knownSecrets';
import { groupDigits } from '../../shared/text/groupDigits';

/** Bidirectional embeddings, overrides and isolates: they reorder what the user reads. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/** Known keys first (exact text), then key-, token- and credential-shaped text. */
const redact = (text: string): string => redactSecrets(redactKnownSecrets(text));

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${groupDigits(text.length - max)} more characters)`;
}

/** One line: line breaks and tabs become spaces, other control characters go, secrets are redacted; at most `max` characters. */
export function displayLine(text: string, max = 2000): string {
  // Clip generously first so a 100 MB message costs nothing; the exact clip comes last.
  const rough = text.length > 4 * max + 1000 ? text.slice(0, 4 * max + 1000) : text;
  const flat = rough
    .replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ')
    .replace(CONTROL_BUT_NEWLINE, '')
    .replace(BIDI, '');
  return clip(redact(flat), max);
}

/** Several lines: as {@link displayLine} but line breaks are kept (CR LF and CR become LF). */
export function displayText(text: string, max = 20_000): string {
  const rough = text.length > 4 * max + 1000 ? text.slice(0, 4 * max + 1000) : text;
  const clean = rough
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL_BUT_NEWLINE, '')
    .replace(BIDI, '');
  return clip(redact(clean), max);
}

/** A copy of JSON-like data with secrets redacted in every string (for run status and results shown in a webview). */
export function redactStrings<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
