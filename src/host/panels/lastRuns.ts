import type * as vscode from 'vscode';

/**
 * The last thing a view computed on each log (its parameters, not its result), kept in the
 * workspace's state so that a view closed and opened again on that log asks for the same result,
 * which the worker then serves from its cache. At most `max` logs, the least recently run first
 * out. Without a store (tests), kept in memory.
 */
export class LastRuns<T> {
  private readonly memory = new Map<string, T>();

  constructor(
    private readonly store: vscode.Memento | undefined,
    private readonly key: string,
    private readonly max = 50,
  ) {}

  /** The last run on `file`, if one was kept (its shape is the caller's to check). */
  get(file: string): T | undefined {
    return this.entries().get(file);
  }

  /** Keeps `run` as the last on `file`. */
  set(file: string, run: T): void {
    const entries = this.entries();
    entries.delete(file);
    entries.set(file, run);
    while (entries.size > this.max) entries.delete(entries.keys().next().value as string);
    if (!this.store) return;
    void Promise.resolve(this.store.update(this.key, [...entries])).catch(() => undefined);
  }

  private entries(): Map<string, T> {
    if (!this.store) return this.memory;
    const raw: unknown = this.store.get(this.key);
    const out = new Map<string, T>();
    if (Array.isArray(raw))
      for (const e of raw) if (Array.isArray(e) && e.length === 2 && typeof e[0] === 'string') out.set(e[0], e[1] as T);
    return out;
  }
}
