/**
 * Makes clusters non-convex by passing the data through a randomly initialised network (thesis §5.3
 * and appendix 4E): a linear embedding ℝ^p → ℝ^h, `layers` blocks of (linear h→h, layer
 * normalisation, tanh), and a projection back to ℝ^p whose weights are the transpose of the
 * embedding's (tied weights). Weights and biases are U(−1/√fan_in, 1/√fan_in), PyTorch's default
 * for linear layers; layer normalisation has unit gain and zero shift. Inputs are first divided by
 * the largest row norm. Defaults: h = 128, 16 blocks. Cost O(n·layers·h²).
 */
import type { Rng } from '../numeric/rng';
import { runSteps, type Steps } from '../cancellation';
import { inverseMaxRowNorm } from './inverseMaxRowNorm';

export interface DistortOptions {
  hiddenDim?: number;
  layers?: number;
  signal?: AbortSignal;
}

function uniformFill(rng: Rng, n: number, bound: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * rng.uniform() - 1) * bound;
  return out;
}

/** Returns a new row-major n×p array; `X` is not modified. */
export function distort(rng: Rng, X: Float64Array, p: number, opts: DistortOptions = {}): Float64Array {
  return runSteps(distortSteps(rng, X, p, opts), opts.signal);
}

/** distort as steps: a pause every few rows (about a million multiply-adds). */
export function* distortSteps(
  rng: Rng,
  X: Float64Array,
  p: number,
  opts: Omit<DistortOptions, 'signal'> = {},
): Steps<Float64Array> {
  const h = opts.hiddenDim ?? 128;
  const layers = opts.layers ?? 16;
  const n = X.length / p;
  const be = 1 / Math.sqrt(p);
  const bh = 1 / Math.sqrt(h);
  const wEmb = uniformFill(rng, h * p, be); // h×p
  const bEmb = uniformFill(rng, h, be);
  const ws: Float64Array[] = [];
  const bs: Float64Array[] = [];
  for (let l = 0; l < layers; l++) {
    ws.push(uniformFill(rng, h * h, bh));
    bs.push(uniformFill(rng, h, bh));
  }
  const bProj = uniformFill(rng, p, bh);
  const inv = inverseMaxRowNorm(X, p);
  const out = new Float64Array(n * p);
  const net = { wEmb, bEmb, ws, bs, bProj, h, layers, inv, a: new Float64Array(h), b: new Float64Array(h) };
  const rowsPerPause = Math.max(1, Math.floor((1 << 20) / (layers * h * h + 2 * h * p)));
  for (let r = 0; r < n; r++) {
    if (r % rowsPerPause === 0) yield;
    distortRow(net, X, out, r * p, p);
  }
  return out;
}

interface Network {
  wEmb: Float64Array;
  bEmb: Float64Array;
  ws: Float64Array[];
  bs: Float64Array[];
  bProj: Float64Array;
  h: number;
  layers: number;
  inv: number;
  /** Two scratch vectors of length h. */
  a: Float64Array;
  b: Float64Array;
}

/** Passes row X[o..o+p) through the network into out[o..o+p). */
function distortRow(net: Network, X: Float64Array, out: Float64Array, o: number, p: number): void {
  const { wEmb, bEmb, ws, bs, bProj, h, layers, inv } = net;
  let a = net.a;
  let b = net.b;
  for (let i = 0; i < h; i++) {
    let s = bEmb[i];
    for (let d = 0; d < p; d++) s += wEmb[i * p + d] * X[o + d] * inv;
    a[i] = s;
  }
  for (let l = 0; l < layers; l++) {
    const w = ws[l];
    const bias = bs[l];
    let mean = 0;
    for (let i = 0; i < h; i++) {
      let s = bias[i];
      const wi = i * h;
      for (let j = 0; j < h; j++) s += w[wi + j] * a[j];
      b[i] = s;
      mean += s;
    }
    mean /= h;
    let v = 0;
    for (let i = 0; i < h; i++) v += (b[i] - mean) ** 2;
    const sd = Math.sqrt(v / h + 1e-5);
    for (let i = 0; i < h; i++) b[i] = Math.tanh((b[i] - mean) / sd);
    const t = a;
    a = b;
    b = t;
  }
  for (let d = 0; d < p; d++) {
    let s = bProj[d];
    for (let i = 0; i < h; i++) s += wEmb[i * p + d] * a[i];
    out[o + d] = s;
  }
}
