import type { Candidate, CandidateKind, SystemConfig } from './types';

/** A Candidate as plain JSON (number arrays instead of typed arrays), for worker and webview messages. */
export interface CandidateData {
  name: string;
  kind: CandidateKind;
  models: string[];
  configs: SystemConfig[];
  thresholds: number[][];
  deferralRate: number[];
  train: number[];
  test: number[];
  dim: number;
}

/** Plain data of a candidate (the test table stays behind: it is large and the views do not need it). */
export function candidateToData(c: Candidate): CandidateData {
  const { testTable: _table, ...rest } = c;
  return {
    ...rest,
    configs: c.configs.map((k) => ({
      ...k,
      models: [...k.models],
      deferThresholds: [...k.deferThresholds],
      ...(k.route ? { route: { ...k.route } } : {}),
    })),
    deferralRate: Array.from(c.deferralRate),
    train: Array.from(c.train),
    test: Array.from(c.test),
  };
}

/** A candidate from its plain data (without its test table: no per-query bootstrap on it). */
export function candidateFromData(d: CandidateData): Candidate {
  return {
    ...d,
    deferralRate: Float64Array.from(d.deferralRate),
    train: Float64Array.from(d.train),
    test: Float64Array.from(d.test),
  };
}
