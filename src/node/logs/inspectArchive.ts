import { EvalLogError } from '../../engines/logs/evalLogError';
import type { InspectSampleItem, InspectSource } from './inspectSource';
import { abortError } from './lineStream';
import { asObject, parseJsonDocument } from '../../engines/logs/readJsonDocument';
import { ZipArchive, type ZipEntry, type ZipLimits } from './zipArchive';
import type { ReadOptions } from '../../engines/logs/types';

/** `samples/<id>_epoch_<n>.json` (one entry per sample) or `samples/<id>_epoch_<n>/sample.json` (a chunked sample's shell). */
const SAMPLE_ENTRY = /^samples\/(.+)_epoch_(\d+)(?:\.json|\/sample\.json)$/;
const JOURNAL_SUMMARY = /^_journal\/summaries\/(\d+)\.json$/;
const META = new Set(['header.json', 'summaries.json', '_journal/start.json']);
const utf8 = new TextDecoder('utf-8');

const keepEntry = (name: string): boolean => META.has(name) || JOURNAL_SUMMARY.test(name) || SAMPLE_ENTRY.test(name);
const sampleKey = (id: unknown, epoch: unknown): string => `${String(id)}\u0000${String(epoch)}`;

/**
 * Opens an Inspect `.eval` archive (`header.json`, `summaries.json`, one `samples/...` entry per
 * sample; a run that did not finish has `_journal/start.json` and `_journal/summaries/<n>.json`
 * instead). The summaries give scores, usage and time; the sample entries are read, one at a time,
 * only when the summaries lack usage (archives written before early 2025), when the run asked for
 * log-probs (the confidence signal), or for samples that no summary lists.
 */
export async function openInspectArchive(file: string, limits: ZipLimits, opts: ReadOptions): Promise<InspectSource> {
  const zip = await ZipArchive.open(file, keepEntry, limits, opts.signal);
  try {
    return await archiveSource(zip, opts);
  } catch (err) {
    await zip.close();
    throw err;
  }
}

async function archiveSource(zip: ZipArchive, opts: ReadOptions): Promise<InspectSource> {
  const file = zip.file;
  const headerName = zip.entries.has('header.json')
    ? 'header.json'
    : zip.entries.has('_journal/start.json')
      ? '_journal/start.json'
      : null;
  if (headerName === null)
    throw new EvalLogError(
      file,
      `the .eval archive has neither header.json nor _journal/start.json (${zip.entryCount} entries): not an Inspect log, or a damaged one`,
    );
  const header = asObject(await readJson(zip, headerName));
  if (!header) throw new EvalLogError(file, `${headerName} inside the .eval archive is not a JSON object`);
  const notes: string[] = [];
  const { summaries, summariesName } = await readSummaries(zip);
  const entries = new Map<string, ZipEntry>();
  for (const [name, entry] of zip.entries) {
    const m = SAMPLE_ENTRY.exec(name);
    if (m) entries.set(sampleKey(m[1], Number(m[2])), entry);
  }
  const lacksUsage =
    summaries !== null &&
    summaries.some((s) => asObject(s) !== undefined && !Object.hasOwn(asObject(s) as object, 'model_usage'));
  const useEntries = summaries === null || lacksUsage || wantsLogprobs(header);
  if (summaries !== null && useEntries && entries.size > 0)
    notes.push(
      lacksUsage
        ? `${summariesName} has no token usage (archives written before early 2025 keep it only per sample): usage, time and scores come from the sample entries`
        : 'the run asked for log-probs: the sample entries are read for the confidence signal',
    );
  const listed = new Set<string>();
  if (summaries !== null) for (const s of summaries) listed.add(sampleKey(asObject(s)?.id, asObject(s)?.epoch));
  const orphans = [...entries]
    .filter(([key]) => !listed.has(key))
    .sort(([, a], [, b]) => compareSampleEntries(a.name, b.name));
  if (summaries !== null && orphans.length > 0)
    notes.push(
      `${orphans.length} sample entr${orphans.length === 1 ? 'y is' : 'ies are'} missing from ${summariesName} (a run that stopped early?): read from the entries themselves`,
    );
  const count = (summaries?.length ?? 0) + orphans.length;

  async function* samples(): AsyncGenerator<InspectSampleItem> {
    let line = 0;
    for (const [i, s] of (summaries ?? []).entries()) {
      line++;
      const o = asObject(s);
      const entry = useEntries && o ? entries.get(sampleKey(o.id, o.epoch)) : undefined;
      if (entry) yield await sampleFromEntry(zip, entry, line, opts.signal);
      else yield { line, where: `${summariesName}[${i}]`, sample: s };
    }
    for (const [, entry] of orphans) yield await sampleFromEntry(zip, entry, ++line, opts.signal);
  }
  return { header, count, notes, headerOnly: false, samples, close: () => zip.close() };
}

