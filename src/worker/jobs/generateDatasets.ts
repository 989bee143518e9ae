import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Rng } from '../../engines/numeric/rng';
import { parseArchetype } from '../../engines/clusters/validateArchetype';
import { generateDataset, type GeneratedDataset } from '../../engines/clusters/generateDataset';
import { achievedOverlaps } from '../../engines/clusters/achievedOverlaps';
import { projectTo2d } from '../../engines/clusters/projectTo2d';
import { silhouetteScore } from '../../engines/clusters/silhouetteScore';
import { datasetToCsv } from '../../engines/clusters/datasetCsv';
import { summarizeDataset } from '../../engines/clusters/datasetSummary';
import type { Archetype } from '../../engines/clusters/archetype';
import { PREVIEW_POINTS, type DatasetPreview, type GenerateParams } from '../../protocol/datasetGenerator';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';
import type { JobContext } from '../workerProtocol';

export interface GenerateDatasetsParams extends GenerateParams {
  /** With `outDir`: write `count` data sets there (CSV or JSON) instead of returning a preview. */
  outDir?: string;
  count?: number;
  format?: 'csv' | 'json';
}

function validArchetype(raw: Record<string, unknown>): Archetype {
  const r = parseArchetype(raw);
  if (!r.ok) throw new Error(`invalid archetype: ${r.errors.join('; ')}`);
  return r.archetype;
}

function preview(d: GeneratedDataset, elapsedMs: number): DatasetPreview {
  const { xy, explained } = projectTo2d(d.X, d.dim);
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
    silhouette: silhouetteScore(d.X, d.labels, d.dim, { sample: 1000, rng: new Rng(d.seed) }),
    converged: d.converged,
    epochs: d.epochs,
    warnings: d.warnings,
    elapsedMs,
  };
}

/** Dataset Generator: one data set for the preview, or `count` data sets written to `outDir`. */
export async function generateDatasets(params: GenerateDatasetsParams, ctx: JobContext): Promise<{ preview: DatasetPreview | null; files: string[] }> {
  const archetype = validArchetype(params.archetype);
  const opts = { distort: params.distort, sphere: params.sphere, signal: ctx.signal };
  if (!params.outDir) {
    const t0 = performance.now();
    const d = generateDataset(archetype, { ...opts, seed: params.seed, exactCheck: archetype.dim <= 10 && archetype.n_clusters <= 40, onProgress: (f) => ctx.progress(0.9 * f, 'placing cluster centres') });
    ctx.progress(0.95, 'summarising');
    return { preview: preview(d, performance.now() - t0), files: [] };
  }
  const count = params.count ?? 1;
  await mkdir(params.outDir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('aborted');
    ctx.progress(i / count, `data set ${i + 1} of ${count}`);
    const seed = params.seed + i;
    const d = generateDataset(archetype, { ...opts, seed });
    const base = join(params.outDir, `${archetype.name}_seed${seed}`);
    if (params.format === 'json') {
      const rows = Array.from({ length: d.n }, (_, r) => Array.from(d.X.subarray(r * d.dim, r * d.dim + d.dim)));
      await writeFileAtomic(`${base}.json`, JSON.stringify({ archetype, ...summarizeDataset(d, null), X: rows, labels: Array.from(d.labels) }));
      files.push(`${base}.json`);
    } else {
      await writeFileAtomic(`${base}.csv`, datasetToCsv(d.X, d.labels, d.dim));
      files.push(`${base}.csv`);
    }
  }
  ctx.progress(1);
  return { preview: null, files };
}
