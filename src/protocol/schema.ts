/**
 * A tiny schema checker for what a webview posts to the host: every payload is checked for types,
 * ranges, enums, string lengths and array sizes before a handler sees it. A schema is a function
 * that returns a fresh, checked copy (only the keys it knows, so `__proto__` or `constructor`
 * sent as field names never reach a handler) or throws {@link SchemaError} naming the place.
 * Pure: no `vscode`, no DOM.
 *
 * @example
 * const point = object({ x: number({ min: 0 }), label: string({ max: 40 }) });
 * checkPayload(point, { x: 1, label: 'a' }, 'params'); // { ok: true, value: { x: 1, label: 'a' } }
 */

/** A refused value: `message` names the place (e.g. `params.selection.cascade[2]`) and the rule. */
export class SchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

/** Checks `value` (found at `at`) and returns a checked copy, or throws a {@link SchemaError}. */
export type Schema<T> = (value: unknown, at: string) => T;
/** The type a schema returns. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** At most this many characters of a refused value are quoted in a message. */
const QUOTE_MAX = 40;

/** A short, one-line description of a refused value (type and a clipped preview). */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string')
    return v.length > QUOTE_MAX
      ? `a string of ${v.length} characters`
      : JSON.stringify(v.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '));
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

const fail = (at: string, rule: string, v: unknown): never => {
  throw new SchemaError(`${at}: expected ${rule}, got ${describeValue(v)}`);
};

/** Runs a schema without throwing: the checked value, or the reason it was refused. */
export function checkPayload<T>(
  schema: Schema<T>,
  value: unknown,
  at: string,
): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: schema(value, at) };
  } catch (err) {
    if (err instanceof SchemaError) return { ok: false, error: err.message };
    // A schema bug or a hostile value that broke one (e.g. a revoked proxy): still a refusal, never a crash.
    return { ok: false, error: `${at}: could not be checked (${err instanceof Error ? err.name : typeof err})` };
  }
}

/** A string of at most `max` characters (at least `min`); `oneLine` refuses line breaks and control characters. */
export function string(o: { max: number; min?: number; oneLine?: boolean }): Schema<string> {
  return (v, at) => {
    if (typeof v !== 'string') return fail(at, 'a string', v);
    if (v.length > o.max) return fail(at, `at most ${o.max} characters`, v);
    if (v.length < (o.min ?? 0))
      return fail(at, o.min === 1 ? 'a non-empty string' : `at least ${o.min} characters`, v);
    if (o.oneLine && /[\u0000-\u001f\u007f-\u009f]/.test(v)) return fail(at, 'one line without control characters', v);
    return v;
  };
}

/** A finite number within the bounds given (`min`/`max` inclusive, `above`/`below` exclusive); `integer` for safe integers. */
export function number(
  o: { min?: number; max?: number; above?: number; below?: number; integer?: boolean } = {},
): Schema<number> {
  const rule = [
    o.integer ? 'an integer' : 'a finite number',
    o.min !== undefined && `>= ${o.min}`,
    o.above !== undefined && `> ${o.above}`,
    o.max !== undefined && `<= ${o.max}`,
    o.below !== undefined && `< ${o.below}`,
  ]
    .filter(Boolean)
    .join(' ');
  return (v, at) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(at, rule, v);
    if (o.integer && !Number.isSafeInteger(v)) return fail(at, rule, v);
    if (
      (o.min !== undefined && v < o.min) ||
      (o.max !== undefined && v > o.max) ||
      (o.above !== undefined && v <= o.above) ||
      (o.below !== undefined && v >= o.below)
    )
      return fail(at, rule, v);
    return v;
  };
}

/** `true` or `false`. */
export const boolean: Schema<boolean> = (v, at) => (typeof v === 'boolean' ? v : fail(at, 'true or false', v));

