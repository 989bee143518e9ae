/**
 * What a log file holds, as a content hash: the key under which the worker keeps what it derived
 * from the file (records, prepared tables, job results). Two files with the same bytes share it,
 * touching a file does not change it, and an edit that keeps the size and the modification time
 * still does.
 *
 * SHA-256 of the bytes, read in 1 MiB blocks (node:crypto; about 0.4 s for a 300 MB file on one
 * core, 10 ms for a bundled 5 MB log). A hash is remembered per file identity (device, inode,
 * size, modification and change times) so that asking again costs one `stat`, but only when the
 * file was last written more than `SETTLE_MS` before the hash started: a later write within the
 * same timestamp tick cannot then go unnoticed (the "racy" case of coarse file-system clocks).
 *
 * lm-evaluation-harness samples files are read together with the `results*.json` files beside
 * them (the model's name and the task's metrics come from there), so those files are part of
 * the fingerprint of any file that has them beside it.
 */
import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file written less than this long before its hash began is hashed again next time. */
export const SETTLE_MS = 2000;
const BLOCK = 1 << 20;
/** Sibling results files hashed by content; beyond this many, by name, size and time only. */
const MAX_SIBLINGS_HASHED = 32;
const RESULTS_FILE = /^results.*\.json$/i;

interface Remembered {
  identity: string;
  hash: string;
}
const remembered = new Map<string, Remembered>();
const MAX_REMEMBERED = 512;

const identityOf = (st: Stats): string => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;

/** SHA-256 (hex) of a file's bytes; rejects when it cannot be read or the signal aborts. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(BLOCK);
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await fh.read(buf, 0, BLOCK, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await fh.close();
  }
}

/** The content hash of one file, from memory when its identity is unchanged and it had settled. */
async function contentHash(path: string, signal?: AbortSignal): Promise<string> {
  const before = await stat(path);
  if (!before.isFile()) throw new Error(`${path} is not a file`);
  const identity = identityOf(before);
  const known = remembered.get(path);
  if (known && known.identity === identity) return known.hash;
  const started = Date.now();
  const hash = await hashFile(path, signal);
  const after = await stat(path).catch(() => null);
  const settled = started - Math.max(before.mtimeMs, before.ctimeMs) > SETTLE_MS;
  if (after && identityOf(after) === identity && settled) {
    remembered.delete(path);
    remembered.set(path, { identity, hash });
    if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  }
  return hash;
}

/** The `results*.json` files beside `path` (sorted), each with its hash or, past the cap, its identity. */
async function siblings(path: string, signal?: AbortSignal): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dirname(path))).filter((n) => RESULTS_FILE.test(n) && n !== basename(path)).sort();
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const [i, n] of names.entries()) {
    const p = join(dirname(path), n);
    try {
      out.push(`${n}=${i < MAX_SIBLINGS_HASHED ? await contentHash(p, signal) : identityOf(await stat(p))}`);
    } catch (err) {
      signal?.throwIfAborted();
      out.push(`${n}=unreadable:${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  return out;
}

/**
 * The fingerprint of a log file: its content hash, with the results files the lm-evaluation-harness
 * reader may consult beside it. Null when the file cannot be read (the job then runs uncached and
 * reports the problem itself).
 */
export async function fileFingerprint(path: string, signal?: AbortSignal): Promise<string | null> {
  let own: string;
  try {
    own = await contentHash(path, signal);
  } catch {
    signal?.throwIfAborted();
    return null;
  }
  const beside = await siblings(path, signal);
  return beside.length === 0
    ? own
    : createHash('sha256')
        .update([own, ...beside].join('\n'))
        .digest('hex');
}

/** Forgets every remembered hash (tests). */
export function forgetFingerprints(): void {
  remembered.clear();
}
