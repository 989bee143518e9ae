import * as zlib from 'node:zlib';
import { ZSTDDecoder } from 'zstddec';
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
 * The zstandard decoder keeps the compressed and the decompressed entry in its WebAssembly memory at
 * once, and that memory never shrinks; entries bigger than this together are refused (the default
 * per-entry limit, 512 MiB, keeps any one entry far below it).
 */
const ZSTD_MAX_HEAP_BYTES = 1536 * 1024 ** 2;

/**
 * zstandard is decoded by the reference implementation (zstd 1.5.7) built to WebAssembly, which
 * checks every block and sequence against the room left in the output: its work is linear in the
 * declared size whatever the data says. (fzstd, used before, bounds neither literal nor match lengths
 * by the output, so a 30-byte frame could keep it busy for minutes.) Loaded once per process, on the
 * first zstandard entry.
 */
const zstd = new ZSTDDecoder();

/**
 * Decompresses one zip entry (stored, deflate or zstandard) into exactly its declared size and
 * checks its CRC-32, so the memory used is the declared size, already checked against the limits,
 * whatever the data says: both decoders stop as soon as they would write past the declared size.
 * Every failure is an EvalLogError naming the entry.
 */
export async function inflateEntry(file: string, entry: ZipEntry, data: Uint8Array): Promise<Uint8Array> {
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
      await loadZstd(file, where);
      out = unzstd(file, where, data, entry.size);
      break;
    default:
      throw new EvalLogError(
        file,
        `${where} uses zip compression method ${entry.method}; this reader reads stored (0), deflate (8) and zstandard (93) entries`,
      );
  }
  if (crc32(out) !== entry.crc32)
    throw new EvalLogError(file, `${where} does not match its CRC-32 checksum (the archive is corrupt)`);
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

async function loadZstd(file: string, where: string): Promise<void> {
  try {
    await zstd.init();
  } catch (err) {
    throw new EvalLogError(
      file,
      `${where}: the zstandard decoder (WebAssembly) could not be loaded (${firstLine(err)})`,
    );
  }
}

function unzstd(file: string, where: string, data: Uint8Array, size: number): Uint8Array {
  if (data.length < 4) throw new EvalLogError(file, `${where}: the zstandard data is truncated (${data.length} bytes)`);
  const magic = (data[0] | (data[1] << 8) | (data[2] << 16) | (data[3] << 24)) >>> 0;
  if (magic !== ZSTD_MAGIC && (magic & SKIPPABLE_MASK) >>> 0 !== SKIPPABLE_MAGIC)
    throw new EvalLogError(file, `${where}: not zstandard data (no frame magic number)`);
  // The decoder reads a size of 0 as "whatever the frame header says"; an empty entry needs no decoding.
  if (size === 0) return new Uint8Array(0);
  if (data.length + size > ZSTD_MAX_HEAP_BYTES)
    throw new EvalLogError(
      file,
      `${where} is too large for the zstandard decoder (${data.length} compressed and ${size} decompressed bytes; at most ${ZSTD_MAX_HEAP_BYTES} together)`,
    );
  let out: Uint8Array;
  try {
    out = zstd.decode(data, size);
  } catch (err) {
    throw new EvalLogError(file, `${where}: the zstandard data could not be decoded (${firstLine(err)})`);
  }
  // On any error (corrupt data, or more output than the declared size) the decoder returns nothing.
  if (out.length !== size)
    throw new EvalLogError(
      file,
      `${where}: the zstandard data is corrupt, or does not decompress to the ${size} bytes its directory declares`,
    );
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
