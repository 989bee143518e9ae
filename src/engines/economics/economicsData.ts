import { cascadeDiagnostics, type CascadeDiagnosticPoint } from './cascadeDiagnostics';
import { candidateToData, type CandidateData } from './candidateData';
import type { PreparedEconomics } from './prepareEconomics';
import type { MetricSpec } from './types';

/** Everything a view needs to evaluate any price vector itself: candidates' statistics and the Theorem 5 curves. */
export interface EconomicsData {
  models: string[];
  costOrder: string[];
  nTrain: number;
  nTest: number;
  inSample: boolean;
  metrics: MetricSpec[];
  dim: number;
  candidates: CandidateData[];
  /** Per two-model cascade, the Theorem 5 decomposition and cost/latency over its thresholds (test split). */
  diagnostics: { cascade: string; small: string; big: string; points: CascadeDiagnosticPoint[] }[];
  warnings: string[];
}

/** Plain-JSON summary of prepared economics (small: a few kB per candidate). */
export function economicsData(prep: PreparedEconomics): EconomicsData {
  const diagnostics = prep.candidates
    .filter((c) => c.kind === 'cascade' && c.models.length === 2)
    .map((c) => ({
      cascade: c.name,
      small: c.models[0],
      big: c.models[1],
      points: cascadeDiagnostics(
        prep.test,
        c.configs[0].models[0],
        c.configs[0].models[1],
        c.configs.map((k) => k.deferThresholds[0]),
      ),
    }));
  return {
    models: prep.test.models,
    costOrder: prep.costOrder,
    nTrain: prep.train.n,
    nTest: prep.test.n,
    inSample: prep.inSample,
    metrics: prep.metrics.map((m) => ({ name: m.name, kind: m.kind, priceUnit: m.priceUnit })),
    dim: prep.dim,
    candidates: prep.candidates.map(candidateToData),
    diagnostics,
    warnings: prep.warnings,
  };
}
