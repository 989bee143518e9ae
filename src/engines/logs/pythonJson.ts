/**
 * JSON.parse that also accepts the bare tokens `NaN`, `Infinity` and `-Infinity` that Python's
 * `json` module writes (allow_nan=True, its default). Strict JSON takes the fast path; only a line
 * that fails and mentions one of the tokens is rewritten, outside string literals, to sentinels that
 * a reviver turns back into numbers.
 */
const SENTINEL = '\u0000pyjson:';
const TOKENS: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity };

export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (!/NaN|Infinity/.test(text)) throw err;
  }
  return JSON.parse(rewriteBareTokens(text), (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(SENTINEL) ? TOKENS[value.slice(SENTINEL.length)] : value,
  );
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
    const token = text.startsWith('-Infinity', i) ? '-Infinity' : text.startsWith('Infinity', i) ? 'Infinity' : text.startsWith('NaN', i) ? 'NaN' : null;
    if (token) {
      out += text.slice(last, i) + JSON.stringify(SENTINEL + token);
      i += token.length - 1;
      last = i + 1;
    }
  }
  return out + text.slice(last);
}
