import * as zlib from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { EvalLogError } from '../../engines/logs/evalLogError';
import type { ZipEntry } from './zipArchive';

const STORED = 0;
const DEFLATE = 8;
/** Zstandard (APPNOTE 4.4.5); Inspect AI writes its `.eval` entries this way since 0.3.206. */
const ZSTD = 93;
const ZSTD_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

/**
 * Decompresses one zip entry (stored, deflate or zstandard) into exactly its declared size and
 * checks its CRC-32, so the memory used is the declared size, already checked against the limits,
 * whatever the data says: deflate stops as soon as it would write past the declared size, and
 * zstandard writes into a buffer of that size (anything beyond is dropped and the checksum fails).
 * Every failure is an EvalLogError naming the entry.
 */
export function inflateEntry(file: string, entry: ZipEntry, data: Uint8Array): Uint8Array {
  const where = `entry "${entry.name}"`;
  let out: Uint8Array;
  switch (entry.method) {
    case STORED:
      if (data.length !== entry.size)
        throw new EvalLogError(
          file,
          `${where} is stored uncompressed but holds ${data.length} bytes, not the ${entry.size} its directory declares (corrupt archive)`,
        );
      out = data;
      break;
    case DEFLATE:
      out = inflateRaw(file, where, data, entry.size);
      break;
    case ZSTD:
      out = unzstd(file, where, data, entry.size);
      break;
    default:
      throw new EvalLogError(
        file,
        `${where} uses zip compression method ${entry.method}; this reader reads stored (0), deflate (8) and zstandard (93) entries`,
      );
  }
  if (crc32(out) !== entry.crc32)
    throw new EvalLogError(
      file,
      `${where} does not match its CRC-32 checksum (the archive is corrupt${entry.method === ZSTD ? ', or the entry decompresses to more than the declared size' : ''})`,
    );
  return out;
}

function inflateRaw(file: string, where: string, data: Uint8Array, size: number): Uint8Array {
  let out: Buffer;
  try {
    // maxOutputLength makes zlib stop (RangeError) as soon as the output would pass the declared size.
    out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
      throw new EvalLogError(
        file,
        `${where} inflates to more than the ${size} bytes its directory declares (a zip bomb, or a corrupt archive); reading stopped there`,
      );
    throw new EvalLogError(file, `${where}: the deflate data is corrupt (${firstLine(err)})`);
  }
  if (out.length !== size)
    throw new EvalLogError(
      file,
      `${where} inflates to ${out.length} bytes, not the ${size} its directory declares (corrupt archive)`,
    );
  return out;
}

function unzstd(file: string, where: string, data: Uint8Array, size: number): Uint8Array {
  if (data.length < 4) throw new EvalLogError(file, `${where}: the zstandard data is truncated (${data.length} bytes)`);
  const magic = (data[0] | (data[1] << 8) | (data[2] << 16) | (data[3] << 24)) >>> 0;
  if (magic !== ZSTD_MAGIC && (magic & SKIPPABLE_MASK) >>> 0 !== SKIPPABLE_MAGIC)
    throw new EvalLogError(file, `${where}: not zstandard data (no frame magic number)`);
  const out = new Uint8Array(size);
  try {
    // With an output buffer given, fzstd decodes into it and allocates no window of its own.
    zstdDecompress(data, out);
  } catch (err) {
    throw new EvalLogError(file, `${where}: the zstandard data is corrupt (${firstLine(err)})`);
  }
  return out;
}

const firstLine = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 120);

let table: Int32Array | null = null;

/** CRC-32 (IEEE, as zip uses): zlib's native one when this Node has it (20.15+), else a table-driven one. */
export function crc32(data: Uint8Array): number {
  const native = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
  if (native) return native(data) >>> 0;
  if (table === null) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
