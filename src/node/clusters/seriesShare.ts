/**
 * One thread's part of a series of generated data sets (writeDatasetSeries.ts), and the files of a
 * data set: the same code in the calling thread and in each helper thread (datasetSeriesWorker.ts).
 *
 * - every file is written atomically (temporary file, then rename), without an fsync: a data set
 *   is remade from its seed, so a power loss costs nothing that cannot be had again;
 * - files up to SYNC_WRITE_BYTES are written synchronously (in a batch of small data sets the
 *   thread-pool trips of an asynchronous write cost more than the writing), larger ones chunk by
 *   chunk, stopping between chunks once `signal` is aborted;
 * - each data set's points go into the memory of the thread's one before, written by then: a
 *   series of large data sets uses one array a thread instead of fresh memory each time, whose
 *   first touch cost ~9 ms per 100-D data set of 4,000 points on the 2-core test machine (more
 *   than drawing them).
 */
import { generateDatasetAsync, type GeneratedDataset } from '../../engines/clusters/generateDataset';
import type { Archetype } from '../../engines/clusters/archetype';
import { datasetCsvChunks, datasetJsonChunks } from '../../engines/clusters/datasetCsv';
import { labelsNpy, pointsNpy } from '../../engines/clusters/datasetNpy';
import { summarizeDataset } from '../../engines/clusters/datasetSummary';
import type { DatasetFormat } from '../../engines/clusters/datasetFormat';
import { throwIfAborted, untilAborted } from '../../engines/cancellation';
import { writeFileAtomic, writeFileAtomicSync } from '../../shared/fs/writeFileAtomic';
import { join } from 'node:path';

/**
 * Files up to about this many bytes are written synchronously: such a file is written or
 * formatted in well under the second within which a cancel must stop the work.
 */
export const SYNC_WRITE_BYTES = 16 * 2 ** 20;

/** One output file of a data set. */
export interface DatasetFile {
  path: string;
  /** The content, made lazily as it is written (e.g. CSV rows formatted chunk by chunk). */
  pieces: Iterable<string | Uint8Array>;
  /** About how many bytes it will have (decides between writing at once and chunk by chunk). */
  bytes: number;
}

/** Where and how a series is written (plain data: helper threads get a copy). */
export interface DatasetOutput {
  dir: string;
  format: DatasetFormat;
  /** Rounds the CSV's numbers to this many decimals (else each is written in its shortest exact form). */
  decimals?: number;
  /** Files named `<archetype name>_<position from 1>` (the CLI) or `<archetype name>_seed<seed>` (the Dataset Generator). */
  naming: 'position' | 'seed';
}

/**
 * The files of data set `index` of a series; the first is its data file (`<base>.<format>`, and
 * `<base>_labels.npy` for NumPy).
 */
export function datasetFiles(d: GeneratedDataset, out: DatasetOutput, index: number): DatasetFile[] {
  const name = out.naming === 'seed' ? `${d.archetype.name}_seed${d.seed}` : `${d.archetype.name}_${index + 1}`;
  const base = join(out.dir, name);
  if (out.format === 'npy')
    return [
      { path: `${base}.npy`, pieces: pointsNpy(d.X, d.dim), bytes: 8 * d.X.length },
      { path: `${base}_labels.npy`, pieces: labelsNpy(d.labels), bytes: 4 * d.n },
    ];
  // At most about 25 bytes a number in shortest form (fewer rounded); the JSON adds each cluster's axes.
  if (out.format === 'json')
    return [
      {
        path: `${base}.json`,
        pieces: datasetJsonChunks({ archetype: d.archetype, ...summarizeDataset(d, null) }, d.X, d.labels, d.dim),
        bytes: 25 * (d.X.length + d.model.clusters.length * d.dim * d.dim),
      },
    ];
  return [
    {
      path: `${base}.csv`,
      pieces: datasetCsvChunks(d.X, d.labels, d.dim, { decimals: out.decimals }),
      bytes: 25 * d.X.length,
    },
  ];
}

/** What `onWritten` gets of a data set: all but its points and labels (their memory serves the next data set, or stayed in a helper thread). */
export type WrittenDataset = Omit<GeneratedDataset, 'X' | 'labels'>;

/** A written data set: its position in the series, its files (the data file first) and its description. */
export interface WrittenResult {
  index: number;
  paths: string[];
  dataset: WrittenDataset;
}

/** The part of a series every thread works from (plain data). */
export interface SeriesJob {
  archetype: Archetype;
  firstSeed: number;
  count: number;
  distort?: boolean;
  sphere?: boolean;
  output: DatasetOutput;
}

/**
 * A thread's part of a series: the data sets at the positions `take` hands out, until it hands out
 * one past the end; `done` gets each once its files are written.
 */
export async function writeSeriesShare(
  job: SeriesJob,
  take: () => number,
  done: (r: WrittenResult) => void,
  signal: AbortSignal,
): Promise<void> {
  let storage: Float64Array | undefined;
  for (;;) {
    throwIfAborted(signal);
    const index = take();
    if (index >= job.count) return;
    const d = await generateDatasetAsync(job.archetype, {
      seed: job.firstSeed + index,
      distort: job.distort,
      sphere: job.sphere,
      signal,
      storage,
    });
    const files = datasetFiles(d, job.output, index);
    for (const f of files) await writeDatasetFile(f, signal);
    done({ index, paths: files.map((f) => f.path), dataset: withoutPoints(d) });
    storage = d.X;
  }
}

/** The data set without X and labels (a copy of its other fields, which a helper thread posts as they are). */
function withoutPoints(d: GeneratedDataset): WrittenDataset {
  const { X: _X, labels: _labels, ...rest } = d;
  return rest;
}

/** Writes one file: at once when small, else chunk by chunk, stopping between chunks when `signal` is aborted. */
export async function writeDatasetFile(f: DatasetFile, signal: AbortSignal): Promise<void> {
  if (f.bytes <= SYNC_WRITE_BYTES) writeFileAtomicSync(f.path, f.pieces, { sync: false });
  else await writeFileAtomic(f.path, untilAborted(f.pieces, signal), { sync: false });
}
