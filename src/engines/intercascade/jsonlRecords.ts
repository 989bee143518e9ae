/** Line-numbered reading of JSON Lines whose lines are objects, for the Inter-Cascade input files. */

export interface JsonlProblem {
  /** 1-based line number. */
  line: number;
  message: string;
}

export interface JsonlRecords<T> {
  items: { line: number; value: T }[];
  problems: JsonlProblem[];
}

/**
 * Parses every non-blank line as a JSON object and hands it to `read`, which returns the typed value
 * or throws an Error whose message says what is wrong with the line. A byte-order mark and
 * `\r\n` line ends are accepted. Bad lines are reported, never silently dropped.
 */
export function parseJsonlRecords<T>(text: string, read: (obj: Record<string, unknown>) => T): JsonlRecords<T> {
  const items: { line: number; value: T }[] = [];
  const problems: JsonlProblem[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, idx) => {
      const line = idx + 1;
      if (!raw.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (e) {
        problems.push({ line, message: `not valid JSON (${(e as Error).message})` });
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push({ line, message: 'not a JSON object' });
        return;
      }
      try {
        items.push({ line, value: read(value as Record<string, unknown>) });
      } catch (e) {
        problems.push({ line, message: (e as Error).message });
      }
    });
  return { items, problems };
}

/** A string field, or a finite number written as its decimal text (ids and short answers are often numbers). */
export function textField(obj: Record<string, unknown>, key: string, opts: { optional: true }): string | null;
export function textField(obj: Record<string, unknown>, key: string, opts?: { optional?: false }): string;
export function textField(obj: Record<string, unknown>, key: string, opts: { optional?: boolean } = {}): string | null {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (opts.optional) return null;
    throw new Error(`missing "${key}"`);
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw new Error(`"${key}" must be a string, got ${JSON.stringify(v)}`);
  if (!opts.optional && !v.trim()) throw new Error(`"${key}" is empty`);
  return v;
}

/** A confidence: a number in [0, 1]. */
export function confidenceField(obj: Record<string, unknown>, key: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !(v >= 0 && v <= 1))
    throw new Error(`"${key}" must be a number in [0, 1], got ${JSON.stringify(v)}`);
  return v;
}
