/**
 * Generates data sets from one archetype (seeds firstSeed, firstSeed + 1, …) and writes each as
 * soon as it is made: the one loop behind `costrisk generate` and the Dataset Generator's "write
 * data sets". The callers choose the folder, format and file names; this loop owns the threads,
 * the order of what it reports, the cancellation, the writing and the memory (seriesShare.ts).
 * A long series is shared with helper threads (datasetSeriesThreads.ts); each data set comes from
 * its own seed, so the files are the same whichever thread made them.
 */
import { helpersFor, helperThreadsAvailable, writeSeriesInThreads } from './datasetSeriesThreads';
import { writeSeriesShare, type SeriesJob, type WrittenDataset, type WrittenResult } from './seriesShare';

export { datasetFiles, SYNC_WRITE_BYTES, type DatasetOutput, type WrittenDataset } from './seriesShare';

export interface DatasetSeries extends SeriesJob {
  signal: AbortSignal;
  /** Threads generating beside the caller's: by default as many as help (helpersFor); 0 for none. None where their script is missing (run from the TypeScript sources). */
  helpers?: number;
  /** Once data set `index` is written, with the paths of its files (the data file first): in the order of the series, whichever thread made it. */
  onWritten?(d: WrittenDataset, paths: string[], index: number): void;
}

export async function writeDatasetSeries(s: DatasetSeries): Promise<void> {
  const job: SeriesJob = {
    archetype: s.archetype,
    firstSeed: s.firstSeed,
    count: s.count,
    distort: s.distort,
    sphere: s.sphere,
    output: s.output,
  };
  // Results that finished before an earlier position wait here until it is reported.
  const waiting = new Map<number, WrittenResult>();
  let reported = 0;
  const done = (r: WrittenResult): void => {
    waiting.set(r.index, r);
    for (let w = waiting.get(reported); w !== undefined; w = waiting.get(reported)) {
      waiting.delete(reported++);
      s.onWritten?.(w.dataset, w.paths, w.index);
    }
  };
  const helpers = helperThreadsAvailable() ? (s.helpers ?? helpersFor(job)) : 0;
  if (helpers > 0) return writeSeriesInThreads(job, helpers, s.signal, done);
  let next = 0;
  return writeSeriesShare(job, () => next++, done, s.signal);
}
