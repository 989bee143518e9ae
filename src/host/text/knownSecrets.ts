/**
 * The API keys this host process has read, blanked out of everything it shows. Pattern-based
 * redaction (`redactSecrets`) misses a key without a known shape that a server echoes back in an
 * error ("invalid key abc123…"); the host knows the key, so it removes that exact text too.
 * In memory only; keys shorter than 8 characters are not tracked (they would blank ordinary words).
 */
const known = new Set<string>();
/** Keys kept at most (a new key pushes the oldest out). */
const MAX_KNOWN = 16;

/** Remembers a key so that later messages never show it. */
export function rememberSecret(secret: string): void {
  const s = secret.trim();
  if (s.length < 8 || known.has(s)) return;
  known.add(s);
  if (known.size > MAX_KNOWN) known.delete(known.values().next().value as string);
}

/** The text with every remembered key replaced by `***`. */
export function redactKnownSecrets(text: string): string {
  let out = text;
  for (const s of known) if (out.includes(s)) out = out.split(s).join('***');
  return out;
}
