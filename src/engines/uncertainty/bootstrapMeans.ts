import { Rng } from '../numeric/rng';
import { drawCounts } from './resample';

/** How many resamples, from which seed; cancellable. */
export interface BootstrapSettings {
  /** Number of resamples B (default 2000). */
  replicates?: number;
  /** Seed of the resampling (same seed, same resamples, same intervals). */
  seed?: number;
  signal?: AbortSignal;
}

/**
 * A column as the change from an earlier column of its group (`base`, −1: from all zeros): the
 * items where it differs and by how much, or every item when most differ.
 */
interface Encoded {
  base: number;
  /** Null: dense (every item, `delta` holds the values themselves and base is −1). */
  index: Int32Array | null;
  delta: Float64Array;
}

/**
 * Paired bootstrap of column means: every column holds one value per item (query), all of length
 * n; each resample draws the n items with replacement once (the same draw for every column, which
 * keeps differences between columns paired) and `result[g][c][b]` is the mean of column c of group
 * g in resample b. A column is summed as the change from the one of its 16 predecessors in the
 * group (or from zero) that it differs from on the fewest items: error indicators are sparse,
 * neighbouring thresholds route few queries differently, and a column equal to such a predecessor
 * costs nothing and gets bit-identical replicates. A resample costs O(n + stored changes).
 *
 * @throws when columns differ in length or replicates < 1, or when the signal is aborted.
 */
export function bootstrapMeans(
  groups: readonly (readonly Float64Array[])[],
  settings: BootstrapSettings = {},
): Float64Array[][] {
  const B = settings.replicates ?? 2000;
  if (!(Number.isInteger(B) && B >= 1)) throw new Error(`bootstrap replicates must be an integer >= 1, got ${B}`);
  const n = groups.find((g) => g.length > 0)?.[0].length ?? 0;
  for (const g of groups)
    for (const c of g) if (c.length !== n) throw new Error(`bootstrap columns differ in length (${c.length} vs ${n})`);
  const encoded = groups.map(encodeGroup);
  const out = groups.map((g) => g.map(() => new Float64Array(B)));
  if (n === 0) return out;
  const rng = new Rng(settings.seed ?? 1);
  const counts = new Float64Array(n);
  const draws = new Int32Array(n);
  const sums = encoded.map((cols) => new Float64Array(cols.length));
  for (let b = 0; b < B; b++) {
    if ((b & 15) === 0 && settings.signal?.aborted) throw settings.signal.reason ?? new Error('cancelled');
    drawCounts(rng, counts, draws);
    for (let g = 0; g < encoded.length; g++) {
      const cols = encoded[g];
      const gs = sums[g];
      for (let c = 0; c < cols.length; c++) {
        const { base, index, delta } = cols[c];
        let sum = base >= 0 ? gs[base] : 0;
        if (index === null) sum += dot(counts, delta);
        else for (let t = 0; t < index.length; t++) sum += counts[index[t]] * delta[t];
        gs[c] = sum;
        out[g][c][b] = sum / n;
      }
    }
  }
  return out;
}

/** Σ a[i]·b[i] with four accumulators (lets the JIT overlap the multiply-adds). */
function dot(a: Float64Array, b: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < n; i++) s0 += a[i] * b[i];
  return s0 + s1 + s2 + s3;
}

/** How many preceding columns of a group a column is compared with (keeps encoding O(window · columns · n)). */
const WINDOW = 16;

/** Encodes each column against the one of its WINDOW predecessors (or zero) it differs from on the fewest items. */
function encodeGroup(cols: readonly Float64Array[]): Encoded[] {
  return cols.map((col, c) => {
    const n = col.length;
    let base = -1;
    let fewest = 0;
    for (let q = 0; q < n; q++) if (col[q] !== 0) fewest++;
    for (let e = c - 1; e >= Math.max(0, c - WINDOW) && fewest > 0; e--) {
      const prev = cols[e];
      let changed = 0;
      for (let q = 0; q < n && changed < fewest; q++) if (col[q] !== prev[q]) changed++;
      if (changed < fewest) {
        fewest = changed;
        base = e;
      }
    }
    // A sparse list costs about twice a dense pass per stored item: keep it only when under half the items.
    if (fewest * 2 >= n) return { base: -1, index: null, delta: col };
    const index = new Int32Array(fewest);
    const delta = new Float64Array(fewest);
    const prev = base >= 0 ? cols[base] : null;
    for (let q = 0, t = 0; q < n; q++) {
      const d = prev ? col[q] - prev[q] : col[q];
      if (prev ? col[q] !== prev[q] : col[q] !== 0) {
        index[t] = q;
        delta[t++] = d;
      }
    }
    return { base, index, delta };
  });
}
