import { open, type FileHandle } from 'node:fs/promises';
import { EvalLogError } from '../../engines/logs/evalLogError';
import { abortError } from './lineStream';
import { inflateEntry } from './zipInflate';

/** One file inside a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate, 93 zstandard (others are refused when the entry is read). */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Bounds that keep a hostile archive (a "zip bomb", a forged directory) from exhausting memory or time. */
export interface ZipLimits {
  /** Most bytes decompressed over all the entries read (default 2 GiB). */
  maxTotalBytes: number;
  /** Most bytes one entry may decompress to (default 512 MiB). */
  maxEntryBytes: number;
  /** Most entries the central directory may list (default 2,000,000). */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntryBytes: 512 * 1024 ** 2,
  maxEntries: 2_000_000,
};

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
/** Bytes of the central directory read at a time (a directory of a million entries is never held whole). */
const DIRECTORY_CHUNK = 1 << 20;
const utf8 = new TextDecoder('utf-8');

/**
 * A zip archive read through a file handle: the central directory is parsed in 1 MB pieces and
 * only the entries `keep` accepts are remembered; an entry's bytes are read and decompressed only
 * when asked for, within `limits`. Every problem is an EvalLogError naming the file and, when it
 * concerns one entry, the entry.
 */
export class ZipArchive {
  /** Entries of interest, by name. */
  readonly entries = new Map<string, ZipEntry>();
  /** Entries listed by the central directory (all of them, kept or not). */
  entryCount = 0;
  private decompressed = 0;

  private constructor(
    readonly file: string,
    private readonly fh: FileHandle,
    private readonly size: number,
    private readonly limits: ZipLimits,
  ) {}