/** One sample entry, parsed; a JSON problem costs that sample only (limits and broken zip data end the read). */
async function sampleFromEntry(
  zip: ZipArchive,
  entry: ZipEntry,
  line: number,
  signal?: AbortSignal,
): Promise<InspectSampleItem> {
  if (signal?.aborted) throw abortError(signal);
  try {
    return { line, where: entry.name, sample: await readJson(zip, entry.name) };
  } catch (err) {
    if (!(err instanceof EvalLogError) || !err.message.includes(' is not valid JSON')) throw err;
    return { line, where: entry.name, problem: err.message.slice(zip.file.length + 2) };
  }
}

/** `summaries.json`, else the journal's `_journal/summaries/<n>.json` in order, else null. */
async function readSummaries(zip: ZipArchive): Promise<{ summaries: unknown[] | null; summariesName: string }> {
  if (zip.entries.has('summaries.json'))
    return {
      summaries: asArray(zip, await readJson(zip, 'summaries.json'), 'summaries.json'),
      summariesName: 'summaries.json',
    };
  const parts = [...zip.entries.keys()]
    .filter((n) => JOURNAL_SUMMARY.test(n))
    .sort((a, b) => journalIndex(a) - journalIndex(b));
  if (parts.length === 0) return { summaries: null, summariesName: 'summaries.json' };
  const summaries: unknown[] = [];
  for (const n of parts) for (const s of asArray(zip, await readJson(zip, n), n)) summaries.push(s);
  return { summaries, summariesName: '_journal/summaries' };
}

/** An entry's JSON (Python's NaN/Infinity accepted); EvalLogError naming the entry when it is not JSON. */
async function readJson(zip: ZipArchive, name: string): Promise<unknown> {
  const entry = zip.entries.get(name) as ZipEntry;
  const bytes = await zip.read(entry);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (err) {
    throw new EvalLogError(zip.file, `entry "${name}" is too large to decode as text (${(err as Error).message})`);
  }
  return parseJsonDocument(zip.file, text, `${name} inside the .eval archive`);
}

function asArray(zip: ZipArchive, v: unknown, name: string): unknown[] {
  if (!Array.isArray(v)) throw new EvalLogError(zip.file, `${name} inside the .eval archive is not a JSON list`);
  return v;
}

const journalIndex = (name: string): number => Number(JOURNAL_SUMMARY.exec(name)?.[1] ?? 0);

/** Sample entries ordered by epoch, then id (numerically when both ids are numbers). */
function compareSampleEntries(a: string, b: string): number {
  const pa = SAMPLE_ENTRY.exec(a);
  const pb = SAMPLE_ENTRY.exec(b);
  const ea = Number(pa?.[2] ?? 0);
  const eb = Number(pb?.[2] ?? 0);
  if (ea !== eb) return ea - eb;
  const ia = pa?.[1] ?? a;
  const ib = pb?.[1] ?? b;
  const na = Number(ia);
  const nb = Number(ib);
  return Number.isFinite(na) && Number.isFinite(nb) && ia.trim() !== '' && ib.trim() !== ''
    ? na - nb
    : ia < ib
      ? -1
      : ia > ib
        ? 1
        : 0;
}

/** Did the run ask the model for log-probs (GenerateConfig.logprobs)? */
export function wantsLogprobs(header: Record<string, unknown>): boolean {
  const evalSpec = asObject(header.eval);
  return (
    asObject(evalSpec?.model_generate_config)?.logprobs === true ||
    asObject(asObject(header.plan)?.config)?.logprobs === true ||
    asObject(asObject(evalSpec?.config)?.generate_config)?.logprobs === true
  );
}
