/**
 * One synthetic data set from an archetype (thesis §5.3, Figure 5.1): sample a mixture model, sample
 * group sizes, draw the points, optionally distort them (appendix 4E) and/or wrap them around the
 * sphere. Seeded: the same archetype, seed and options give the same data set, bit for bit.
 */
import { Rng } from '../numeric/rng';
import { pauseDue, runSteps, runStepsAsync, type Steps } from '../cancellation';
import type { Archetype } from './archetype';
import { distortSteps } from './distort';
import { exactGaussianOverlap } from './exactGaussianOverlap';
import { clusterCovariance } from './clusterCovariance';
import type { MixtureModel } from './mixtureModel';
import { separationToOverlap } from './overlap';
import { sampleClusterPointsSteps } from './sampleClusterPoints';
import { sampleGroupSizes } from './sampleGroupSizes';
import { sampleMixtureModelSteps } from './sampleMixtureModel';
import type { OverlapMode } from './separationField';
import { wrapAroundSphere } from './wrapAroundSphere';
import { appendAll } from '../../shared/arrays';

export interface GenerateOptions {
  seed?: number;
  overlapMode?: OverlapMode;
  distort?: boolean;
  sphere?: boolean;
  /** Also compute the exact minimax overlap of every pair of normal clusters (Anderson–Bahadur). */
  exactCheck?: boolean;
  maxEpochs?: number;
  shuffle?: boolean;
  /** Memory for the points (see SamplePointsOptions.storage), e.g. the X of a data set already written. */
  storage?: Float64Array;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface PairOverlap {
  i: number;
  j: number;
  /** LDA (or C2C) overlap the generator controlled. */
  alpha: number;
  /** Exact minimax overlap when both clusters are normal and `exactCheck` was asked; else null. */
  exact: number | null;
}

export interface GeneratedDataset {
  archetype: Archetype;
  seed: number;
  /** Row-major n×dim. */
  X: Float64Array;
  labels: Int32Array;
  n: number;
  /** Columns of X (archetype dim, +1 after wrapping around the sphere). */
  dim: number;
  sizes: Int32Array;
  model: MixtureModel;
  overlaps: PairOverlap[];
  converged: boolean;
  epochs: number;
  warnings: string[];
}

/** Generates on the spot (the caller's thread is busy until it is done; `signal` is checked but only a synchronous abort can stop it). */
export function generateDataset(archetype: Archetype, opts: GenerateOptions = {}): GeneratedDataset {
  return runSteps(generateDatasetSteps(archetype, opts), opts.signal);
}

/**
 * Generates while letting the event loop run every few tens of milliseconds: a Ctrl-C or a cancel
 * message aborts `signal` and the work stops at the next pause (within about a second at most
 * sizes the work estimate allows; see estimateGeneration).
 */
export function generateDatasetAsync(archetype: Archetype, opts: GenerateOptions = {}): Promise<GeneratedDataset> {
  return runStepsAsync(generateDatasetSteps(archetype, opts), opts.signal);
}

/** generateDataset as steps (see engines/cancellation.ts). */
export function* generateDatasetSteps(
  archetype: Archetype,
  opts: Omit<GenerateOptions, 'signal'> = {},
): Steps<GeneratedDataset> {
  const seed = opts.seed ?? 1;
  const rng = new Rng(seed);
  const modelRng = rng.fork();
  const sizeRng = rng.fork();
  const pointRng = rng.fork();
  const distortRng = rng.fork();
  const progress = opts.onProgress;
  const sampled = yield* sampleMixtureModelSteps(modelRng, archetype, {
    overlapMode: opts.overlapMode,
    maxEpochs: opts.maxEpochs,
    onProgress: progress ? (f) => progress(0.8 * f) : undefined,
  });
  const sizes = sampleGroupSizes(sizeRng, archetype.n_clusters, archetype.n_samples, archetype.imbalance_ratio);
  // The field's covariances are at unit scale: reused (not computed a second time) when that is the data's scale.
  // (A loop, not map: see the clusters in sampleMixtureModelSteps.)
  let covariances: (Float64Array | null)[] | undefined;
  if (archetype.scale === 1) {
    covariances = [];
    for (let i = 0; i < archetype.n_clusters; i++) covariances.push(sampled.field.covariance(i));
  }
  const { X, labels } = yield* sampleClusterPointsSteps(pointRng, sampled.model, sizes, {
    shuffle: opts.shuffle,
    covariances,
    storage: opts.storage,
  });
  const p = archetype.dim;
  let data = X;
  let dim = p;
  if (opts.distort) data = yield* distortSteps(distortRng, data, dim);
  if (opts.sphere) {
    data = wrapAroundSphere(data, dim);
    dim += 1;
  }
  const k = archetype.n_clusters;
  const overlaps: PairOverlap[] = [];
  const cov = opts.exactCheck ? sampled.model.clusters.map((c) => clusterCovariance(c.axes, c.lengths, p)) : [];
  for (let i = 0; i < k; i++) {
    if (pauseDue((k - 1 - i) * sampled.field.evaluateWork)) yield;
    for (let j = i + 1; j < k; j++) {
      const alpha = separationToOverlap(sampled.field.evaluate(i, j, sampled.unitCenters, null));
      const ci = sampled.model.clusters[i];
      const cj = sampled.model.clusters[j];
      const exact =
        opts.exactCheck && ci.distribution === 'normal' && cj.distribution === 'normal'
          ? exactGaussianOverlap(ci.center, cov[i], cj.center, cov[j], p).overlap
          : null;
      overlaps.push({ i, j, alpha, exact });
    }
  }
  const warnings = [...sampled.warnings];
  if (opts.exactCheck) appendAll(warnings, exactCheckWarnings(overlaps, archetype));
  progress?.(1);
  return {
    archetype,
    seed,
    X: data,
    labels,
    n: labels.length,
    dim,
    sizes,
    model: sampled.model,
    overlaps,
    converged: sampled.placement.converged,
    epochs: sampled.placement.epochs,
    warnings,
  };
}

/** The exact overlap never exceeds the LDA one (LDA uses one admissible axis); warn where the min-overlap promise fails exactly. */
function exactCheckWarnings(overlaps: PairOverlap[], a: Archetype): string[] {
  const best = new Map<number, number>();
  for (const o of overlaps) {
    if (o.exact === null) continue;
    best.set(o.i, Math.max(best.get(o.i) ?? 0, o.exact));
    best.set(o.j, Math.max(best.get(o.j) ?? 0, o.exact));
  }
  const lonely = [...best.entries()].filter(([, v]) => v < a.min_overlap);
  let worst = 0;
  for (const o of overlaps) if (o.exact !== null && o.alpha > 0) worst = Math.max(worst, (o.alpha - o.exact) / o.alpha);
  const out: string[] = [];
  if (worst > 0.1)
    out.push(
      `exact check: the LDA overlap overstates the exact minimax overlap by up to ${(100 * worst).toFixed(1)}% for some normal pairs`,
    );
  if (lonely.length)
    out.push(
      `exact check: normal cluster(s) ${lonely.map(([i]) => i).join(', ')} have exact best-neighbour overlap below min_overlap (among normal neighbours)`,
    );
  return out;
}
