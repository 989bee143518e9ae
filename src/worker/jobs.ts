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
import { interCascadeEstimate, interCascadeRun } from './jobs/interCascadeRun';
import { queryTable } from './jobs/queryTable';

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
  interCascadeRun,
  interCascadeEstimate,
  queryTable,
} satisfies Record<string, Job<never, unknown>>;

export type Jobs = typeof jobs;
export type JobName = keyof Jobs;
export type JobParams<N extends JobName> = Parameters<Jobs[N]>[0];
export type JobResult<N extends JobName> = Awaited<ReturnType<Jobs[N]>>;
