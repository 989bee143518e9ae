/** Messages of the Dataset Generator view (synthetic cluster data from an archetype, thesis ch. 5). */
import type { Archetype } from '../engines/clusters/archetype';
import type { OverlapHistogram } from '../engines/clusters/achievedOverlaps';
import type { ViewProtocol } from './messages';
import type { DatasetFormat } from '../engines/clusters/datasetFormat';
import type { BenchmarkCell, ClusteringAlgorithm } from '../engines/clusters/mockBenchmark';

/** The Benchmark panel's request: N data sets of the form's archetype, the chosen algorithms and shapes. */
export interface BenchmarkParams {
  archetype: Record<string, unknown>;
  seed: number;
  count: number;
  algorithms: ClusteringAlgorithm[];
  shapes: ('convex' | 'nonconvex')[];
}

export interface BenchmarkReply {
  cells: BenchmarkCell[];
  seconds: number;
}

/** Most data sets one benchmark run generates per shape (the CLI allows more). */
export const MAX_BENCHMARK_DATASETS = 100;

/** The message a benchmark request fails with when the user cancelled it. */
export const BENCHMARK_CANCELLED = 'Benchmark cancelled: nothing was scored. Press Run Benchmark to start again.';

/** What the host needs to reopen the view: the archetype being edited (plain JSON) and the seed. */
export interface DatasetGeneratorHostState {
  archetype: Archetype | null;
  seed: number;
}

export interface DatasetGeneratorWebviewState extends DatasetGeneratorHostState {
  description: string;
  distort: boolean;
  sphere: boolean;
  count: number;
}

export interface GenerateParams {
  /** Archetype fields as typed in the form; validated in the worker (errors come back as the reply). */
  archetype: Record<string, unknown>;
  seed: number;
  distort: boolean;
  sphere: boolean;
  /** The user confirmed a request above the interactive work limit (see estimateGeneration); without it such a request is refused. */
  force?: boolean;
}

/** One generated data set, reduced for the preview. */
export interface DatasetPreview {
  archetype: Archetype;
  seed: number;
  n: number;
  dim: number;
  /** Row-major 2-D coordinates (the data when dim ≤ 2, else the first two principal components), at most PREVIEW_POINTS rows. */
  xy: number[];
  labels: number[];
  /** Share of variance in the two principal components (null when plotted directly). */
  explained: number | null;
  sizes: number[];
  distributions: string[];
  histogram: OverlapHistogram;
  silhouette: number | null;
  converged: boolean;
  epochs: number;
  warnings: string[];
  elapsedMs: number;
}

/** Points drawn in the preview scatter at most (a seeded subsample beyond). */
export const PREVIEW_POINTS = 20000;

export interface DescribeReply {
  archetype: Archetype;
  source: 'llm' | 'offline';
  /** The language model used, e.g. "copilot/gpt-4o" (null offline). */
  model: string | null;
  understood: string[];
  warnings: string[];
}

export interface DatasetGeneratorProtocol extends ViewProtocol {
  requests: {
    generate: { params: GenerateParams; result: DatasetPreview };
    /** Description → archetype (language model if configured, else the offline parser). */
    describe: { params: { text: string; useModel: boolean }; result: DescribeReply };
    /** Writes `count` data sets (seeds seed..seed+count−1) as CSV, NumPy (.npy) or JSON into a folder the user picks. */
    exportDatasets: {
      params: GenerateParams & { count: number; format: DatasetFormat };
      result: { files: string[] } | null;
    };
    /** Appends the archetype to the workspace library file (archetypes.archetypes.jsonl). */
    saveArchetype: { params: { archetype: Record<string, unknown> }; result: { file: string } | null };
    /** Mock benchmark (thesis §5.4) of the chosen algorithms on `count` data sets, in the worker (job `benchmarkClustering`). */
    benchmark: { params: BenchmarkParams; result: BenchmarkReply };
    /** Cancels a running benchmark. */
    cancelBenchmark: { params: Record<string, never>; result: null };
  };
  hostNotifications: {
    /** Replace the form with this archetype (opened from the Archetype Library). */
    load: { archetype: Archetype; seed: number };
  };
  webviewNotifications: {
    /** The form changed: the host keeps it for reload. */
    edited: { archetype: Archetype | null; seed: number };
  };
}

export function isDatasetGeneratorHostState(x: unknown): x is DatasetGeneratorHostState {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as { archetype?: unknown; seed?: unknown };
  return (
    typeof o.seed === 'number' &&
    Number.isInteger(o.seed) &&
    (o.archetype === null || (typeof o.archetype === 'object' && !Array.isArray(o.archetype)))
  );
}
