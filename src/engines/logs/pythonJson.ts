/**
 * JSON.parse that also accepts the bare tokens `NaN`, `Infinity` and `-Infinity` that Python's
 * `json` module writes (allow_nan=True, its default). Strict JSON takes the fast path; only a line
 * that fails and mentions one of the tokens is rewritten, outside string literals, to sentinels that
 * are then turned back into numbers (by an explicit stack, not a recursive reviver, so a deeply
 * nested line cannot overflow the call stack).
 */
const SENTINEL = '\u0000pyjson:';
const TOKENS = new Map<string, number>([
  [`${SENTINEL}NaN`, Number.NaN],
  [`${SENTINEL}Infinity`, Infinity],
  [`${SENTINEL}-Infinity`, -Infinity],
]);

/** Parses one JSON text, Python's NaN/Infinity tokens included; throws SyntaxError like JSON.parse. */
export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (!/NaN|Infinity/.test(text)) throw err;
  }
  return restoreTokens(JSON.parse(rewriteBareTokens(text)));
}

function rewriteBareTokens(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    const token = text.startsWith('-Infinity', i)
      ? '-Infinity'
      : text.startsWith('Infinity', i)
        ? 'Infinity'
        : text.startsWith('NaN', i)
          ? 'NaN'
          : null;
    if (token) {
      out += text.slice(last, i) + JSON.stringify(SENTINEL + token);
      i += token.length - 1;
      last = i + 1;
    }
  }
  return out + text.slice(last);
}

/** Replaces the sentinel strings by their numbers everywhere in `root` (in place), iteratively. */
function restoreTokens(root: unknown): unknown {
  const top = typeof root === 'string' ? TOKENS.get(root) : undefined;
  if (top !== undefined) return top;
  const stack: object[] = [];
  if (typeof root === 'object' && root !== null) stack.push(root);
  while (stack.length > 0) {
    const o = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (typeof v === 'string') {
        const n = TOKENS.get(v);
        if (n !== undefined)
          Object.defineProperty(o, key, { value: n, enumerable: true, writable: true, configurable: true });
      } else if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
  return root;
}

/**
 * Whether `text` (JSON) nests arrays and objects deeper than `limit` levels, looking outside string
 * literals only. One pass over the text; JSON.parse itself does not recurse, but a line of a
 * million `[` would become a million arrays (tens of bytes each), so callers check long lines first.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}
