import { writeShortestPositive } from '../../shared/text/shortestDigits';

/** Bytes per chunk (about 1 MB: small enough to stay in young memory, large enough to write in few calls). */
export const CHUNK_BYTES = 1 << 20;
/** Room kept free at the end of a chunk: the longest number (24 characters) or label plus a separator. */
const SLACK = 64;
const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);
/** Above this magnitude, |x|·10^decimals is no longer an exact integer in a double: the exact toFixed is used. */
const EXACT_INT = 2 ** 53;

/**
 * Fills ASCII text into fixed-size byte chunks without building strings per row: the CSV of a
 * data set with 400,000 numbers is written without 4,000 row strings and their joins. Callers
 * write pieces, then `take()` a full chunk when `full` is true and `rest()` at the end.
 */
export class AsciiChunks {
  private buf: Uint8Array;
  private pos = 0;
  private readonly size: number;

  /** `expected`: about how many bytes will be written (a small data set then gets a small buffer, not a megabyte). */
  constructor(expected: number = CHUNK_BYTES) {
    this.size = Math.max(SLACK * 2, Math.min(CHUNK_BYTES, Math.ceil(expected) + SLACK));
    this.buf = new Uint8Array(this.size);
  }

  /** True when a chunk is due (fewer than SLACK bytes are left in it). */
  get full(): boolean {
    return this.pos > this.size - SLACK;
  }

  /** The filled chunk; writing continues in a new one. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.buf = new Uint8Array(this.size);
    this.pos = 0;
    return out;
  }

  /** What was written since the last take (possibly empty); nothing may be written after it. */
  rest(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.buf = new Uint8Array(0);
    this.pos = 0;
    return out;
  }

  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  /** ASCII text of any length (a long header is written across chunks by growing this one). */
  text(s: string): void {
    if (this.pos + s.length > this.buf.length) {
      const bigger = new Uint8Array(this.pos + s.length + SLACK);
      bigger.set(this.buf.subarray(0, this.pos));
      this.buf = bigger;
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i) & 0x7f;
    this.pos = p;
  }

  /** A non-negative integer below 2^53, in decimal. */
  unsigned(v: number): void {
    const buf = this.buf;
    const start = this.pos;
    let p = start;
    do {
      const q = Math.floor(v / 10);
      buf[p++] = 48 + (v - q * 10);
      v = q;
    } while (v > 0);
    for (let a = start, b = p - 1; a < b; a++, b--) {
      const t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
    this.pos = p;
  }

  /**
   * A finite number rounded to `decimals` (0–15) places, exactly as `x.toFixed(decimals)` writes
   * it, but without a string per number: |x|·10^decimals is rounded to an integer and its digits
   * written with the point put back. The product is one rounding away from the exact value (10^d
   * is exact for d ≤ 22), off by at most half a unit in its last place; when that could move it
   * across a half-way point, and when it passes 2^53, toFixed itself writes the number.
   */
  fixed(x: number, decimals: number): void {
    const product = Math.abs(x) * POW10[decimals];
    const scaled = Math.round(product);
    if (!(scaled < EXACT_INT) || Math.abs(Math.abs(product - scaled) - 0.5) <= product * 2.5e-16) {
      this.text(x.toFixed(decimals));
      return;
    }
    if (x < 0) this.byte(45 /* - */);
    if (decimals === 0) {
      this.unsigned(scaled);
      return;
    }
    const unit = POW10[decimals];
    const whole = Math.floor(scaled / unit);
    let frac = scaled - whole * unit;
    this.unsigned(whole);
    const buf = this.buf;
    buf[this.pos] = 46; /* . */
    for (let k = decimals; k >= 1; k--) {
      const q = Math.floor(frac / 10);
      buf[this.pos + k] = 48 + (frac - q * 10);
      frac = q;
    }
    this.pos += decimals + 1;
  }

  /**
   * A number in its shortest round-trip form, exactly as String(x) writes it: integers and the
   * numbers writeShortestPositive covers (1e-5 ≤ |x| < 1e15) without a string, others by String(x).
   */
  shortest(x: number): void {
    if (Number.isInteger(x) && Math.abs(x) < EXACT_INT && !Object.is(x, -0)) {
      if (x < 0) this.byte(45);
      this.unsigned(Math.abs(x));
      return;
    }
    const negative = x < 0;
    const end = writeShortestPositive(negative ? -x : x, this.buf, this.pos + (negative ? 1 : 0));
    if (end < 0) this.text(String(x));
    else {
      if (negative) this.buf[this.pos] = 45;
      this.pos = end;
    }
  }
}
