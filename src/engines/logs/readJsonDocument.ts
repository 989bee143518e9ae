import { EvalLogError } from './evalLogError';
import { parsePythonJson } from './pythonJson';

/**
 * Parses a whole JSON document (Python's NaN/Infinity tokens accepted, BOM ignored). A syntax error
 * becomes an EvalLogError naming the line and column where parsing stopped; `what` names the part
 * (e.g. `header.json inside the .eval archive`).
 */
export function parseJsonDocument(file: string, text: string, what = 'file'): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return parsePythonJson(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const at = Number(pos[1]);
      const before = text.slice(0, at);
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${at - before.lastIndexOf('\n')}`;
    } else if (/Unexpected end|Unterminated/.test(msg)) where = ' (the text ends early: truncated?)';
    throw new EvalLogError(file, `${what} is not valid JSON${where}: ${msg.split('\n')[0].slice(0, 160)}`);
  }
}

/** A plain-object view of a JSON value, or undefined. */
export function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A finite number, or a numeric string (as lm-eval writes), or undefined. */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const x = Number(v);
    if (!Number.isNaN(x)) return x;
    if (/^-?inf(inity)?$/i.test(v.trim())) return v.trim().startsWith('-') ? -Infinity : Infinity;
  }
  return undefined;
}

export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
