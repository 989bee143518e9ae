/**
 * Answers sorted by ascending certainty, with their tie blocks, so that a band of mass [lo, hi)
 * from the least certain up can be described in O(log n): whole positions [fullStart, fullEnd)
 * plus at most two tie blocks cut by the band's edges, each counted with the fraction inside the
 * band. This is the same expected-value convention as `massBands` (ties broken uniformly at random,
 * fractional edges), without touching every answer.
 */
export interface SortedAnswers {
  n: number;
  /** Query indices in ascending certainty. */
  order: Uint32Array;
  /** Position of each tie block's first answer; one extra entry = n. */
  blockStart: Uint32Array;
  /** Position in `order` of each query index. */
  positionOf: Uint32Array;
}

export interface Band {
  fullStart: number;
  fullEnd: number;
  /** Cut tie blocks: positions [start, end) each weighted by frac. */
  partials: { start: number; end: number; frac: number }[];
}

export function sortAnswers(certainty: ArrayLike<number>, order: Uint32Array): SortedAnswers {
  const n = certainty.length;
  const starts: number[] = [];
  for (let p = 0; p < n; p++) if (p === 0 || certainty[order[p]] !== certainty[order[p - 1]]) starts.push(p);
  starts.push(n);
  const positionOf = new Uint32Array(n);
  for (let p = 0; p < n; p++) positionOf[order[p]] = p;
  return { n, order, blockStart: Uint32Array.from(starts), positionOf };
}

/** The last block starting at or before x (strict: before x). */
function lastBlockFrom(s: SortedAnswers, x: number, strict: boolean): number {
  let lo = 0;
  let hi = s.blockStart.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (strict ? s.blockStart[mid] < x : s.blockStart[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The band of mass [lo, hi) counted from the least certain answer. */
export function bandOf(s: SortedAnswers, lo: number, hi: number): Band {
  lo = Math.max(0, Math.min(s.n, lo));
  hi = Math.max(0, Math.min(s.n, hi));
  if (!(hi > lo)) return { fullStart: 0, fullEnd: 0, partials: [] };
  const bs = s.blockStart;
  const gLo = lastBlockFrom(s, lo, false); // holds the band's first bit of mass
  const gHi = lastBlockFrom(s, hi, true); // holds its last bit
  const size = (g: number) => bs[g + 1] - bs[g];
  const leftClean = lo === bs[gLo];
  const rightClean = hi === bs[gHi + 1];
  if (gLo === gHi && !(leftClean && rightClean))
    return {
      fullStart: bs[gLo],
      fullEnd: bs[gLo],
      partials: [{ start: bs[gLo], end: bs[gLo + 1], frac: (hi - lo) / size(gLo) }],
    };
  const partials: Band['partials'] = [];
  let fullStart = bs[gLo];
  let fullEnd = bs[gHi + 1];
  if (!leftClean) {
    partials.push({ start: bs[gLo], end: bs[gLo + 1], frac: (bs[gLo + 1] - lo) / size(gLo) });
    fullStart = bs[gLo + 1];
  }
  if (!rightClean) {
    partials.push({ start: bs[gHi], end: bs[gHi + 1], frac: (hi - bs[gHi]) / size(gHi) });
    fullEnd = bs[gHi];
  }
  return { fullStart, fullEnd: Math.max(fullStart, fullEnd), partials };
}

/** Σ over the band of a value given as prefix sums over sorted positions (prefix[p] = sum of the first p). */
export function bandSum(prefix: Float64Array, b: Band): number {
  let s = prefix[b.fullEnd] - prefix[b.fullStart];
  for (const q of b.partials) s += q.frac * (prefix[q.end] - prefix[q.start]);
  return s;
}

/** Weight of sorted position p in the band. */
export function bandWeight(b: Band, p: number): number {
  if (p >= b.fullStart && p < b.fullEnd) return 1;
  for (const q of b.partials) if (p >= q.start && p < q.end) return q.frac;
  return 0;
}

/** Prefix sums of `values[order[p]]` over sorted positions p; null when values is null. */
export function sortedPrefix(values: ArrayLike<number> | null, order: Uint32Array): Float64Array | null {
  if (!values) return null;
  const out = new Float64Array(order.length + 1);
  for (let p = 0; p < order.length; p++) out[p + 1] = out[p] + values[order[p]];
  return out;
}