/** One of the listed strings (compared with `includes`: no lookup through a prototype). */
export function oneOf<const T extends string>(values: readonly T[]): Schema<T> {
  const rule = `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
  return (v, at) => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fail(at, rule, v));
}

/** `null`, or what `inner` accepts. */
export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return (v, at) => (v === null ? null : inner(v, at));
}

/** An array of at most `max` items (at least `min`), each checked by `item`. */
export function arrayOf<T>(item: Schema<T>, o: { max: number; min?: number }): Schema<T[]> {
  return (v, at) => {
    if (!Array.isArray(v)) return fail(at, 'an array', v);
    if (v.length > o.max || v.length < (o.min ?? 0))
      return fail(at, o.min ? `${o.min} to ${o.max} items` : `at most ${o.max} items`, v);
    const out: T[] = [];
    for (let i = 0; i < v.length; i++) out.push(item(v[i], `${at}[${i}]`));
    return out;
  };
}

/** A plain object (what structured clone or JSON makes): not an array, a class instance or null. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Marks an object field that may be absent (absent stays absent in the checked copy). */
export interface Optional<T> {
  optional: Schema<T>;
}
export const optional = <T>(inner: Schema<T>): Optional<T> => ({ optional: inner });

type Shape = Record<string, Schema<unknown> | Optional<unknown>>;
type Required<S extends Shape> = { [K in keyof S as S[K] extends Schema<unknown> ? K : never]: Infer<S[K]> };
type Maybe<S extends Shape> = {
  [K in keyof S as S[K] extends Optional<unknown> ? K : never]?: S[K] extends Optional<infer T> ? T : never;
};
/** The checked type of an object shape. */
export type ObjectOf<S extends Shape> = Required<S> & Maybe<S>;

/**
 * A plain object with the fields of `shape` (own properties only). Fields not in the shape are
 * left out of the checked copy, so a prototype key such as `__proto__` never reaches a handler.
 */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  const fields = Object.entries(shape);
  return (v, at) => {
    if (!isPlainObject(v)) return fail(at, 'an object', v);
    const out: Record<string, unknown> = {};
    for (const [key, s] of fields) {
      const present = Object.hasOwn(v, key) && v[key] !== undefined;
      if (typeof s === 'function') out[key] = s(present ? v[key] : undefined, `${at}.${key}`);
      else if (present) out[key] = s.optional(v[key], `${at}.${key}`);
    }
    return out as ObjectOf<S>;
  };
}

/** The params of a request or notification without fields (`{}`); anything else sent along is ignored. */
export const empty: Schema<Record<string, never>> = (v, at) => (isPlainObject(v) ? {} : fail(at, 'an object', v));

/** Names that must never become keys of a plain object the host builds or looks things up in. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * An object used as a dictionary (e.g. price distributions by metric name): at most `maxKeys`
 * keys, each accepted by `key` and not a prototype name, each value checked by `value`. The
 * checked copy has no prototype, so a lookup by a data key never finds `Object.prototype` members.
 */
export function dictionaryOf<T>(
  key: Schema<string>,
  value: Schema<T>,
  o: { maxKeys: number },
): Schema<Record<string, T>> {
  return (v, at) => {
    if (!isPlainObject(v)) return fail(at, 'an object', v);
    const keys = Object.keys(v);
    if (keys.length > o.maxKeys) return fail(at, `at most ${o.maxKeys} keys`, `${keys.length} keys`);
    const out = Object.create(null) as Record<string, T>;
    for (const k of keys) {
      if (PROTOTYPE_KEYS.has(k)) return fail(`${at}`, 'no key named __proto__, constructor or prototype', k);
      out[key(k, `${at} key`)] = value(v[k], `${at}.${k}`);
    }
    return out;
  };
}

/** Limits of {@link jsonData}: nesting depth, total values, string length. */
export interface JsonLimits {
  maxDepth: number;
  maxValues: number;
  maxString: number;
}

/**
 * Plain JSON-like data of bounded size (strings, finite numbers, booleans, null, arrays, plain
 * objects without prototype keys), copied. For values another checker reads next (e.g. the
 * archetype form, which `parseArchetype` validates field by field).
 */
export function jsonData(limits: JsonLimits): Schema<unknown> {
  return (root, at) => {
    let count = 0;
    const copy = (v: unknown, where: string, depth: number): unknown => {
      if (++count > limits.maxValues) return fail(at, `at most ${limits.maxValues} values`, 'more');
      if (v === null || typeof v === 'boolean') return v;
      if (typeof v === 'number') return Number.isFinite(v) ? v : fail(where, 'a finite number', v);
      if (typeof v === 'string')
        return v.length <= limits.maxString ? v : fail(where, `at most ${limits.maxString} characters`, v);
      if (depth >= limits.maxDepth) return fail(where, `at most ${limits.maxDepth} levels of nesting`, v);
      if (Array.isArray(v)) return v.map((x, i) => copy(x, `${where}[${i}]`, depth + 1));
      if (!isPlainObject(v)) return fail(where, 'JSON data', v);
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        if (PROTOTYPE_KEYS.has(k)) return fail(where, 'no key named __proto__, constructor or prototype', k);
        out[k] = copy(v[k], `${where}.${k}`, depth + 1);
      }
      return out;
    };
    return copy(root, at, 0);
  };
}

/** What `inner` accepts, then a further rule (`refine` returns why it is refused, or null). */
export function refined<T>(inner: Schema<T>, refine: (value: T) => string | null): Schema<T> {
  return (v, at) => {
    const value = inner(v, at);
    const problem = refine(value);
    if (problem !== null) throw new SchemaError(`${at}: ${problem}`);
    return value;
  };
}
