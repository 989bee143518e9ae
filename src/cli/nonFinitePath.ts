/**
 * Where `value` holds a number JSON cannot represent (NaN, Infinity, -Infinity), as a path such as
 * `grid[3].rewards["a>b"]`, or null when it holds none. JSON.stringify would silently write such a
 * number as `null`; `main` refuses to print a result that has one (it is a bug, exit 1). Walks with
 * an explicit stack, so depth is no problem; typed arrays are checked element by element.
 */
export function nonFinitePath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return path || '(the result)';
    } else if (ArrayBuffer.isView(v)) {
      const a = v as unknown as ArrayLike<number | bigint>;
      for (let i = 0; i < a.length; i++) if (typeof a[i] === 'number' && !Number.isFinite(a[i])) return `${path}[${i}]`;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if (typeof (o as { toJSON?: unknown }).toJSON === 'function') continue; // e.g. a Date: serialised by its own rule
      const keys = Object.keys(o);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i];
        stack.push([
          o[k],
          /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}${path ? '.' : ''}${k}` : `${path}[${JSON.stringify(k)}]`,
        ]);
      }
    }
  }
  return null;
}
