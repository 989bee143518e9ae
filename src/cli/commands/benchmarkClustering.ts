import { CliError } from '../cliError';
import type { CliCommand } from '../command';
import { numberOption } from '../numberOption';
import type { Archetype } from '../../engines/clusters/archetype';
import { EXAMPLE_ARCHETYPES } from '../../engines/clusters/exampleArchetypes';
import {
  ALGORITHM_LABELS,
  CLUSTERING_ALGORITHMS,
  isClusteringAlgorithm,
  runMockBenchmark,
  type BenchmarkCell,
  type ClusteringAlgorithm,
  type Spread,
} from '../../engines/clusters/mockBenchmark';
import { THESIS_HDBSCAN_NOISE, THESIS_TABLE_5_2, type Published } from '../../engines/clusters/thesisTable52';
import { describeArchetype } from '../../engines/llm/describeArchetype';
import { llmFromEnv, readArchetypeFile } from './generate';
import { formatFixed } from '../../protocol/format';

const SHAPES = ['convex', 'nonconvex'] as const;
type Shape = (typeof SHAPES)[number];

function listOption<T extends string>(raw: unknown, flag: string, allowed: readonly T[], fallback: readonly T[]): T[] {
  if (raw === undefined) return [...fallback];
  const items = String(raw)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length) throw new CliError(`${flag}: give a comma-separated list of ${allowed.join(', ')}`);
  for (const s of items)
    if (!(allowed as readonly string[]).includes(s))
      throw new CliError(`${flag}: unknown "${s}" (choose from ${allowed.join(', ')})`);
  return [...new Set(items)] as T[];
}

const fmt = (s: Spread | null) => (s ? `${formatFixed(s.mean, 3)} (${formatFixed(s.se, 3)})` : '—');
const fmtPub = (p: Published | undefined) => (p ? `${formatFixed(p[0], 3)} (${formatFixed(p[1], 3)})` : '');

/** The thesis's value for a cell, when the archetype is one of Table 5.2's. */
function published(c: BenchmarkCell, metric: 'ami' | 'ari' | 'noise'): Published | undefined {
  const shape = c.convex ? 'convex' : 'nonconvex';
  if (metric === 'noise') return c.algorithm === 'hdbscan' ? THESIS_HDBSCAN_NOISE.get(c.archetype)?.[shape] : undefined;
  return THESIS_TABLE_5_2.get(c.archetype)?.[shape][metric][c.algorithm];
}

function textTable(cells: BenchmarkCell[], withThesis: boolean): string {
  const lines: string[] = [];
  const groups = new Map<string, BenchmarkCell[]>();
  for (const c of cells) {
    const key = `${c.archetype} (${c.convex ? 'convex' : 'non-convex'})`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const [key, group] of groups) {
    lines.push(key);
    lines.push(
      `  ${'algorithm'.padEnd(13)} ${'AMI'.padEnd(14)} ${'ARI'.padEnd(14)}${withThesis ? ` ${'thesis AMI'.padEnd(14)} ${'thesis ARI'.padEnd(14)}` : ''} runs`,
    );
    for (const c of group) {
      const noise = c.noise
        ? `  noise ${fmt(c.noise)}${withThesis ? ` thesis ${fmtPub(published(c, 'noise'))}` : ''}`
        : '';
      lines.push(
        `  ${ALGORITHM_LABELS[c.algorithm].padEnd(13)} ${fmt(c.ami).padEnd(14)} ${fmt(c.ari).padEnd(14)}${withThesis ? ` ${fmtPub(published(c, 'ami')).padEnd(14)} ${fmtPub(published(c, 'ari')).padEnd(14)}` : ''} ${c.runs}${noise}`,
      );
    }
  }
  return lines.join('\n');
}

