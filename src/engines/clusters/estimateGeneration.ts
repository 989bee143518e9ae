/**
 * How much work a data set of an archetype is, before starting it: seconds and bytes from a cost
 * model of the generator's steps, so that a request the machine cannot finish is refused with a
 * message saying what to change, and a long one is confirmed first (docs/synthetic-clusters.md,
 * "How long it takes"). The constants are CPU times measured on the development machine (Node 20,
 * x86-64, under load: a conservative side); bench/generatorCost.bench.ts measures them again and
 * compares the estimate with real runs.
 */
import type { Archetype } from './archetype';
import type { DatasetFormat } from './datasetFormat';
import { groupDigits } from '../../shared/text/groupDigits';

/** Nanoseconds per elementary operation (see the file comment). */
export const GENERATOR_COSTS = {
  /** One standard normal draw. */
  normal: 12,
  /** One multiply-add in the dense p×p kernels (rotations, covariances, Cholesky, products). */
  multiplyAdd: 0.8,
  /**
   * One multiply-add of x = μ + L·y when drawing the points: each row is written at a random position
   * (the shuffle), and a data set's first points run before the loop is compiled; twice the dense
   * kernels' figure (40,000 points in 40-D: 0.03–0.09 s of CPU measured by the bench on 2026-12-06).
   */
  drawMultiplyAdd: 1.6,
  /** The per-pair LDA tables: nanoseconds per p³, and fixed nanoseconds per pair (allocations). */
  pairTable: 2.5,
  pairOverhead: 1200,
  /** One separation evaluation: fixed part, per p for isotropic pairs, per p² with full matrices. */
  evalFixed: 200,
  /** One separation evaluation in 2-D with LDA tables (its own path, without loops). */
  evalPlane: 60,
  evalPerDim: 5,
  evalPerDim2: 2.5,
  /** Formatting one number into the CSV output (shortest round-trip form; fewer with --decimals). */
  formatNumber: 200,
  /** Formatting one number into the JSON output. */
  jsonNumber: 400,
  /** Writing one number's 8 bytes into a NumPy file. */
  binaryNumber: 2,
  /** The distortion network: nanoseconds per multiply-add of its (16·128² + 2·128·p) per row. */
  distortMultiplyAdd: 1.6,
  /** The preview's projection: nanoseconds per multiply-add of its covariance (n·p²/2; 82 ms at 4,000 × 100 in bench/linearAlgebra.bench.ts). */
  projectionMultiplyAdd: 4,
  /** Silhouette (preview): nanoseconds per coordinate difference. */
  silhouette: 1.2,
} as const;

/** Centre placement usually meets the overlap constraints within a few dozen epochs (measured 3 to 45). */
export const TYPICAL_EPOCHS = 40;

/**
 * Interactive: run without asking. Hard: refuse. Between: the view asks for confirmation and the CLI
 * needs --force. Times are per request (all data sets), bytes per data set (they are made one at a
 * time), except the CLI's --json output, which holds every data set's summary at once.
 */
export const GENERATION_LIMITS = {
  interactiveSeconds: 20,
  interactiveBytes: 1e9,
  hardSeconds: 3600,
  hardBytes: 4e9,
  jsonChars: 400e6,
} as const;

/** Same limits as in validateArchetype (LDA tables above this many numbers fall back to C2C). */
const MAX_TABLE_NUMBERS = 16_000_000;
const DISTORT_HIDDEN = 128;
const DISTORT_LAYERS = 16;

export interface GenerationRequest {
  distort?: boolean;
  sphere?: boolean;
  /** Data sets made in this request (default 1). */
  count?: number;
  /** The Dataset Generator's preview (PCA projection and silhouette) is computed too. */
  preview?: boolean;
  /** The output is written as files: CSV or JSON numbers are formatted. */
  write?: boolean;
  /** The files' format (default CSV): NumPy files hold the numbers' bytes, written rather than formatted. */
  format?: DatasetFormat;
  /** The CLI's --json summary (every cluster's p×p axes) is built and printed. */
  jsonSummary?: boolean;
}

