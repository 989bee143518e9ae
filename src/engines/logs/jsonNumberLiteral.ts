const NUMBER_AT = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The source text of the number that the top-level JSON object in `text` holds under `key`, or
 * null when that value is not a number literal. With a repeated key the last one counts, as in
 * JSON.parse. Used to keep a numeric query id exactly as written when JSON.parse would round it
 * (ids above 2^53, such as 12345678901234567891, would otherwise merge with their neighbours).
 * One pass over the text, strings skipped.
 * @example topLevelNumberLiteral('{"query_id": 12345678901234567891, "x": {"query_id": 1}}', 'query_id') // '12345678901234567891'
 */
export function topLevelNumberLiteral(text: string, key: string): string | null {
  let depth = 0;
  let found: string | null = null;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) {
          escaped = true;
          i++;
        } else if (d === 34) break;
      }
      if (depth !== 1) continue;
      let j = i + 1;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 58 /* : */) continue; // a string value, not a key
      const name = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
      if (name !== key) continue;
      for (j++; j < n && isSpace(text.charCodeAt(j)); j++);
      NUMBER_AT.lastIndex = j;
      const m = NUMBER_AT.exec(text);
      found = m === null ? null : m[0];
      i = j - 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return found;
}
