import { mkdir, stat } from 'node:fs/promises';
import { CliError } from '../cliError';
import type { CliCommand } from '../command';
import { numberOption } from '../numberOption';
import { readCliText } from '../readCliFile';
import { appendAll, maxOf } from '../../shared/arrays';
import type { Archetype } from '../../engines/clusters/archetype';
import { parseArchetype } from '../../engines/clusters/validateArchetype';
import { parseArchetypesJsonl } from '../../engines/clusters/archetypeJsonl';
import { writeDatasetSeries, type WrittenDataset } from '../../node/clusters/writeDatasetSeries';
import { summarizeDataset, type DatasetSummary } from '../../engines/clusters/datasetSummary';
import { judgeGeneration } from '../../engines/clusters/estimateGeneration';
import { describeArchetype } from '../../engines/llm/describeArchetype';
import { chatComplete } from '../../engines/llm/chatCompletion';
import { formatSig } from '../../protocol/format';

/** An archetype file is a few hundred bytes; anything past this is not one. */
const MAX_ARCHETYPE_FILE = 16 * 2 ** 20;

export async function readArchetypeFile(file: string): Promise<{ archetype: Archetype; warnings: string[] }> {
  const size = await stat(file).then(
    (s) => s.size,
    () => 0, // readCliText reports a missing or unreadable file
  );
  if (size > MAX_ARCHETYPE_FILE)
    throw new CliError(`${file}: ${size} bytes is too large for an archetype file (at most 16 MiB)`);
  const text = await readCliText(file);
  if (/\.jsonl$/i.test(file)) {
    const r = parseArchetypesJsonl(text);
    if (r.problems.length) throw new CliError(`${file}:${r.problems[0].line}: ${r.problems[0].message}`);
    if (r.archetypes.length !== 1)
      throw new CliError(`${file}: holds ${r.archetypes.length} archetypes; give a file with exactly one`);
    return { archetype: r.archetypes[0].archetype, warnings: r.archetypes[0].warnings };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const r = parseArchetype(value);
  if (!r.ok) throw new CliError(`${file}: ${r.errors.join('; ')}`);
  return { archetype: r.archetype, warnings: r.warnings };
}

/** (Also used by benchmark-clustering.) The LLM path of --describe is used only when COSTRISK_LLM_ENDPOINT and COSTRISK_LLM_MODEL are set. */
export function llmFromEnv() {
  const endpoint = process.env.COSTRISK_LLM_ENDPOINT;
  const model = process.env.COSTRISK_LLM_MODEL;
  if (!endpoint || !model) return undefined;
  const apiKey = process.env.COSTRISK_LLM_API_KEY;
  return (messages: Parameters<typeof chatComplete>[0]['messages'], signal?: AbortSignal) =>
    chatComplete({ endpoint, model, apiKey, messages, signal, fetchImpl: fetch });
}

/** `--out` must name a folder (created when missing), not a file. */
async function prepareOutFolder(out: string): Promise<void> {
  const st = await stat(out).catch(() => null);
  if (st !== null && !st.isDirectory()) throw new CliError(`--out must be a folder: ${out} is a file`);
  await mkdir(out, { recursive: true });
}

/** What the text output needs of a data set (not its p×p axes, which --json alone prints). */
interface DatasetLine {
  file: string;
  n: number;
  dim: number;
  sizes: number[];
  maxOverlap: number;
  converged: boolean;
  epochs: number;
  warnings: string[];
}

export const generateCommand: CliCommand = {
  name: 'generate',
  usage:
    'generate (--archetype FILE.json | --describe "text") [--seed S] [--n-datasets N] [--distort] [--sphere] [--format csv|npy] [--decimals D] [--force] --out DIR [--json]',
  help: [
    'Synthetic cluster data sets from an archetype (thesis ch. 5): writes DIR/<name>_<i>.csv (features x1..xp and a label column); data set i uses seed S+i-1.',
    '      Numbers in the CSV are written in their shortest exact form, or rounded to D decimals with --decimals D (0-15; faster, smaller).',
    '      --format npy writes NumPy files instead: DIR/<name>_<i>.npy (float64, n x p) and DIR/<name>_<i>_labels.npy (int32), exact and fastest.',
    '      The work is estimated first: past about 20 s or 1 GB it needs --force; past 1 h or 4 GB per data set it is refused with what to lower.',
    '      A series estimated at a second or more is shared with helper threads (up to 3, one fewer than the cores): the same files, listed in order.',
  ].join('\n'),
  options: {
    archetype: { type: 'string' },
    describe: { type: 'string' },
    seed: { type: 'string' },
    'n-datasets': { type: 'string' },
    distort: { type: 'boolean' },
    sphere: { type: 'boolean' },
    force: { type: 'boolean' },
    out: { type: 'string' },
    format: { type: 'string' },
    decimals: { type: 'string' },
  },
  async run({ values, json, signal, report }) {
    const file = values.archetype as string | undefined;
    const text = values.describe as string | undefined;
    if ((file === undefined) === (text === undefined))
      throw new CliError('give exactly one of --archetype FILE.json or --describe "text"');
    const { out, seed, count, format, decimals } = outputOptions(values);
    const distort = Boolean(values.distort);
    const sphere = Boolean(values.sphere);
    const notes: string[] = [];
    const archetype = await archetypeFromFlags(file, text, signal, notes);
    checkWorkload(archetype, { distort, sphere, count, format, json, force: values.force === true }, notes);
    await prepareOutFolder(out);
    const summaries: DatasetSummary[] = [];
    const lines: DatasetLine[] = [];
    await writeDatasetSeries({
      archetype,
      firstSeed: seed,
      count,
      distort,
      sphere,
      signal,
      output: { dir: out, format, decimals, naming: 'position' },
      onWritten: (d, [path]) => {
        if (json) summaries.push(summarizeDataset(d, path));
        lines.push(datasetLine(d, path));
      },
    });
    for (const n of notes) report.warn(n);
    for (const s of lines) for (const w of s.warnings) report.warn(w, s.file);
    if (json) {
      return {
        archetype,
        datasets: summaries.map((s) => ({
          file: s.file,
          n_samples: s.n_samples,
          dim: s.dim,
          sizes: s.sizes,
          clusters: s.clusters,
          overlaps: s.overlaps,
          converged: s.converged,
        })),
      };
    }
    const header = `archetype ${archetype.name}: ${archetype.n_clusters} clusters, ${archetype.dim}D, ${archetype.n_samples} samples, overlap ${archetype.min_overlap}..${archetype.max_overlap}`;
    return [
      header,
      ...lines.map(
        (s) =>
          `${s.file}: ${s.n} x ${s.dim}, sizes ${s.sizes.join('/')}, max pair overlap ${formatSig(s.maxOverlap, 3)}, ${s.converged ? 'converged' : 'NOT converged'} in ${s.epochs} epochs`,
      ),
    ].join('\n');
  },
};

/** --out, --seed, --n-datasets, --format and --decimals: where the data sets go, how many, and in what form. */
function outputOptions(values: Record<string, unknown>): {
  out: string;
  seed: number;
  count: number;
  format: 'csv' | 'npy';
  decimals: number | undefined;
} {
  const out = values.out as string | undefined;
  if (!out) throw new CliError('--out DIR is required');
  const seed = numberOption(values.seed, '--seed', { min: 0, max: 2 ** 32 - 1 }, 1);
  if (!Number.isInteger(seed)) throw new CliError(`--seed: "${String(values.seed)}" is not an integer`);
  const count = numberOption(values['n-datasets'], '--n-datasets', { min: 1, max: 10000 }, 1);
  if (!Number.isInteger(count)) throw new CliError(`--n-datasets: "${String(values['n-datasets'])}" is not an integer`);
  const format = (values.format as string | undefined) ?? 'csv';
  if (format !== 'csv' && format !== 'npy') throw new CliError(`--format: "${format}" is not csv or npy`);
  const decimals =
    values.decimals === undefined ? undefined : numberOption(values.decimals, '--decimals', { min: 0, max: 15 }, 0);
  if (decimals !== undefined && !Number.isInteger(decimals))
    throw new CliError(`--decimals: "${String(values.decimals)}" is not an integer`);
  if (decimals !== undefined && format === 'npy')
    throw new CliError('--decimals applies to CSV output; .npy files hold the exact numbers');
  return { out, seed, count, format, decimals };
}

/** The archetype of --archetype FILE, or read from --describe's text (by a language model when one is configured); its warnings go to `notes`. */
async function archetypeFromFlags(
  file: string | undefined,
  text: string | undefined,
  signal: AbortSignal,
  notes: string[],
): Promise<Archetype> {
  if (file !== undefined) {
    const r = await readArchetypeFile(file);
    appendAll(notes, r.warnings);
    return r.archetype;
  }
  if (!text?.trim()) throw new CliError('--describe: the description is empty');
  const r = await describeArchetype(text, llmFromEnv(), signal);
  appendAll(notes, r.warnings);
  if (r.source === 'offline' && r.understood.length) notes.push(`understood: ${r.understood.join(', ')}`);
  return r.archetype;
}

/** Refuses work past what one run may do, and work past the confirmation threshold without --force (noted when forced). */
function checkWorkload(
  archetype: Archetype,
  o: { distort: boolean; sphere: boolean; count: number; format: 'csv' | 'npy'; json: boolean; force: boolean },
  notes: string[],
): void {
  const { distort, sphere, count } = o;
  const verdict = judgeGeneration(archetype, {
    distort,
    sphere,
    count,
    write: true,
    format: o.format,
    jsonSummary: o.json,
  });
  if (verdict.kind === 'refuse') throw new CliError(verdict.message);
  if (verdict.kind !== 'confirm') return;
  if (!o.force)
    throw new CliError(
      `${verdict.message}; add --force to run it anyway (Ctrl-C stops it), or make the archetype smaller`,
    );
  notes.push(`${verdict.message}; run with --force`);
}

/** The text output's line of one data set. */
function datasetLine(d: WrittenDataset, file: string): DatasetLine {
  return {
    file,
    n: d.n,
    dim: d.dim,
    sizes: Array.from(d.sizes),
    maxOverlap: maxOf(
      d.overlaps.map((o) => o.alpha),
      0,
    ),
    converged: d.converged,
    epochs: d.epochs,
    warnings: d.warnings,
  };
}
