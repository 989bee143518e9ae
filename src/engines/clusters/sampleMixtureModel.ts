/**
 * Samples a mixture model that matches an archetype (thesis §5.3, steps 1–2): radii, aspect ratios
 * and axis lengths by max-min sampling, random orthonormal axes, distributions by proportion, then
 * centres placed by SGD on the overlap loss. Everything is computed at unit scale (overlap is
 * scale-free) and multiplied by `scale` at the end.
 */
import type { Rng } from '../numeric/rng';
import { randomOrthonormalSteps } from '../numeric/randomOrthonormal';
import { pauseDue, runSteps, type Steps } from '../cancellation';
import type { Archetype } from './archetype';
import { assignDistributions } from './assignDistributions';
import { initialCenters } from './initialCenters';
import type { ClusterSpec, MixtureModel } from './mixtureModel';
import { placeCentersSteps, type PlaceCentersResult } from './placeCenters';
import { sampleAspectRatios } from './sampleAspectRatios';
import { sampleAxisLengths } from './sampleAxisLengths';
import { sampleClusterRadii } from './sampleClusterRadii';
import { SeparationField, type OverlapMode } from './separationField';

export interface SampleModelOptions {
  overlapMode?: OverlapMode;
  maxEpochs?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface SampledModel {
  model: MixtureModel;
  /** Pairwise separations/overlaps at the final centres, from the same field the optimiser used. */
  field: SeparationField;
  /** Centres at unit scale (what `field` evaluates). */
  unitCenters: Float64Array;
  aspectRatios: Float64Array;
  radii: Float64Array;
  placement: PlaceCentersResult;
  warnings: string[];
}

export function sampleMixtureModel(rng: Rng, a: Archetype, opts: SampleModelOptions = {}): SampledModel {
  return runSteps(sampleMixtureModelSteps(rng, a, opts), opts.signal);
}

/** sampleMixtureModel as steps: pauses (when due, see `pauseDue`) between clusters, matrix rows, pair scans and centre updates. */
export function* sampleMixtureModelSteps(rng: Rng, a: Archetype, opts: SampleModelOptions = {}): Steps<SampledModel> {
  const k = a.n_clusters;
  const p = a.dim;
  const radii = sampleClusterRadii(rng, k, 1, a.radius_maxmin);
  const aspects = sampleAspectRatios(rng, k, p === 1 ? 1 : a.aspect_ref, p === 1 ? 1 : a.aspect_maxmin);
  const shapes: { axes: Float64Array; lengths: Float64Array }[] = [];
  // A sphere has no preferred axes: any orthonormal basis gives the same covariance and the same law
  // of points, so clusters of aspect ratio exactly 1 share the identity (read only, like all axes; at
  // p = 100 drawing random axes was a fifth of the generation time).
  let identity: Float64Array | undefined;
  for (let i = 0; i < k; i++) {
    const axes = aspects.values[i] === 1 ? (identity ??= identityMatrix(p)) : yield* randomOrthonormalSteps(rng, p);
    shapes.push({ axes, lengths: sampleAxisLengths(rng, p, radii[i], aspects.values[i]) });
    if (pauseDue(p)) yield;
  }
  const distributions = assignDistributions(rng, k, a.distributions, a.distribution_proportions);
  const field = new SeparationField(shapes, p, opts.overlapMode ?? 'lda', { deferred: true });
  yield* field.buildSteps();
  const init = initialCenters(rng, k, p);
  const placement = yield* placeCentersSteps({
    field,
    initial: init.centers,
    maxOverlap: a.max_overlap,
    minOverlap: a.min_overlap,
    rng,
    maxEpochs: opts.maxEpochs,
    onProgress: opts.onProgress,
  });
  const warnings = [...aspects.warnings, ...field.warnings];
  if (!placement.converged) {
    warnings.push(
      `centre placement did not meet the overlap constraints after ${placement.epochs} epochs (largest pair overlap ${placement.maxPairOverlap.toPrecision(3)}, smallest best-neighbour overlap ${placement.minNeighbourOverlap.toPrecision(3)}; asked ${a.min_overlap}..${a.max_overlap})`,
    );
  }
  const s = a.scale;
  // A loop, not shapes.map: the array then has the same elements kind (map) whether this code runs
  // interpreted or optimised, and the optimised sampler reading it is not thrown away (deoptimised)
  // when the kind changes, which cost a second ~50 ms compilation in each `costrisk generate`.
  const clusters: ClusterSpec[] = [];
  for (let i = 0; i < k; i++) {
    clusters.push({
      center: placement.centers.slice(i * p, i * p + p).map((x) => x * s),
      axes: shapes[i].axes,
      lengths: shapes[i].lengths.map((x) => x * s),
      distribution: distributions[i],
    });
  }
  return {
    model: { dim: p, clusters },
    field,
    unitCenters: placement.centers,
    aspectRatios: aspects.values,
    radii: radii.map((r) => r * s),
    placement,
    warnings,
  };
}

/** The p×p identity, row-major. */
function identityMatrix(p: number): Float64Array {
  const m = new Float64Array(p * p);
  for (let i = 0; i < p; i++) m[i * p + i] = 1;
  return m;
}