export interface GenerationEstimate {
  /** Seconds for the whole request (every data set). */
  seconds: number;
  /** Peak bytes while making one data set. */
  bytes: number;
  /** Characters of the CLI's --json output (0 without jsonSummary). */
  jsonChars: number;
  /** The step that costs most, in words (e.g. "centre placement (499,500 pairs)"). */
  mostly: string;
}

/** The estimate of one data set's steps, in seconds each, and its peak bytes. */
function perDataset(a: Archetype, r: GenerationRequest): { parts: [string, number][]; bytes: number } {
  const c = GENERATOR_COSTS;
  const k = a.n_clusters;
  const p = a.dim;
  const n = a.n_samples;
  const pairs = (k * (k - 1)) / 2;
  const iso = p === 1 || (a.aspect_ref === 1 && a.aspect_maxmin === 1);
  const tables = !iso && pairs * 2 * p * p <= MAX_TABLE_NUMBERS;
  const full = !iso; // evaluations use p×p matrices (LDA tables or C2C covariances)
  const ns = (x: number) => x * 1e-9;
  const evalCost = p === 2 && tables ? c.evalPlane : c.evalFixed + (full ? c.evalPerDim2 * p * p : c.evalPerDim * p);
  const parts: [string, number][] = [
    [
      `random rotations and covariances (${k} × ${p}×${p})`,
      ns(k * (c.normal * p * p + c.multiplyAdd * p ** 3 * (iso ? 1 : 1.5))),
    ],
    [
      `pairwise overlap tables (${groupDigits(pairs)} pairs)`,
      ns(tables ? pairs * (c.pairTable * p ** 3 + c.pairOverhead) : pairs * 20),
    ],
    [
      `centre placement (${groupDigits(pairs)} pairs, ${TYPICAL_EPOCHS} epochs)`,
      ns(TYPICAL_EPOCHS * (3 * pairs * evalCost + k * k * p * c.multiplyAdd)),
    ],
    [
      `drawing ${groupDigits(n)} points in ${p}D`,
      // each point: its draws and x = μ + L·y (L triangular); each full cluster: its Cholesky factor (p³/3)
      ns(
        n * (c.normal * p + c.drawMultiplyAdd * (full ? (p * p) / 2 : p)) +
          (full ? (k * c.multiplyAdd * p ** 3) / 3 : 0),
      ),
    ],
  ];
  if (r.distort)
    parts.push([
      `distorting ${groupDigits(n)} points`,
      ns(n * c.distortMultiplyAdd * (DISTORT_LAYERS * DISTORT_HIDDEN ** 2 + 2 * DISTORT_HIDDEN * p)),
    ]);
  const cols = p + (r.sphere ? 1 : 0);
  if (r.write)
    parts.push([
      `writing ${groupDigits(n * (cols + 1))} numbers`,
      ns(n * (cols + 1) * (r.format === 'npy' ? c.binaryNumber : r.format === 'json' ? c.jsonNumber : c.formatNumber)),
    ]);
  if (r.preview && cols > 2)
    parts.push([
      `the preview's projection (${cols}D) and silhouette`,
      ns(
        c.projectionMultiplyAdd * ((n * cols * cols) / 2 + 400 * cols * cols) +
          c.silhouette * Math.min(n, 1000) * n * cols,
      ),
    ]);
  const bytes =
    8 * n * p * (1 + (r.distort ? 1 : 0)) +
    (r.sphere ? 8 * n * (p + 1) : 0) +
    12 * n + // data, labels, shuffle
    8 * k * p * p * (iso ? 1 : 2) + // axes, covariances
    (tables ? (p === 2 ? 64 * k * k : 16 * pairs * p * p) + 40 * p * p : 0) + // 2-D: both orders (SeparationField)
    (full ? 16 * p * p : 0) + // pair tables and their scratch, a cluster's covariance and factor
    (r.preview ? 8 * cols * cols + 32 * n : 0) +
    64 * pairs +
    4 * 2 ** 20; // overlaps list, output chunks
  return { parts, bytes };
}

