/**
 * Compact, JSON-safe encodings of large per-cell arrays (the optimal-model map, in the CLI's
 * `--json` and in the messages to its view), readable in Node and in a browser alike:
 * - integer arrays (system indices, operating points) as runs `[value, count, value, count, ...]`;
 * - float arrays as base64 of their little-endian IEEE-754 float64 bytes (exact, 8 bytes a value).
 * Decoders check everything (a message may be damaged) and throw an Error naming the field.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
/** The alphabet as character codes, and '=' (padding). */
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = 61;
/** True on little-endian machines (all that run VS Code today): float64 bytes can then be copied as they are. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Integer array as runs of equal values: `[value, count, ...]`, counts ≥ 1. */
export function encodeRuns(xs: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length;) {
    const v = xs[i];
    let j = i + 1;
    while (j < xs.length && xs[j] === v) j++;
    out.push(v, j - i);
    i = j;
  }
  return out;
}

/**
 * Inverse of encodeRuns: exactly `length` integers, each in [min, max].
 * @throws when `runs` is not such an encoding.
 */
export function decodeRuns(
  runs: unknown,
  length: number,
  range: { min: number; max: number },
  what: string,
): Int32Array {
  if (!Array.isArray(runs) || runs.length % 2 !== 0) throw new Error(`${what}: expected [value, count, ...] runs`);
  const out = new Int32Array(length);
  let at = 0;
  for (let i = 0; i < runs.length; i += 2) {
    const v: unknown = runs[i];
    const n: unknown = runs[i + 1];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < range.min || v > range.max)
      throw new Error(
        `${what}: run ${i / 2} has value ${String(v)}, expected an integer in [${range.min}, ${range.max}]`,
      );
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > length - at)
      throw new Error(`${what}: run ${i / 2} has count ${String(n)}, expected 1 to ${length - at}`);
    out.fill(v, at, at + n);
    at += n;
  }
  if (at !== length) throw new Error(`${what}: runs cover ${at} cells, expected ${length}`);
  return out;
}

/** Node's Buffer where this runs in Node (the CLI, the engine worker); undefined in a webview. */
const NODE_BUFFER = (
  globalThis as {
    Buffer?: { from(b: ArrayBufferLike, offset: number, length: number): { toString(e: 'base64'): string } };
  }
).Buffer;

/** Float64 values as base64 of their little-endian bytes (Node's native encoder when there is one, else toBase64). */
export function encodeFloat64(xs: ArrayLike<number>): string {
  let bytes: Uint8Array;
  if (LITTLE_ENDIAN) bytes = new Uint8Array(Float64Array.from(xs).buffer);
  else {
    bytes = new Uint8Array(xs.length * 8);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < xs.length; i++) view.setFloat64(i * 8, xs[i], true);
  }
  return NODE_BUFFER
    ? NODE_BUFFER.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64')
    : toBase64(bytes);
}

/**
 * Inverse of encodeFloat64: exactly `length` finite values.
 * @throws on a malformed string, a wrong length or a non-finite value.
 */
export function decodeFloat64(text: unknown, length: number, what: string): Float64Array {
  if (typeof text !== 'string') throw new Error(`${what}: expected a base64 string`);
  const bytes = fromBase64(text, what);
  if (bytes.length !== length * 8)
    throw new Error(`${what}: ${bytes.length} bytes, expected ${length * 8} (${length} float64 values)`);
  const view = new DataView(bytes.buffer);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const v = view.getFloat64(i * 8, true);
    if (!Number.isFinite(v)) throw new Error(`${what}: value ${i} is not a finite number`);
    out[i] = v;
  }
  return out;
}

/** Standard base64 (RFC 4648, with padding), built as ASCII bytes and decoded to a string once. */
export function toBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const t = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = CODES[t >> 18];
    out[o++] = CODES[(t >> 12) & 63];
    out[o++] = CODES[(t >> 6) & 63];
    out[o++] = CODES[t & 63];
  }
  if (i < n) {
    const two = i + 1 < n;
    const t = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
    out[o++] = CODES[t >> 18];
    out[o++] = CODES[(t >> 12) & 63];
    out[o++] = two ? CODES[(t >> 6) & 63] : PAD;
    out[o++] = PAD;
  }
  return new TextDecoder().decode(out);
}

/** Decodes standard padded base64; throws on any other character or a length not a multiple of 4. */
export function fromBase64(text: string, what = 'base64'): Uint8Array {
  if (text.length % 4 !== 0) throw new Error(`${what}: base64 length ${text.length} is not a multiple of 4`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  const digit = (i: number, padded: boolean): number => {
    if (padded) return 0;
    const code = text.charCodeAt(i);
    const v = code < 128 ? DECODE[code] : -1;
    if (v < 0) throw new Error(`${what}: character ${i} is not base64`);
    return v;
  };
  const end = text.length;
  for (let i = 0; i < end; i += 4) {
    const last = i + 4 === end;
    const triple =
      (digit(i, false) << 18) |
      (digit(i + 1, false) << 12) |
      (digit(i + 2, last && pad === 2) << 6) |
      digit(i + 3, last && pad >= 1);
    out[o++] = triple >> 16;
    if (o < out.length) out[o++] = (triple >> 8) & 255;
    if (o < out.length) out[o++] = triple & 255;
  }
  return out;
}
