/**
 * Job results on disk (the extension's storage folder), so that a view reopened after a window
 * reload shows its result without computing it again. One file per result, named by the hash of
 * its key and holding the key beside the value (a file whose key does not match is ignored);
 * written atomically; bounded in total bytes, least recently used first out (a hit refreshes the
 * file's time). Every failure is a miss: the cache never stops a job.
 */
import { mkdir, readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';

const ENTRY = /^[0-9a-f]{40}\.bin$/;

export class DiskStore {
  private index: Promise<Map<string, { bytes: number; used: number }>> | undefined;

  /** `dir` is created on first write; `budgetBytes` bounds the files' total size. */
  constructor(
    readonly dir: string,
    private readonly budgetBytes: number,
    private readonly maxEntryBytes: number,
  ) {}

  /** The value stored under `key` (whose file name is `name`), or undefined. */
  async read(name: string, key: string): Promise<unknown> {
    const path = join(this.dir, `${name}.bin`);
    try {
      const st = await stat(path);
      if (!st.isFile() || st.size > this.maxEntryBytes) return undefined;
      let stored: { key?: unknown; value?: unknown } | null;
      try {
        stored = deserialize(await readFile(path)) as { key?: unknown; value?: unknown } | null;
      } catch {
        // Truncated or foreign bytes: a miss, and the file goes (the next result rewrites it).
        await this.forget(`${name}.bin`);
        return undefined;
      }
      if (!stored || typeof stored !== 'object' || stored.key !== key) return undefined;
      const now = new Date();
      await utimes(path, now, now).catch(() => undefined);
      (await this.entries()).set(`${name}.bin`, { bytes: st.size, used: now.getTime() });
      return stored.value;
    } catch {
      return undefined;
    }
  }

  /** Stores a value under `key` (skipped past the per-entry cap) and trims the folder to its budget; failures are quiet. */
  async write(name: string, key: string, value: unknown): Promise<void> {
    try {
      const data = serialize({ key, value });
      if (data.length > this.maxEntryBytes) return;
      await mkdir(this.dir, { recursive: true });
      await writeFileAtomic(join(this.dir, `${name}.bin`), data);
      const entries = await this.entries();
      entries.set(`${name}.bin`, { bytes: data.length, used: Date.now() });
      await this.trim(entries);
    } catch {
      // A full disk or a read-only folder: results are then kept in memory only.
    }
  }

  /** Removes every stored result (and any temporary file a crashed write left). */
  async clear(): Promise<void> {
    this.index = Promise.resolve(new Map());
    await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Total bytes of the stored results. */
  async bytes(): Promise<number> {
    let total = 0;
    for (const e of (await this.entries()).values()) total += e.bytes;
    return total;
  }

  private entries(): Promise<Map<string, { bytes: number; used: number }>> {
    this.index ??= (async () => {
      const out = new Map<string, { bytes: number; used: number }>();
      let names: string[] = [];
      try {
        names = (await readdir(this.dir)).filter((n) => ENTRY.test(n));
      } catch {
        return out;
      }
      for (const n of names) {
        const st = await stat(join(this.dir, n)).catch(() => null);
        if (st?.isFile()) out.set(n, { bytes: st.size, used: st.mtimeMs });
      }
      return out;
    })();
    return this.index;
  }

  private async forget(file: string): Promise<void> {
    await rm(join(this.dir, file), { force: true }).catch(() => undefined);
    (await this.entries()).delete(file);
  }

  private async trim(entries: Map<string, { bytes: number; used: number }>): Promise<void> {
    let total = 0;
    for (const e of entries.values()) total += e.bytes;
    if (total <= this.budgetBytes) return;
    const oldest = [...entries].sort((a, b) => a[1].used - b[1].used);
    for (const [n, e] of oldest) {
      if (total <= this.budgetBytes) break;
      await rm(join(this.dir, n), { force: true }).catch(() => undefined);
      entries.delete(n);
      total -= e.bytes;
    }
  }
}

/**
 * Removes the folders of other builds under `root` (results computed by another version of the
 * engines must not be shown); only names that look like this cache's own (16 hex digits).
 */
export async function removeOtherBuilds(root: string, keep: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return;
  }
  for (const n of names)
    if (/^[0-9a-f]{16}$/.test(n) && n !== keep)
      await rm(join(root, n), { recursive: true, force: true }).catch(() => undefined);
}
