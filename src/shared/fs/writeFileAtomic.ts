import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see either the old content or the new, never half: write a
 * temporary file beside it, flush it to disk, then rename over the target (atomic on one volume).
 * The temporary file is removed if anything fails, including an iterable of chunks that throws
 * (e.g. because the work was cancelled): then the target is left as it was. `sync: false` leaves
 * out the flush (an fsync costs milliseconds per file): the rename still hides a half-written
 * file from readers and from a crash of this process; only a power loss may then lose the newest
 * content. For files that can be made again, such as generated data sets from their seeds.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  opts: { sync?: boolean } = {},
): Promise<void> {
  const tmp = temporaryBeside(target);
  try {
    const fh = await open(tmp, 'wx');
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await fh.writeFile(data);
      else for await (const chunk of data) await writeAll(fh, typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      if (opts.sync !== false) await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Writes all of `buf` at the file's position (a single write may write less than asked). */
async function writeAll(fh: FileHandle, buf: Uint8Array): Promise<void> {
  for (let off = 0; off < buf.length;) off += (await fh.write(buf, off)).bytesWritten;
}

let temporaries = 0;

/**
 * A fresh hidden temporary name in the folder of `target`: this process's id, a count and 40 random
 * bits keep names apart (the file is then created exclusively, so a clash fails instead of
 * overwriting). Not from node:crypto: loading it cost ~3 ms of each `costrisk generate`.
 */
function temporaryBeside(target: string): string {
  const random = Math.floor(Math.random() * 2 ** 40).toString(36);
  return join(dirname(target), `.${basename(target)}.${process.pid}-${++temporaries}-${random}.tmp`);
}

/**
 * writeFileAtomic done synchronously: the same temporary file, flush (unless `sync: false`) and
 * rename, without a trip through libuv's thread pool for each of them. For small files written
 * in a loop (the CLI's generated data sets), where those trips cost more than the writing; the
 * thread is busy until the file is written, so keep it to files of a few megabytes.
 */
export function writeFileAtomicSync(
  target: string,
  data: string | Uint8Array | Iterable<string | Uint8Array>,
  opts: { sync?: boolean } = {},
): void {
  const tmp = temporaryBeside(target);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      for (const piece of typeof data === 'string' || data instanceof Uint8Array ? [data] : data) {
        const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
        for (let off = 0; off < chunk.length;) off += writeSync(fd, chunk, off);
      }
      if (opts.sync !== false) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
