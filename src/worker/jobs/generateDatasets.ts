import { mkdir } from 'node:fs/promises';
import { Rng } from '../../engines/numeric/rng';
import { parseArchetype } from '../../engines/clusters/validateArchetype';
import { generateDatasetAsync, type GeneratedDataset } from '../../engines/clusters/generateDataset';
import { achievedOverlaps } from '../../engines/clusters/achievedOverlaps';
import { projectTo2dSteps } from '../../engines/clusters/projectTo2d';
import { silhouetteScoreSteps } from '../../engines/clusters/silhouetteScore';
import { judgeGeneration, type GenerationRequest } from '../../engines/clusters/estimateGeneration';
import { runStepsAsync } from '../../engines/cancellation';
import type { Archetype } from '../../engines/clusters/archetype';
import { PREVIEW_POINTS, type DatasetPreview, type GenerateParams } from '../../protocol/datasetGenerator';
import { writeDatasetSeries } from '../../node/clusters/writeDatasetSeries';
import type { DatasetFormat } from '../../engines/clusters/datasetFormat';
import type { JobContext } from '../workerProtocol';

export interface GenerateDatasetsParams extends GenerateParams {
  /** With `outDir`: write `count` data sets there (CSV, NumPy or JSON) instead of returning a preview. */
  outDir?: string;
  count?: number;
  format?: DatasetFormat;
}

function validArchetype(raw: Record<string, unknown>): Archetype {
  const r = parseArchetype(raw);
  if (!r.ok) throw new Error(`invalid archetype: ${r.errors.join('; ')}`);
  return r.archetype;
}

/** Refuses work above the hard limit, and work above the interactive one unless the user confirmed it (`force`). */
function checkWork(archetype: Archetype, request: GenerationRequest, force: boolean | undefined): void {
  const verdict = judgeGeneration(archetype, request);
  if (verdict.kind === 'refuse') throw new Error(verdict.message);
  if (verdict.kind === 'confirm' && force !== true)
    throw new Error(`${verdict.message}; confirm it in the Dataset Generator to run it`);
}

async function preview(d: GeneratedDataset, t0: number, signal: AbortSignal): Promise<DatasetPreview> {
  const { xy, explained } = await runStepsAsync(projectTo2dSteps(d.X, d.dim, signal), signal);
  let rows = Array.from({ length: d.n }, (_, i) => i);
  if (d.n > PREVIEW_POINTS) rows = new Rng(d.seed).shuffle(rows).slice(0, PREVIEW_POINTS);
  const pts: number[] = [];
  const labels: number[] = [];
  for (const i of rows) {
    pts.push(xy[2 * i], xy[2 * i + 1]);
    labels.push(d.labels[i]);
  }
  return {
    archetype: d.archetype,
    seed: d.seed,
    n: d.n,
    dim: d.dim,
    xy: pts,
    labels,
    explained,
    sizes: Array.from(d.sizes),
    distributions: d.model.clusters.map((c) => c.distribution),
    histogram: achievedOverlaps([d]),
    // silhouette on at most 1000 rows (O(n) each) keeps the preview interactive
    silhouette: await runStepsAsync(
      silhouetteScoreSteps(d.X, d.labels, d.dim, { sample: 1000, rng: new Rng(d.seed) }),
      signal,
    ),
    converged: d.converged,
    epochs: d.epochs,
    warnings: d.warnings,
    elapsedMs: performance.now() - t0,
  };
}

/**
 * Dataset Generator: one data set for the preview, or `count` data sets written to `outDir`. The
 * work is estimated first (estimateGeneration): refused above the hard limit, and above the
 * interactive one only run when `force` says the user confirmed it. Cancellable throughout: the
 * generation gives the event loop a turn every few tens of milliseconds, so the host's cancel
 * message is seen.
 */
export async function generateDatasets(
  params: GenerateDatasetsParams,
  ctx: JobContext,
): Promise<{ preview: DatasetPreview | null; files: string[] }> {
  const archetype = validArchetype(params.archetype);
  const opts = { distort: params.distort, sphere: params.sphere, signal: ctx.signal };
  if (!params.outDir) {
    checkWork(archetype, { distort: params.distort, sphere: params.sphere, preview: true }, params.force);
    const t0 = performance.now();
    const d = await generateDatasetAsync(archetype, {
      ...opts,
      seed: params.seed,
      exactCheck: archetype.dim <= 10 && archetype.n_clusters <= 40,
      onProgress: (f) => ctx.progress(0.9 * f, 'placing cluster centres'),
    });
    ctx.progress(0.95, 'summarising');
    return { preview: await preview(d, t0, ctx.signal), files: [] };
  }
  const count = params.count ?? 1;
  const format = params.format ?? 'csv';
  checkWork(archetype, { distort: params.distort, sphere: params.sphere, count, write: true, format }, params.force);
  await mkdir(params.outDir, { recursive: true });
  const outDir = params.outDir;
  const files: string[] = [];
  await writeDatasetSeries({
    archetype,
    firstSeed: params.seed,
    count,
    distort: params.distort,
    sphere: params.sphere,
    signal: ctx.signal,
    output: { dir: outDir, format, naming: 'seed' },
    onWritten: (_, [path], i) => {
      files.push(path);
      ctx.progress((i + 1) / count, `${i + 1} of ${count} data sets written`);
    },
  });
  ctx.progress(1);
  return { preview: null, files };
}