/** Seconds, peak bytes and the main cost of making `count` data sets of archetype `a`. */
export function estimateGeneration(a: Archetype, r: GenerationRequest = {}): GenerationEstimate {
  const count = r.count ?? 1;
  const { parts, bytes } = perDataset(a, r);
  let total = 0;
  let mostly = parts[0];
  for (const part of parts) {
    total += part[1];
    if (part[1] > mostly[1]) mostly = part;
  }
  const jsonChars = r.jsonSummary ? count * a.n_clusters * (a.dim * a.dim + 2 * a.dim) * 22 : 0;
  return { seconds: count * total, bytes: bytes + jsonChars, jsonChars, mostly: mostly[0] };
}

export type GenerationVerdict =
  { kind: 'ok' } | { kind: 'confirm'; message: string } | { kind: 'refuse'; message: string };

/**
 * Whether to start: `ok`, `confirm` (above the interactive limit: say how long and ask), or
 * `refuse` (above the hard limit, with what to change: the largest dim, n_clusters or n_samples that
 * would fit with the other fields as they are).
 */
export function judgeGeneration(a: Archetype, r: GenerationRequest = {}): GenerationVerdict {
  const L = GENERATION_LIMITS;
  const e = estimateGeneration(a, r);
  const perSet = e.seconds / (r.count ?? 1);
  const what = `${describeWork(e, r)} (mostly ${e.mostly})`;
  if (e.jsonChars > L.jsonChars)
    return {
      kind: 'refuse',
      message: `${what}: the --json summary would hold every cluster's ${a.dim}×${a.dim} axes, about ${formatBytesShort(e.jsonChars)} of text, more than can be printed; leave out --json (the CSV files hold the data) or lower dim or the number of data sets`,
    };
  if (perSet > L.hardSeconds || e.bytes > L.hardBytes) {
    return {
      kind: 'refuse',
      message: `${what}: more than the ${formatSeconds(L.hardSeconds)} and ${formatBytesShort(L.hardBytes)} per data set this generator accepts; ${fixes(a, r)}`,
    };
  }
  if (e.seconds > L.interactiveSeconds || e.bytes > L.interactiveBytes) return { kind: 'confirm', message: what };
  return { kind: 'ok' };
}

/** "about 3 min and 1.2 GB" (per data set when there are several). */
export function describeWork(e: GenerationEstimate, r: GenerationRequest = {}): string {
  const count = r.count ?? 1;
  return `this needs about ${formatSeconds(e.seconds)}${count > 1 ? ` for ${count} data sets` : ''} and ${formatBytesShort(e.bytes)} of memory`;
}

/** The largest value of each size field that would fit the hard limits, as advice. */
function fixes(a: Archetype, r: GenerationRequest): string {
  const L = GENERATION_LIMITS;
  const fits = (b: Archetype) => {
    const e = estimateGeneration(b, { ...r, count: 1 });
    return e.seconds <= L.hardSeconds && e.bytes <= L.hardBytes;
  };
  const advice: string[] = [];
  for (const field of ['dim', 'n_clusters', 'n_samples'] as const) {
    const min = field === 'n_samples' ? a.n_clusters : 1;
    if (!fits({ ...a, [field]: min })) continue;
    let lo = min;
    let hi = a[field];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fits({ ...a, [field]: mid })) lo = mid;
      else hi = mid;
    }
    advice.push(`${field} to at most ${groupDigits(lo)}`);
  }
  if (advice.length === 0) return 'lower dim, n_clusters and n_samples together';
  return `lower ${advice.length > 1 ? `${advice.slice(0, -1).join(', ')} or ${advice[advice.length - 1]}` : advice[0]}${r.distort ? ', or leave out the distortion' : ''}`;
}

/** "40 s", "3 min", "2.5 h". */
export function formatSeconds(s: number): string {
  if (s < 1) return 'under a second';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 3570) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${+(s / 3600).toFixed(1)} h`;
  return `${groupDigits(s / 86400)} days`;
}

/** "800 MB", "1.2 GB", "15 TB" (decimal units, as people read them). */
export function formatBytesShort(b: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (b >= 1000 && i < units.length - 1) {
    b /= 1000;
    i++;
  }
  return `${i === 0 ? Math.round(b) : +b.toPrecision(2)} ${units[i]}`;
}
