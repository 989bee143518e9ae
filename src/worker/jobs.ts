/**
 * Every job the engine worker can run: name -> function(params, ctx). To add one, write it in
 * `src/worker/jobs/<name>.ts` (or call an engine directly) and add ONE line below. The host runs it
 * with `engineClient.run('<name>', params, ...)`; parameter and result types flow from here.
 */
import type { Job } from './workerProtocol';
import { summarizeLog } from './jobs/summarizeLog';
import { econData } from './jobs/econData';
import { econGrid } from './jobs/econGrid';
import { econMap } from './jobs/econMap';
import { econUncertain } from './jobs/econUncertain';
import { econBootstrap } from './jobs/econBootstrap';
import { humanInTheLoop } from './jobs/humanInTheLoop';
import { riskGuarantee } from './jobs/riskGuarantee';
import { calibrate, tuneCascade, subCascades, cascadeDiagnostics } from './jobs/cascadeJobs';
import { generateDatasets } from './jobs/generateDatasets';
import { benchmarkClustering } from './jobs/benchmarkClustering';
import { interCascadeEstimate, interCascadeRun } from './jobs/interCascadeRun';
import { queryTable } from './jobs/queryTable';
import { exportReport } from './jobs/exportReport';
import { mapCellQueries } from './jobs/mapCellQueries';
import { compareLogs } from './jobs/compareLogs';
import { curvePointQueries } from './jobs/curvePointQueries';
import { summarizeBy } from './jobs/summarizeBy';
import { failFastQueries } from './jobs/failFastQueries';
import { runPairs } from './jobs/runPairs';

export const jobs = {
  summarizeLog,
  econData,
  econGrid,
  econMap,
  econUncertain,
  econBootstrap,
  humanInTheLoop,
  riskGuarantee,
  calibrate,
  tuneCascade,
  subCascades,
  cascadeDiagnostics,
  generateDatasets,
  benchmarkClustering,
  interCascadeRun,
  interCascadeEstimate,
  queryTable,
  exportReport,
  mapCellQueries,
  compareLogs,
  curvePointQueries,
  failFastQueries,
  summarizeBy,
  runPairs,
} satisfies Record<string, Job<never, unknown>>;

/**
 * Jobs whose result depends only on their parameters and the content of the files they read (the
 * log and the workspace price file): the worker keeps their results by that content and shares
 * them between views and commands (src/worker/cache/resultCache.ts). Jobs that write files or
 * call an endpoint are never among them.
 */
export const CACHED_JOBS: ReadonlySet<JobName> = new Set<JobName>([
  'summarizeLog',
  'summarizeBy',
  'runPairs',
  'econData',
  'econGrid',
  'econMap',
  'econUncertain',
  'econBootstrap',
  'humanInTheLoop',
  'riskGuarantee',
  'calibrate',
  'tuneCascade',
  'subCascades',
  'cascadeDiagnostics',
]);

export type Jobs = typeof jobs;
export type JobName = keyof Jobs;
export type JobParams<N extends JobName> = Parameters<Jobs[N]>[0];
export type JobResult<N extends JobName> = Awaited<ReturnType<Jobs[N]>>;
