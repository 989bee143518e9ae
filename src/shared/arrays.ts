/**
 * Array helpers that never spread an array into function arguments: `Math.max(...xs)` and
 * `a.push(...xs)` put every element on the call stack and throw a RangeError past roughly a hundred
 * thousand elements, which data-sized arrays (pairs of 1,000 clusters, a million skipped lines) reach.
 */

/** The largest element, or `empty` when there is none (NaN elements are ignored). */
export function maxOf(xs: ArrayLike<number>, empty = -Infinity): number {
  let m = -Infinity;
  let any = false;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (Number.isNaN(x)) continue;
    any = true;
    if (x > m) m = x;
  }
  return any ? m : empty;
}

/** The smallest element, or `empty` when there is none (NaN elements are ignored). */
export function minOf(xs: ArrayLike<number>, empty = Infinity): number {
  let m = Infinity;
  let any = false;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (Number.isNaN(x)) continue;
    any = true;
    if (x < m) m = x;
  }
  return any ? m : empty;
}

/** Appends every element of `items` to `target` (in place) and returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}
