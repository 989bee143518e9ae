import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { EvalLogError } from '../../engines/logs/evalLogError';
import { openInspectArchive } from './inspectArchive';
import { asObject, parseJsonDocument } from '../../engines/logs/readJsonDocument';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zipArchive';
import type { ReadOptions } from '../../engines/logs/types';

/** One sample as read from the log (not yet validated), or why the entry holding it could not be read. */
export type InspectSampleItem =
  | { line: number; where: string; sample: unknown; problem?: undefined }
  | { line: number; where: string; problem: string; sample?: undefined };

/** The parts of an Inspect log the reader needs, whatever the container. */
export interface InspectSource {
  /** The log header: the whole `EvalLog` of a `.json`, `header.json` (or `_journal/start.json`) of an archive. */
  header: Record<string, unknown>;
  /** How many samples `samples()` will give (for progress and for the empty-log message). */
  count: number;
  /** Things the user should know about how the samples were read (e.g. usage taken from the sample entries). */
  notes: string[];
  /** True when the log has no samples at all by design: a `.json` without a "samples" key (log_samples off, or a header-only write). */
  headerOnly: boolean;
  samples(): AsyncGenerator<InspectSampleItem>;
  close(): Promise<void>;
}

const ZIP_MAGIC = 0x04034b50;
const EMPTY_ZIP_MAGIC = 0x06054b50;

/** The decompression limits of ReadOptions, with their defaults. */
export function zipLimitsOf(opts: ReadOptions): ZipLimits {
  return {
    maxTotalBytes: opts.maxDecompressedBytes ?? DEFAULT_ZIP_LIMITS.maxTotalBytes,
    maxEntryBytes: opts.maxEntryBytes ?? DEFAULT_ZIP_LIMITS.maxEntryBytes,
    maxEntries: opts.maxArchiveEntries ?? DEFAULT_ZIP_LIMITS.maxEntries,
  };
}

/** Opens an Inspect log: an `.eval` zip archive (by its magic number) or a whole-log `.json`. */
export async function openInspectSource(file: string, opts: ReadOptions): Promise<InspectSource> {
  const head = await readHead(file);
  const magic = head.length >= 4 ? head.readUInt32LE(0) : 0;
  if (magic === ZIP_MAGIC || magic === EMPTY_ZIP_MAGIC) return openInspectArchive(file, zipLimitsOf(opts), opts);
  if (extname(file).toLowerCase() === '.eval')
    throw new EvalLogError(
      file,
      'not a zip archive: an .eval log is a zip file (is it an older JSON log renamed, or a Git LFS pointer?)',
    );
  return openJsonLog(file, zipLimitsOf(opts).maxEntryBytes);
}

/** The file's first 4 bytes (fewer for a shorter file). */
async function readHead(file: string): Promise<Buffer> {
  try {
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(4);
      const { bytesRead } = await fh.read(buf, 0, 4, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new EvalLogError(file, `cannot read the file (${(err as Error).message})`);
  }
}

/** A whole-log `.json` (Inspect's older format): the `EvalLog` with its `samples` array. */
async function openJsonLog(file: string, maxBytes: number): Promise<InspectSource> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > maxBytes)
      throw new EvalLogError(
        file,
        `a whole-log JSON of ${size} bytes is more than the ${maxBytes}-byte limit (write the log as .eval, or raise the limit)`,
      );
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof EvalLogError) throw err;
    throw new EvalLogError(file, `cannot read the file (${(err as Error).message})`);
  }
  const doc = parseJsonDocument(file, text);
  const header = asObject(doc);
  if (!header || !asObject(header.eval)) throw new EvalLogError(file, 'not an Inspect AI log (no "eval" object)');
  if (!Object.hasOwn(header, 'samples'))
    return { header, count: 0, notes: [], headerOnly: true, samples: noSamples, close: async () => undefined };
  if (!Array.isArray(header.samples)) throw new EvalLogError(file, '"samples" is not a list');
  const samples: unknown[] = header.samples;
  return {
    header,
    count: samples.length,
    notes: [],
    headerOnly: false,
    async *samples() {
      for (let i = 0; i < samples.length; i++) yield { line: i + 1, where: `samples[${i}]`, sample: samples[i] };
    },
    close: async () => undefined,
  };
}

async function* noSamples(): AsyncGenerator<InspectSampleItem> {
  return;
}
