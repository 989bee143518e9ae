/**
 * Plain objects keyed by data (model names, column names, metric names) without the prototype's
 * traps: `obj[name]` for a name such as `constructor` or `toString` finds Object.prototype's
 * function when the object lacks the key, and `obj['__proto__'] = v` changes the prototype instead
 * of storing v. Prefer a Map; these two helpers are for objects whose JSON shape is the point.
 */

/** Stores `value` under `key` as an own, enumerable property, `__proto__` included (JSON.stringify then writes it). */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** `obj[key]` when `obj` has `key` as its own property, else undefined (never an inherited member). */
export function getOwn<T>(obj: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return obj !== null && obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}
