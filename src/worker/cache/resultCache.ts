/**
 * Results of the worker's log jobs, kept by what they were computed from: the job, its parameters
 * and the content of the files it reads (the log, and the workspace price file). Views and
 * commands share them: a tab shown again, a panel reopened or a command run twice gets the result
 * without computing it again, and an edited log gets a new one. Kept in memory (serialised, least
 * recently used first out past a byte budget) and, for results that took a while, on disk in the
 * extension's storage so that a window reload finds them too. Identical requests that arrive
 * while one is being computed share that computation (a cancelled one stops only when nobody
 * waits for it any more).
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { JobContext } from '../workerProtocol';
import { DiskStore } from './diskStore';
import { fileFingerprint } from './fileFingerprint';
import { abortError, untilAborted } from './sharedCache';
import { SizedLru } from './sizedLru';

/** Bumped when the key or the stored layout changes. */
const FORMAT = 1;

export interface ResultCacheOptions {
  /** Bytes of serialised results kept in memory. */
  memoryBytes: number;
  /** Identifies the engines that computed a result (a result of another build is never used). */
  buildId: string;
  disk?: DiskStore;
  /** Results computed faster than this are not written to disk (default 200 ms). */
  minDiskMs?: number;
}

interface Shared {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: Set<JobContext>;
}

/** JSON with object keys sorted, so that two equal parameter objects give one key. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(v).sort()) out[k] = (v as Record<string, unknown>)[k];
      return out;
    }
    return v;
  });
}

export class ResultCache {
  private readonly memory: SizedLru<Buffer>;
  private readonly running = new Map<string, Shared>();
  /** Bumped by clear(): computations that began before it do not keep their results. */
  private generation = 0;
  /** How each kept result was found the last time (tests and the output channel). */
  readonly stats = { hits: 0, diskHits: 0, misses: 0, shared: 0 };

  constructor(private readonly opts: ResultCacheOptions) {
    this.memory = new SizedLru<Buffer>(opts.memoryBytes);
  }

  /**
   * The key of a job's result: null when the job reads no file, its log cannot be read or its
   * parameters are not JSON (it then runs uncached and reports any problem itself).
   */
  async keyOf(job: string, params: unknown, signal?: AbortSignal): Promise<string | null> {
    if (typeof params !== 'object' || params === null) return null;
    const { file, priceFile, runs } = params as { file?: unknown; priceFile?: unknown; runs?: unknown };
    if (typeof file !== 'string' || file === '') return null;
    // The runs compared with the log (Model Overview, Economic Evaluation) are read too: their content is in the key.
    const others = Array.isArray(runs) ? runs.filter((r): r is string => typeof r === 'string') : [];
    const [log, ...runLogs] = await Promise.all([file, ...others].map((f) => fileFingerprint(f, signal)));
    if (log === null || runLogs.includes(null)) return null;
    const prices = typeof priceFile === 'string' && priceFile !== '' ? await fileFingerprint(priceFile, signal) : null;
    let text: string;
    try {
      text = canonicalJson([FORMAT, this.opts.buildId, job, params, log, prices, ...(runLogs.length ? [runLogs] : [])]);
    } catch {
      return null; // parameters JSON cannot hold (a BigInt): run uncached
    }
    return createHash('sha256').update(text).digest('hex').slice(0, 40);
  }

  /** Runs `compute` for `job`, or answers from what is kept or being computed. */
  async run(
    job: string,
    params: unknown,
    ctx: JobContext,
    compute: (ctx: JobContext) => Promise<unknown>,
  ): Promise<unknown> {
    const key = await this.keyOf(job, params, ctx.signal);
    if (key === null) return compute(ctx);
    const kept = this.memory.get(key);
    if (kept) {
      this.stats.hits++;
      return deserialize(kept);
    }
    const stored = await this.opts.disk?.read(key, key);
    if (stored !== undefined) {
      this.stats.diskHits++;
      this.remember(key, stored);
      return stored;
    }
    const running = this.running.get(key);
    if (running && !running.controller.signal.aborted) {
      this.stats.shared++;
      return this.wait(running, ctx);
    }
    this.stats.misses++;
    return this.wait(this.start(key, ctx, compute), ctx);
  }

  /** Forgets what is kept in memory (tests). */
  clearMemory(): void {
    this.memory.clear();
  }

  /** Forgets every kept result, in memory and on disk (the Clear Cached Results command). */
  async clear(): Promise<void> {
    this.generation++;
    this.memory.clear();
    await this.opts.disk?.clear();
  }

  private start(key: string, first: JobContext, compute: (ctx: JobContext) => Promise<unknown>): Shared {
    const controller = new AbortController();
    const waiters = new Set<JobContext>([first]);
    const shared: JobContext = {
      signal: controller.signal,
      progress: (f, m) => waiters.forEach((w) => w.progress(f, m)),
      update: (d) => waiters.forEach((w) => w.update?.(d)),
    };
    const started = Date.now();
    const generation = this.generation;
    const entry: Shared = { promise: Promise.resolve(undefined), controller, waiters };
    entry.promise = (async () => {
      try {
        const value = await compute(shared);
        // A result computed across a clear() is handed to its waiters but not kept.
        if (!controller.signal.aborted && generation === this.generation) {
          const bytes = this.remember(key, value);
          if (this.opts.disk && bytes !== null && Date.now() - started >= (this.opts.minDiskMs ?? 200))
            void this.opts.disk.write(key, key, value);
        }
        return value;
      } finally {
        if (this.running.get(key) === entry) this.running.delete(key);
      }
    })();
    this.running.set(key, entry);
    return entry;
  }

  /** Waits for a shared computation; a waiter that cancels leaves, and the last one out stops it. */
  private async wait(entry: Shared, ctx: JobContext): Promise<unknown> {
    entry.waiters.add(ctx);
    try {
      return await untilAborted(entry.promise, ctx.signal);
    } catch (err) {
      if (ctx.signal.aborted) throw abortError();
      throw err;
    } finally {
      entry.waiters.delete(ctx);
      if (entry.waiters.size === 0 && ctx.signal.aborted) entry.controller.abort();
    }
  }

  /** Keeps a serialised copy in memory; null when the value cannot be serialised (then it is not kept). */
  private remember(key: string, value: unknown): number | null {
    try {
      const data = serialize(value);
      this.memory.set(key, data, data.length);
      return data.length;
    } catch {
      return null;
    }
  }
}
