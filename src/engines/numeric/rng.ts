/**
 * Seeded pseudo-random numbers for every engine (same seed, same result on every machine).
 * Generator: xoshiro128** (Blackman & Vigna, 2018), 32-bit state words seeded by splitmix32; uniform
 * doubles use 53 random bits. Engines take an `Rng` (or `() => number`) instead of Math.random.
 */
export class Rng {
  /** xoshiro128** state words a, b, c, d as int32 (typed storage keeps V8 from boxing them as doubles). */
  private readonly s = new Int32Array(4);
  private spareNormal: number | null = null;

  constructor(seed = 1) {
    let s = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    const st = this.s;
    st[0] = splitmix();
    st[1] = splitmix();
    st[2] = splitmix();
    st[3] = splitmix();
    if ((st[0] | st[1] | st[2] | st[3]) === 0) st[0] = 1;
  }

  /**
   * The live state words (a, b, c, d), for bulk samplers that step xoshiro128** in local variables
   * (see fillStandardNormal): they must leave the state as nextInt32 would have, word for word.
   */
  stateWords(): Int32Array {
    return this.s;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /** Next 32 random bits as a signed integer (the same bits as {@link nextUint32}; no boxing in hot loops). */
  nextInt32(): number {
    const st = this.s;
    const b = st[1];
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    st[2] ^= st[0];
    st[3] ^= b;
    st[1] = b ^ st[2];
    st[0] ^= st[3];
    st[2] ^= t;
    st[3] = rotl(st[3], 11);
    return r;
  }

  /** Uniform double in [0, 1). */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform double in (0, 1): never exactly 0, safe for logarithms. */
  uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal by the Marsaglia polar method (one spare value kept). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  /** Fisher-Yates shuffle in place; returns the array. */
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = xs[i];
      xs[i] = xs[j];
      xs[j] = t;
    }
    return xs;
  }

  /** A new generator whose stream is independent of this one's continuation (for parallel or nested work). */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}

/** 32-bit rotate left; the result is an int32 (callers reduce with `>>> 0` where they need unsigned). */
export function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
