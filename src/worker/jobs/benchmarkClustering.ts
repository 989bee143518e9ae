import { parseArchetype } from '../../engines/clusters/validateArchetype';
import { runMockBenchmark } from '../../engines/clusters/mockBenchmark';
import type { BenchmarkParams, BenchmarkReply } from '../../protocol/datasetGenerator';
import type { JobContext } from '../workerProtocol';

/** Dataset Generator's Benchmark panel: the mock benchmark of the form's archetype, with progress and cancel. */
export function benchmarkClustering(params: BenchmarkParams, ctx: JobContext): BenchmarkReply {
  const r = parseArchetype(params.archetype);
  if (!r.ok) throw new Error(`invalid archetype: ${r.errors.join('; ')}`);
  const t0 = performance.now();
  ctx.progress(0, 'generating the first data set');
  const cells = runMockBenchmark({
    archetypes: [r.archetype],
    datasetsPerArchetype: params.count,
    algorithms: params.algorithms,
    shapes: params.shapes,
    seed: params.seed,
    signal: ctx.signal,
    onProgress: (f, m) => ctx.progress(f, m),
  });
  return { cells, seconds: (performance.now() - t0) / 1000 };
}