export const benchmarkClusteringCommand: CliCommand = {
  name: 'benchmark-clustering',
  usage:
    'benchmark-clustering (--archetype FILE.json | --describe "text" | --table-5.2) [--n-datasets 10] [--algorithms gmm,kmeans,spectral,ward,hdbscan] [--shapes convex,nonconvex] [--seed S] [--json]',
  help: "Mock benchmark of clustering algorithms on synthetic data sets (thesis §5.4): AMI and ARI per algorithm, mean (standard error) over N data sets per archetype (seeds S..S+N-1). --table-5.2 runs the thesis's six archetypes, convex and non-convex, and prints the published values beside. HDBSCAN is scored on its non-noise points.",
  options: {
    archetype: { type: 'string' },
    describe: { type: 'string' },
    'table-5.2': { type: 'boolean' },
    'n-datasets': { type: 'string' },
    algorithms: { type: 'string' },
    shapes: { type: 'string' },
    seed: { type: 'string' },
  },
  async run({ values, json, signal, report }) {
    const file = values.archetype as string | undefined;
    const text = values.describe as string | undefined;
    const table = Boolean(values['table-5.2']);
    if ([file !== undefined, text !== undefined, table].filter(Boolean).length !== 1)
      throw new CliError('give exactly one of --archetype FILE.json, --describe "text" or --table-5.2');
    const seed = numberOption(values.seed, '--seed', { min: 0, max: 2 ** 32 - 1 }, 1);
    if (!Number.isInteger(seed)) throw new CliError(`--seed: "${String(values.seed)}" is not an integer`);
    const count = numberOption(values['n-datasets'], '--n-datasets', { min: 1, max: 1000 }, 10);
    if (!Number.isInteger(count))
      throw new CliError(`--n-datasets: "${String(values['n-datasets'])}" is not an integer`);
    const algorithms = listOption<ClusteringAlgorithm>(
      values.algorithms,
      '--algorithms',
      CLUSTERING_ALGORITHMS,
      CLUSTERING_ALGORITHMS,
    ).filter(isClusteringAlgorithm);
    const shapes = listOption<Shape>(values.shapes, '--shapes', SHAPES, table ? SHAPES : ['convex']);
    let archetypes: Archetype[];
    if (table) archetypes = EXAMPLE_ARCHETYPES.slice(0, 6).map((e) => e.archetype);
    else if (file !== undefined) {
      const r = await readArchetypeFile(file);
      for (const w of r.warnings) report.warn(w, file);
      archetypes = [r.archetype];
    } else {
      if (!text!.trim()) throw new CliError('--describe: the description is empty');
      const r = await describeArchetype(text!, llmFromEnv(), signal);
      for (const w of r.warnings) report.warn(w);
      if (r.source === 'offline' && r.understood.length) report.warn(`understood: ${r.understood.join(', ')}`);
      archetypes = [r.archetype];
    }
    const t0 = performance.now();
    const cells = runMockBenchmark({ archetypes, datasetsPerArchetype: count, algorithms, shapes, seed, signal });
    const seconds = (performance.now() - t0) / 1000;
    for (const c of cells)
      for (const s of c.skipped)
        report.warn(`${ALGORITHM_LABELS[c.algorithm]} on ${c.archetype} (${c.convex ? 'convex' : 'non-convex'}): ${s}`);
    const withThesis = cells.some((c) => THESIS_TABLE_5_2.has(c.archetype));
    if (json) {
      return {
        seed,
        datasetsPerArchetype: count,
        seconds: +formatFixed(seconds, 2),
        archetypes,
        cells: cells.map((c) => ({
          ...c,
          ...(withThesis
            ? {
                thesis: {
                  ami: published(c, 'ami') ?? null,
                  ari: published(c, 'ari') ?? null,
                  noise: published(c, 'noise') ?? null,
                },
              }
            : {}),
        })),
      };
    }
    return `${textTable(cells, withThesis)}\n${cells.length} cells, ${count} data set(s) per archetype and shape, seeds ${seed}..${seed + count - 1}, ${formatFixed(seconds, 1)} s`;
  },
};
