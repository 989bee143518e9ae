import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheSettings } from '../workerProtocol';
import { DiskStore, removeOtherBuilds } from './diskStore';
import { ResultCache } from './resultCache';

export const DEFAULT_MEMORY_BYTES = 128 * 2 ** 20;
export const DEFAULT_DISK_BYTES = 256 * 2 ** 20;
/** A single result larger than this is kept in memory only. */
const MAX_DISK_ENTRY_BYTES = 64 * 2 ** 20;

let build: string | undefined;

/**
 * What identifies this build of the engines: the hash of the worker's own script (dist/worker.js
 * bundles every engine and the price database), so that a result computed by another version is
 * never shown. 16 hex digits, also the name of the build's folder on disk.
 */
export function buildId(): string {
  if (build === undefined) {
    let text: Buffer | string;
    try {
      text = readFileSync(__filename);
    } catch {
      text = __filename;
    }
    build = createHash('sha256').update(text).digest('hex').slice(0, 16);
  }
  return build;
}

/** The worker's result cache for the host's settings: memory always, disk when a folder is given. */
export function workerCache(settings: CacheSettings): ResultCache {
  const id = buildId();
  const memoryBytes = positive(settings.memoryBytes) ?? DEFAULT_MEMORY_BYTES;
  if (typeof settings.dir !== 'string' || settings.dir === '') return new ResultCache({ memoryBytes, buildId: id });
  const diskBytes = positive(settings.diskBytes) ?? DEFAULT_DISK_BYTES;
  void removeOtherBuilds(settings.dir, id);
  return new ResultCache({
    memoryBytes,
    buildId: id,
    disk: new DiskStore(join(settings.dir, id), diskBytes, Math.min(MAX_DISK_ENTRY_BYTES, diskBytes)),
  });
}

const positive = (x: unknown): number | undefined =>
  typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : undefined;
