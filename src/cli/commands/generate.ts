import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../cliError';
import type { CliCommand } from '../command';
import { numberOption } from '../numberOption';
import { readCliText } from '../readCliFile';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';
import type { Archetype } from '../../engines/clusters/archetype';
import { parseArchetype } from '../../engines/clusters/validateArchetype';
import { parseArchetypesJsonl } from '../../engines/clusters/archetypeJsonl';
import { generateDataset } from '../../engines/clusters/generateDataset';
import { datasetToCsv } from '../../engines/clusters/datasetCsv';
import { summarizeDataset, type DatasetSummary } from '../../engines/clusters/datasetSummary';
import { describeArchetype } from '../../engines/llm/describeArchetype';
import { chatComplete } from '../../engines/llm/chatCompletion';

export async function readArchetypeFile(file: string): Promise<{ archetype: Archetype; warnings: string[] }> {
  const text = await readCliText(file);
  if (/\.jsonl$/i.test(file)) {
    const r = parseArchetypesJsonl(text);
    if (r.problems.length) throw new CliError(`${file}:${r.problems[0].line}: ${r.problems[0].message}`);
    if (r.archetypes.length !== 1) throw new CliError(`${file}: holds ${r.archetypes.length} archetypes; give a file with exactly one`);
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
  return (messages: Parameters<typeof chatComplete>[0]['messages'], signal?: AbortSignal) => chatComplete({ endpoint, model, apiKey, messages, signal });
}

export const generateCommand: CliCommand = {
  name: 'generate',
  usage: 'generate (--archetype FILE.json | --describe "text") [--seed S] [--n-datasets N] [--distort] [--sphere] --out DIR [--json]',
  help: 'Synthetic cluster data sets from an archetype (thesis ch. 5): writes DIR/<name>_<i>.csv (features x1..xp and a label column); data set i uses seed S+i-1.',
  options: { archetype: { type: 'string' }, describe: { type: 'string' }, seed: { type: 'string' }, 'n-datasets': { type: 'string' }, distort: { type: 'boolean' }, sphere: { type: 'boolean' }, out: { type: 'string' } },
  async run({ values, json, signal, report }) {
    const file = values.archetype as string | undefined;
    const text = values.describe as string | undefined;
    if ((file === undefined) === (text === undefined)) throw new CliError('give exactly one of --archetype FILE.json or --describe "text"');
    const out = values.out as string | undefined;
    if (!out) throw new CliError('--out DIR is required');
    const seed = numberOption(values.seed, '--seed', { min: 0, max: 2 ** 32 - 1 }, 1);
    if (!Number.isInteger(seed)) throw new CliError(`--seed: "${String(values.seed)}" is not an integer`);
    const count = numberOption(values['n-datasets'], '--n-datasets', { min: 1, max: 10000 }, 1);
    if (!Number.isInteger(count)) throw new CliError(`--n-datasets: "${String(values['n-datasets'])}" is not an integer`);
    const notes: string[] = [];
    let archetype: Archetype;
    if (file !== undefined) {
      const r = await readArchetypeFile(file);
      archetype = r.archetype;
      notes.push(...r.warnings);
    } else {
      if (!text!.trim()) throw new CliError('--describe: the description is empty');
      const r = await describeArchetype(text!, llmFromEnv(), signal);
      archetype = r.archetype;
      notes.push(...r.warnings);
      if (r.source === 'offline' && r.understood.length) notes.push(`understood: ${r.understood.join(', ')}`);
    }
    await mkdir(out, { recursive: true });
    const datasets: DatasetSummary[] = [];
    for (let i = 1; i <= count; i++) {
      const d = generateDataset(archetype, { seed: seed + i - 1, distort: Boolean(values.distort), sphere: Boolean(values.sphere), signal });
      const path = join(out, `${archetype.name}_${i}.csv`);
      await writeFileAtomic(path, datasetToCsv(d.X, d.labels, d.dim));
      datasets.push(summarizeDataset(d, path));
    }
    for (const n of notes) report.warn(n);
    for (const s of datasets) for (const w of s.warnings) report.warn(w, s.file ?? '');
    if (json) {
      return {
        archetype,
        datasets: datasets.map((s) => ({ file: s.file, n_samples: s.n_samples, dim: s.dim, sizes: s.sizes, clusters: s.clusters, overlaps: s.overlaps, converged: s.converged })),
      };
    }
    const lines = [`archetype ${archetype.name}: ${archetype.n_clusters} clusters, ${archetype.dim}D, ${archetype.n_samples} samples, overlap ${archetype.min_overlap}..${archetype.max_overlap}`];
    for (const s of datasets) {
      const alphas = s.overlaps.map((o) => o[2]);
      const maxA = alphas.length ? Math.max(...alphas) : 0;
      lines.push(`${s.file}: ${s.n_samples} x ${s.dim}, sizes ${s.sizes.join('/')}, max pair overlap ${maxA.toPrecision(3)}, ${s.converged ? 'converged' : 'NOT converged'} in ${s.epochs} epochs`);
    }
    return lines.join('\n');
  },
};
