import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { strFromU8, unzipSync, type Unzipped } from 'fflate';
import { EvalLogError } from './evalLogError';
import { inspectSampleToRaw, type InspectLogInfo } from './inspectSample';
import { abortError } from './lineStream';
import { asObject, asString, parseJsonDocument } from './readJsonDocument';
import { RecordCollector } from './recordCollector';
import type { ReadLogResult, ReadOptions } from './types';

/**
 * Reads an Inspect AI log: a `.json` file holding the whole `EvalLog`, or an `.eval` zip archive
 * (`header.json`, `summaries.json`, `samples/<id>_epoch_<n>.json`). From an archive the summaries
 * give scores, token usage, cost and time; sample files are opened only when the run asked for
 * log-probs (the confidence signal) or the archive has no summaries. Epochs after the first repeat
 * the same queries, so only each query's first epoch is kept (and the rest counted in a warning).
 */
export async function readInspect(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const out = new RecordCollector(file, 'inspect', opts);
  const bytes = await readFile(file);
  if (opts.signal?.aborted) throw abortError(opts.signal);
  const isZip = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
  let header: Record<string, unknown>;
  let samples: unknown[];
  let where: string;
  if (isZip) {
    ({ header, samples, where } = readEvalArchive(file, bytes));
  } else {
    if (extname(file).toLowerCase() === '.eval') throw new EvalLogError(file, 'not a zip archive: an .eval log is a zip file (is it an older JSON log renamed?)');
    header = asObject(parseJsonDocument(file, bytes.toString('utf8'))) ?? {};
    if (!Array.isArray(header.samples)) throw new EvalLogError(file, header.eval ? 'Inspect log has no "samples" (was it written with log_samples off, or is it a header-only read?)' : 'not an Inspect AI log (no "eval" and "samples")');
    samples = header.samples;
    where = 'samples';
  }
  const info: InspectLogInfo = opts.inspectScorer ? { ...logInfo(file, header), scorer: opts.inspectScorer, scorerChosen: true } : logInfo(file, header);
  const status = asString(header.status);
  if (status && status !== 'success') out.warn(null, `the run's status is "${status}": only the samples it finished are in the log`);
  const scorersUsed = new Set<string>();
  const firstEpoch = new Map<string, number>();
  let laterEpochs = 0;
  samples.forEach((s, i) => {
    const sample = asObject(s);
    const loc = `${where}[${i}]`;
    if (!sample) {
      out.linesRead++;
      out.skip(i + 1, `${loc}: expected a sample object`);
      return;
    }
    const epoch = typeof sample.epoch === 'number' ? sample.epoch : 1;
    const id = String(sample.id);
    const seenEpoch = firstEpoch.get(id);
    if (seenEpoch !== undefined && seenEpoch !== epoch) {
      laterEpochs++;
      return;
    }
    firstEpoch.set(id, epoch);
    const mapped = inspectSampleToRaw(sample, info);
    if ('error' in mapped) {
      out.linesRead++;
      out.skip(i + 1, `${loc} (id ${JSON.stringify(sample.id)}): ${mapped.error}`);
    } else {
      scorersUsed.add(mapped.scorer);
      out.add(mapped.raw, i + 1, `${loc} (id ${JSON.stringify(sample.id)})`);
    }
  });
  if (scorersUsed.size) out.warn(null, `correctness from scorer ${[...scorersUsed].map((s) => `"${s}"`).join(', ')}`);
  if (laterEpochs) out.warn(null, `${laterEpochs} sample(s) from later epochs repeat queries already read; each query's first epoch is used`);
  opts.onProgress?.(1);
  return out.finish();
}

function logInfo(file: string, header: Record<string, unknown>): InspectLogInfo {
  const evalSpec = asObject(header.eval);
  const model = asString(evalSpec?.model);
  if (!model) throw new EvalLogError(file, 'Inspect log has no "eval.model"');
  const firstScore = asObject((asObject(header.results)?.scores as unknown[] | undefined)?.[0]);
  return { model, task: asString(evalSpec?.task) ?? '', scorer: asString(firstScore?.name) ?? asString(firstScore?.scorer) ?? null };
}

/** Did the run ask the model for log-probs (GenerateConfig.logprobs)? */
function wantsLogprobs(header: Record<string, unknown>): boolean {
  const evalSpec = asObject(header.eval);
  return asObject(evalSpec?.model_generate_config)?.logprobs === true || asObject(asObject(header.plan)?.config)?.logprobs === true || asObject(asObject(evalSpec?.config)?.generate_config)?.logprobs === true;
}

function readEvalArchive(file: string, bytes: Uint8Array): { header: Record<string, unknown>; samples: unknown[]; where: string } {
  const unzip = (filter: (name: string) => boolean): Unzipped => {
    try {
      return unzipSync(bytes, { filter: (f) => filter(f.name) });
    } catch (err) {
      throw new EvalLogError(file, `not a readable .eval archive (${(err as Error).message})`);
    }
  };
  const parse = (entries: Unzipped, name: string): unknown => parseJsonDocument(file, strFromU8(entries[name]), `${name} inside the .eval archive`);
  const meta = unzip((n) => n === 'header.json' || n === 'summaries.json' || n === '_journal/start.json' || /^_journal\/summaries\/\d+\.json$/.test(n));
  const headerName = 'header.json' in meta ? 'header.json' : '_journal/start.json' in meta ? '_journal/start.json' : null;
  if (headerName === null) throw new EvalLogError(file, 'the .eval archive has neither header.json nor _journal/start.json');
  const header = asObject(parse(meta, headerName)) ?? {};
  let summaries: unknown[] | null = null;
  let where = 'summaries.json';
  if ('summaries.json' in meta) summaries = asArray(file, parse(meta, 'summaries.json'), 'summaries.json');
  else {
    const parts = Object.keys(meta).filter((n) => n.startsWith('_journal/summaries/')).sort((a, b) => journalIndex(a) - journalIndex(b));
    if (parts.length) {
      summaries = parts.flatMap((n) => asArray(file, parse(meta, n), n));
      where = '_journal/summaries';
    }
  }
  if (summaries !== null && !wantsLogprobs(header)) return { header, samples: summaries, where };
  const files = unzip((n) => /^samples\/.+\.json$/.test(n));
  const names = Object.keys(files).sort(compareSampleFiles);
  if (names.length === 0 && summaries !== null) return { header, samples: summaries, where };
  return { header, samples: names.map((n) => parse(files, n)), where: 'samples' };
}

const journalIndex = (name: string): number => Number(/(\d+)\.json$/.exec(name)?.[1] ?? 0);

/** `samples/<id>_epoch_<n>.json` ordered by epoch, then id (numerically when both are numbers). */
function compareSampleFiles(a: string, b: string): number {
  const parse = (n: string) => {
    const m = /^samples\/(.+)_epoch_(\d+)\.json$/.exec(n);
    return { id: m?.[1] ?? n, epoch: Number(m?.[2] ?? 0) };
  };
  const pa = parse(a);
  const pb = parse(b);
  if (pa.epoch !== pb.epoch) return pa.epoch - pb.epoch;
  const na = Number(pa.id);
  const nb = Number(pb.id);
  return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : pa.id.localeCompare(pb.id);
}

function asArray(file: string, v: unknown, name: string): unknown[] {
  if (!Array.isArray(v)) throw new EvalLogError(file, `${name} inside the .eval archive is not a JSON array`);
  return v;
}
