/**
 * A message with secrets blanked out, for anything shown to a user or written to a log: bearer
 * tokens (`Bearer abc…`), API-key-shaped strings (`sk-…`, `sk-proj-…`, `sk-ant-…`), and the
 * user:password part of URLs (`https://user:pass@host` → `https://***@host`).
 */
export function redactSecrets(text: string): string {
  // Each pattern runs only where its fixed part occurs: a few megabytes of JSON output (the CLI
  // prints everything through here) are then scanned by indexOf, not by a regular expression that
  // tries a match at every word boundary.
  if (/bearer/i.test(text)) text = text.replace(/\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 ***');
  if (text.includes('sk-')) text = text.replace(/\bsk-[A-Za-z0-9_-]{8,}/g, 'sk-***');
  if (text.includes('://')) text = text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+(?::[^/\s@]*)?@/gi, '$1***@');
  return text;
}

/** Text safe for a terminal: control characters other than newline and tab removed (a model called "\x1b[2J" cannot clear the screen). */
export function stripControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