  /** Opens `file` and reads its central directory; the caller must `close()` it. */
  static async open(
    file: string,
    keep: (name: string) => boolean,
    limits: ZipLimits = DEFAULT_ZIP_LIMITS,
    signal?: AbortSignal,
  ): Promise<ZipArchive> {
    let fh: FileHandle;
    try {
      fh = await open(file, 'r');
    } catch (err) {
      throw new EvalLogError(file, `cannot open the archive (${(err as Error).message})`);
    }
    try {
      const zip = new ZipArchive(file, fh, (await fh.stat()).size, limits);
      await zip.readDirectory(keep, signal);
      return zip;
    } catch (err) {
      await fh.close();
      if (err instanceof EvalLogError || signal?.aborted) throw err;
      throw new EvalLogError(file, `cannot read the archive (${(err as Error).message})`);
    }
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  /** The decompressed bytes of one entry, checked against its size and CRC-32 and the limits. */
  async read(entry: ZipEntry): Promise<Uint8Array> {
    const where = `entry "${entry.name}"`;
    if (entry.flags & 1) throw this.error(`${where} is encrypted`);
    if (entry.size > this.limits.maxEntryBytes)
      throw this.error(
        `${where} declares ${entry.size} bytes once decompressed, more than the ${this.limits.maxEntryBytes}-byte limit per entry (a zip bomb, or a sample too large to read)`,
      );
    if (this.decompressed + entry.size > this.limits.maxTotalBytes)
      throw this.error(
        `${where} would take the bytes decompressed past the ${this.limits.maxTotalBytes}-byte limit for the whole archive (a zip bomb, or a log too large to read)`,
      );
    const local = await this.readAt(entry.localHeaderOffset, LOCAL_SIZE, `${where}'s local header`);
    if (local.readUInt32LE(0) !== LOCAL_SIG)
      throw this.error(`${where}: no local file header at offset ${entry.localHeaderOffset} (corrupt archive)`);
    const dataStart = entry.localHeaderOffset + LOCAL_SIZE + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (entry.compressedSize > this.limits.maxEntryBytes + (1 << 20))
      throw this.error(`${where} holds ${entry.compressedSize} compressed bytes, more than the per-entry limit`);
    const data = await this.readAt(dataStart, entry.compressedSize, where);
    const out = await inflateEntry(this.file, entry, data);
    this.decompressed += out.length;
    return out;
  }

  private error(reason: string): EvalLogError {
    return new EvalLogError(this.file, reason);
  }

  /** Exactly `length` bytes at `position`, or an EvalLogError saying the archive ends early. */
  private async readAt(position: number, length: number, what: string): Promise<Buffer> {
    if (position < 0 || position + length > this.size)
      throw this.error(`${what} lies past the end of the file (truncated archive?)`);
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await this.fh.read(buf, done, length - done, position + done));
      } catch (err) {
        throw this.error(`${what}: cannot read the file (${(err as Error).message})`);
      }
      if (bytesRead === 0) throw this.error(`${what}: the file ends early (truncated archive?)`);
      done += bytesRead;
    }
    return buf;
  }

  /** Finds the end-of-central-directory record (and its ZIP64 form) and walks the directory. */
  private async readDirectory(keep: (name: string) => boolean, signal?: AbortSignal): Promise<void> {
    const { count, offset, size } = await this.findDirectory();
    if (count > this.limits.maxEntries)
      throw this.error(`the archive lists ${count} entries, more than the limit of ${this.limits.maxEntries}`);
    if (offset + size > this.size)
      throw this.error(
        `the central directory (offset ${offset}, ${size} bytes) lies past the end of the file (truncated archive?)`,
      );
    let pos = offset;
    const end = offset + size;
    let buf: Buffer = Buffer.alloc(0);
    let bufStart = pos;
    /** Makes bytes [pos, pos + n) available in `buf`; false when the directory ends first. */
    const need = async (n: number): Promise<boolean> => {
      if (pos + n > end) return false;
      if (pos + n <= bufStart + buf.length) return true;
      const take = Math.min(end - pos, Math.max(n, DIRECTORY_CHUNK));
      buf = await this.readAt(pos, take, 'the central directory');
      bufStart = pos;
      return true;
    };
    for (let i = 0; i < count; i++) {
      if ((i & 0x3ff) === 0 && signal?.aborted) throw abortError(signal);
      if (!(await need(CENTRAL_SIZE)))
        throw this.error(`the central directory ends after ${i} of its ${count} entries (corrupt archive)`);
      let at = pos - bufStart;
      if (buf.readUInt32LE(at) !== CENTRAL_SIG)
        throw this.error(`central directory entry ${i + 1} has a bad signature (corrupt archive)`);
      const nameLen = buf.readUInt16LE(at + 28);
      const extraLen = buf.readUInt16LE(at + 30);
      const commentLen = buf.readUInt16LE(at + 32);
      const total = CENTRAL_SIZE + nameLen + extraLen + commentLen;
      if (!(await need(total)))
        throw this.error(`central directory entry ${i + 1} runs past the directory's end (corrupt archive)`);
      at = pos - bufStart;
      const name = utf8.decode(buf.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLen));
      this.entryCount++;
      if (keep(name))
        this.entries.set(
          name,
          this.parseEntry(
            buf,
            at,
            name,
            buf.subarray(at + CENTRAL_SIZE + nameLen, at + CENTRAL_SIZE + nameLen + extraLen),
          ),
        );
      pos += total;
    }
  }

  private parseEntry(buf: Buffer, at: number, name: string, extra: Buffer): ZipEntry {
    const entry: ZipEntry = {
      name,
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      crc32: buf.readUInt32LE(at + 16),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localHeaderOffset: buf.readUInt32LE(at + 42),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff)
      this.applyZip64(entry, extra);
    return entry;
  }

  /** Replaces the 0xFFFFFFFF placeholders with the 64-bit values of the ZIP64 extra field (id 1). */
  private applyZip64(entry: ZipEntry, extra: Buffer): void {
    for (let p = 0; p + 4 <= extra.length;) {
      const id = extra.readUInt16LE(p);
      const len = extra.readUInt16LE(p + 2);
      if (id === 1) {
        let q = p + 4;
        const next = (): number => {
          if (q + 8 > p + 4 + len || q + 8 > extra.length)
            throw this.error(`entry "${entry.name}": its ZIP64 extra field is too short (corrupt archive)`);
          const v = this.safe(extra.readBigUInt64LE(q), `entry "${entry.name}"`);
          q += 8;
          return v;
        };
        if (entry.size === 0xffffffff) entry.size = next();
        if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
        if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
        return;
      }
      p += 4 + len;
    }
    throw this.error(`entry "${entry.name}" needs a ZIP64 extra field and has none (corrupt archive)`);
  }

  private safe(v: bigint, what: string): number {
    if (v > BigInt(Number.MAX_SAFE_INTEGER))
      throw this.error(`${what}: a 64-bit size or offset of ${v} is beyond what can be read`);
    return Number(v);
  }

  /** Entry count, offset and size of the central directory, from the (ZIP64) end-of-central-directory record. */
  private async findDirectory(): Promise<{ count: number; offset: number; size: number }> {
    if (this.size < EOCD_SIZE) throw this.error('not a zip archive (too short to hold a zip directory)');
    const tailLen = Math.min(this.size, EOCD_SIZE + MAX_COMMENT);
    const tailStart = this.size - tailLen;
    const tail = await this.readAt(tailStart, tailLen, 'the end of the archive');
    let at = -1;
    for (let i = tailLen - EOCD_SIZE; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG && i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tailLen) {
        at = i;
        break;
      }
    }
    if (at < 0)
      throw this.error(
        'not a readable .eval archive: no end-of-central-directory record (the file is truncated, or not a zip)',
      );
    if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0)
      throw this.error('a split (multi-disk) zip archive, which this reader does not read');
    let count = tail.readUInt16LE(at + 10);
    let size = tail.readUInt32LE(at + 12);
    let offset = tail.readUInt32LE(at + 16);
    const locatorAt = tailStart + at - 20;
    if (locatorAt >= 0) {
      const locator = await this.readAt(locatorAt, 20, 'the ZIP64 locator');
      if (locator.readUInt32LE(0) === ZIP64_LOCATOR_SIG) {
        const recordAt = this.safe(locator.readBigUInt64LE(8), 'the ZIP64 locator');
        const record = await this.readAt(recordAt, 56, 'the ZIP64 end-of-central-directory record');
        if (record.readUInt32LE(0) !== ZIP64_EOCD_SIG)
          throw this.error('the ZIP64 end-of-central-directory record is missing (corrupt archive)');
        count = this.safe(record.readBigUInt64LE(32), 'the ZIP64 directory');
        size = this.safe(record.readBigUInt64LE(40), 'the ZIP64 directory');
        offset = this.safe(record.readBigUInt64LE(48), 'the ZIP64 directory');
      }
    }
    return { count, offset, size };
  }
}
