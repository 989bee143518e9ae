/**
 * Generates data sets from one archetype (seeds firstSeed, firstSeed + 1, …) and writes each as
 * soon as it is made: the one loop behind `costrisk generate` and the Dataset Generator's "write
 * data sets". The callers choose the files (format, names); this loop owns the order, the
 * cancellation, the writing and the memory:
 *
 * - every file is written atomically (temporary file, then rename), without an fsync: a data set
 *   is remade from its seed, so a power loss costs nothing that cannot be had again;
 * - files up to SYNC_WRITE_BYTES are written synchronously (in a batch of small data sets the
 *   thread-pool trips of an asynchronous write cost more than the writing), larger ones chunk by
 *   chunk, stopping between chunks once `signal` is aborted;
 * - each data set's points go into the memory of the one before, written by then: a series of
 *   large data sets uses one array instead of fresh memory each time, whose first touch cost
 *   ~9 ms per 100-D data set of 4,000 points on the 2-core test machine (more than drawing them).
 */
import { generateDatasetAsync, type GeneratedDataset } from '../../engines/clusters/generateDataset';
import type { Archetype } from '../../engines/clusters/archetype';
import { datasetCsvChunks, datasetJsonChunks } from '../../engines/clusters/datasetCsv';
import { labelsNpy, pointsNpy } from '../../engines/clusters/datasetNpy';
import { summarizeDataset } from '../../engines/clusters/datasetSummary';
import type { DatasetFormat } from '../../engines/clusters/datasetFormat';
import { throwIfAborted, untilAborted } from '../../engines/cancellation';
import { writeFileAtomic, writeFileAtomicSync } from '../../shared/fs/writeFileAtomic';

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

/**
 * The files of one data set named `<base>.<format>` (and `<base>_labels.npy` for NumPy); the first is
 * its data file. `decimals` rounds the CSV's numbers (else each is written in its shortest exact form).
 */
export function datasetFiles(
  d: GeneratedDataset,
  base: string,
  format: DatasetFormat,
  decimals?: number,
): DatasetFile[] {
  if (format === 'npy')
    return [
      { path: `${base}.npy`, pieces: pointsNpy(d.X, d.dim), bytes: 8 * d.X.length },
      { path: `${base}_labels.npy`, pieces: labelsNpy(d.labels), bytes: 4 * d.n },
    ];
  // At most about 25 bytes a number in shortest form (fewer rounded); the JSON adds each cluster's axes.
  if (format === 'json')
    return [
      {
        path: `${base}.json`,
        pieces: datasetJsonChunks({ archetype: d.archetype, ...summarizeDataset(d, null) }, d.X, d.labels, d.dim),
        bytes: 25 * (d.X.length + d.model.clusters.length * d.dim * d.dim),
      },
    ];
  return [
    { path: `${base}.csv`, pieces: datasetCsvChunks(d.X, d.labels, d.dim, { decimals }), bytes: 25 * d.X.length },
  ];
}

export interface DatasetSeries {
  archetype: Archetype;
  firstSeed: number;
  count: number;
  distort?: boolean;
  sphere?: boolean;
  signal: AbortSignal;
  /** The files of data set `index` (from 0); the first is its data file. */
  files(d: GeneratedDataset, index: number): DatasetFile[];
  /** Before data set `index` is generated (for progress). */
  onStart?(index: number): void;
  /** Once data set `index` is written, with the paths of its files. */
  onWritten?(d: GeneratedDataset, paths: string[], index: number): void;
}

export async function writeDatasetSeries(s: DatasetSeries): Promise<void> {
  let storage: Float64Array | undefined;
  for (let i = 0; i < s.count; i++) {
    throwIfAborted(s.signal);
    s.onStart?.(i);
    const d = await generateDatasetAsync(s.archetype, {
      seed: s.firstSeed + i,
      distort: s.distort,
      sphere: s.sphere,
      signal: s.signal,
      storage,
    });
    const files = s.files(d, i);
    for (const f of files) await writeDatasetFile(f, s.signal);
    s.onWritten?.(
      d,
      files.map((f) => f.path),
      i,
    );
    storage = d.X;
  }
}

async function writeDatasetFile(f: DatasetFile, signal: AbortSignal): Promise<void> {
  if (f.bytes <= SYNC_WRITE_BYTES) writeFileAtomicSync(f.path, f.pieces, { sync: false });
  else await writeFileAtomic(f.path, untilAborted(f.pieces, signal), { sync: false });
}
