/**
 * A least-recently-used map bounded by the estimated bytes of its values. The newest entry is
 * always kept, even past the budget (a very large log is read once, not on every request); the
 * others go oldest first once the total exceeds the budget.
 */
export class SizedLru<T> {
  private readonly entries = new Map<string, { value: T; bytes: number }>();
  private total = 0;

  constructor(private readonly budgetBytes: number) {}

  /** The value under `key` (and marks it most recently used), or undefined. */
  get(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Stores a value with its size, then evicts the least recently used entries over the budget. */
  set(key: string, value: T, bytes: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.bytes;
      this.entries.delete(key);
    }
    const size = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
    this.entries.set(key, { value, bytes: size });
    this.total += size;
    for (const [k, e] of this.entries) {
      if (this.total <= this.budgetBytes || this.entries.size <= 1) break;
      this.entries.delete(k);
      this.total -= e.bytes;
    }
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.total -= e.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Arrays longer than this are measured on an even sample of SAMPLED elements, scaled up. */
const SAMPLE_ABOVE = 4096;
const SAMPLED = 1024;

/**
 * A rough size in bytes of a plain value graph (what a V8 heap holds for it): typed arrays by
 * their buffers, strings at two bytes a character, objects and arrays with a fixed overhead per
 * slot. Shared objects count once. Good to within a small factor, which is all a cache budget needs.
 * A long array of objects (a log's records) is measured on an even sample of its elements: walking
 * all of a million records took 0.9 s each time a log was cached, the sample a millisecond.
 */
export function estimateBytes(value: unknown): number {
  return measure(value, new Set<object>());
}

function measure(value: unknown, seen: Set<object>): number {
  const stack: unknown[] = [value];
  let bytes = 0;
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') bytes += 16 + 2 * v.length;
    else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') bytes += 8;
    else if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) continue;
      seen.add(v);
      if (ArrayBuffer.isView(v)) bytes += 64 + v.byteLength;
      else if (v instanceof ArrayBuffer) bytes += 64 + v.byteLength;
      else if (Array.isArray(v)) {
        bytes += 32 + 8 * v.length;
        if (v.length > SAMPLE_ABOVE) bytes += sampled(v, seen);
        else for (const x of v) if (typeof x !== 'number') stack.push(x);
      } else if (v instanceof Map) {
        bytes += 64;
        for (const [k, x] of v) stack.push(k, x);
        bytes += 24 * v.size;
      } else if (v instanceof Set) {
        bytes += 64 + 16 * v.size;
        for (const x of v) stack.push(x);
      } else {
        const keys = Object.keys(v);
        bytes += 32 + 8 * keys.length;
        for (const k of keys) stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return bytes;
}

/** The elements of a long array measured on SAMPLED evenly spaced ones, scaled to the whole length. */
function sampled(v: readonly unknown[], seen: Set<object>): number {
  const step = v.length / SAMPLED;
  let bytes = 0;
  for (let k = 0; k < SAMPLED; k++) {
    const x = v[Math.floor(k * step)];
    if (typeof x !== 'number') bytes += measure(x, seen);
  }
  return bytes * step;
}
