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

export function candidateToData(c: Candidate): CandidateData {
  return { ...c, configs: c.configs.map((k) => ({ ...k })), deferralRate: Array.from(c.deferralRate), train: Array.from(c.train), test: Array.from(c.test) };
}

export function candidateFromData(d: CandidateData): Candidate {
  return { ...d, deferralRate: Float64Array.from(d.deferralRate), train: Float64Array.from(d.train), test: Float64Array.from(d.test) };
}
