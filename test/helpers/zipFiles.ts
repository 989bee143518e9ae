// Test-only zip helpers, written apart from the reader under test (src/node/logs/zipArchive.ts):
// `rawZipEntries` walks the local file headers from the start of the file (the reader uses the
// central directory at the end), and `writeZip` builds archives with any method, sizes and CRCs,
// including forged ones (zip bombs, wrong checksums) that no zip library would write.
import { inflateSync } from 'fflate';
import { decompress as zstdDecompress } from 'fzstd';
import { crc32 as zlibCrc32 } from 'node:zlib';

/** Every entry of a zip file, decompressed (stored, deflate or zstandard), by walking its local headers. */
export function rawZipEntries(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Map<string, Uint8Array>();
  let p = 0;
  while (p + 30 <= view.length && view.readUInt32LE(p) === 0x04034b50) {
    const flags = view.readUInt16LE(p + 6);
    const method = view.readUInt16LE(p + 8);
    const csize = view.readUInt32LE(p + 18);
    const nameLen = view.readUInt16LE(p + 26);
    const extraLen = view.readUInt16LE(p + 28);
    if (flags & 8) throw new Error('rawZipEntries: entries with a data descriptor are not supported');
    const name = view.subarray(p + 30, p + 30 + nameLen).toString('utf8');
    const start = p + 30 + nameLen + extraLen;
    const data = bytes.subarray(start, start + csize);
    out.set(
      name,
      method === 0
        ? data
        : method === 8
          ? inflateSync(data)
          : method === 93
            ? zstdDecompress(data)
            : fail(`method ${method}`),
    );
    p = start + csize;
  }
  return out;
}

const fail = (what: string): never => {
  throw new Error(`rawZipEntries: unsupported ${what}`);
};

/** The JSON of one entry. */
export function entryJson(entries: Map<string, Uint8Array>, name: string): unknown {
  const data = entries.get(name);
  if (!data) throw new Error(`no entry ${name}`);
  return JSON.parse(Buffer.from(data).toString('utf8'));
}

export interface ZipSpec {
  name: string;
  /** The bytes stored in the archive (already compressed for methods 8 and 93). */
  data: Uint8Array;
  method: 0 | 8 | 93 | number;
  /** Declared uncompressed size and CRC-32 (forge them to make a bomb or a corrupt entry). */
  size: number;
  crc: number;
}

/**
 * A zip archive of the given entries, with a central directory and an end record. With `zip64`,
 * the directory gives sizes and offsets in ZIP64 extra fields and the end record is found through
 * a ZIP64 locator, as zip writers do past 4 GiB or 65,535 entries.
 */
export function writeZip(entries: ZipSpec[], opts: { zip64?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(45, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(opts.zip64 ? 0xffffffff : e.data.length, 20);
    central.writeUInt32LE(opts.zip64 ? 0xffffffff : e.size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(opts.zip64 ? 0xffffffff : offset, 42);
    let extra = Buffer.alloc(0);
    if (opts.zip64) {
      extra = Buffer.alloc(28);
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(e.size), 4);
      extra.writeBigUInt64LE(BigInt(e.data.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
      central.writeUInt16LE(extra.length, 30);
    }
    locals.push(local, name, Buffer.from(e.data));
    centrals.push(central, name, extra);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : offset, 16);
  if (!opts.zip64) return Buffer.concat([...locals, cd, end]);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(entries.length), 24);
  record.writeBigUInt64LE(BigInt(entries.length), 32);
  record.writeBigUInt64LE(BigInt(cd.length), 40);
  record.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([...locals, cd, record, locator, end]);
}

/** CRC-32 of some bytes (node:zlib's). */
export const crc32 = (data: Uint8Array): number => zlibCrc32(data) >>> 0;

/** A stored (uncompressed) entry holding `text`. */
export function storedEntry(name: string, text: string): ZipSpec {
  const data = Buffer.from(text, 'utf8');
  return { name, data, method: 0, size: data.length, crc: crc32(data) };
}

/**
 * A valid zstandard frame holding `data` in raw blocks (no compression: enough to write a zstd
 * entry without a zstd compressor), or, with `rle`, `rle.blocks` run-length blocks of 128 KiB of
 * `rle.byte` each: 4 bytes per block that decode to 131,072 bytes, a zstd bomb.
 */
export function zstdFrame(data: Uint8Array, rle?: { byte: number; blocks: number }): Buffer {
  // Frame header: magic, descriptor 0 (no content size, not single segment), window 2^(10+11) = 2 MiB.
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58])];
  const block = (type: number, size: number, last: boolean): Buffer => {
    const h = (size << 3) | (type << 1) | (last ? 1 : 0);
    return Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]);
  };
  if (rle) {
    for (let i = 0; i < rle.blocks; i++) parts.push(block(1, 131072, i === rle.blocks - 1), Buffer.from([rle.byte]));
    return Buffer.concat(parts);
  }
  const MAX = 131072;
  if (data.length === 0) parts.push(block(0, 0, true));
  for (let p = 0; p < data.length; p += MAX) {
    const piece = data.subarray(p, Math.min(data.length, p + MAX));
    parts.push(block(0, piece.length, p + MAX >= data.length), Buffer.from(piece));
  }
  return Buffer.concat(parts);
}

/** A zstandard entry holding `text` (raw blocks). */
export function zstdEntry(name: string, text: string): ZipSpec {
  const raw = Buffer.from(text, 'utf8');
  return { name, data: zstdFrame(raw), method: 93, size: raw.length, crc: crc32(raw) };
}

/**
 * A 30-byte zstandard frame (RFC 8878) whose one compressed block holds 8 literals and 98,303
 * sequences (the most the header can count), each with run-length-coded literal length 8, a repeat
 * offset and match-length code 52 (65,539 bytes and up): some 6.4 billion bytes of copies, declared as a
 * 1,000-byte frame. The bitstream is 4 bytes, so a decoder reads past its start for nearly every
 * sequence. A decoder that checks each sequence against the room left in its output refuses it at
 * once; one that does not (fzstd 0.1.1) spends about 90 s on it.
 */
export function zstdSequenceBomb(): Buffer {
  const body = [
    ...[8 << 3, 1, 2, 3, 4, 5, 6, 7, 8], // literals section: raw, 8 bytes
    ...[0xff, 0xff, 0xff], // number of sequences: 0x7f00 + 0xffff
    ...[0x54, 8, 1, 52], // all three codes run-length: literal length 8, offset code 1, match length code 52
    ...[0xff, 0xff, 0xff, 0x80], // the bitstream; its last byte holds the end marker
  ];
  const block = (body.length << 3) | (2 << 1) | 1; // the last block, compressed
  const size = 1000 - 256; // a 2-byte content size field holds the size minus 256
  return Buffer.from([
    0x28,
    0xb5,
    0x2f,
    0xfd,
    0x60,
    size & 0xff,
    size >> 8,
    ...[0, 8, 16].map((s) => (block >> s) & 0xff),
    ...body,
  ]);
}
