/** Messages of the Optimal-Model Map view (Figure 3.4: the best system over prices of error and latency). */
import type { EconMapResult } from '../worker/jobs/econMap';
import { DEFAULT_KINDS, isCandidateKinds, type CandidateKinds } from './economicEvaluation';
import type { ViewProtocol } from './messages';

export type { EconMapResult, CandidateKinds };

/** What the host needs to reopen the view after a reload. */
export interface OptimalModelMapHostState {
  file: string;
  /** Price of abstention the map is drawn at ($ per abstention). */
  priceAbstain: number;
  kinds: CandidateKinds;
}

export interface OptimalModelMapProtocol extends ViewProtocol {
  requests: {
    /** Compute the map (in the worker) for these settings; the reply carries it. */
    compute: { params: { priceAbstain: number; kinds: CandidateKinds }; result: EconMapResult };
  };
  hostNotifications: {
    /** The log changed on disk: the view asks again. */
    stale: { file: string };
  };
  webviewNotifications: Record<string, never>;
}

/** Validates a restored state, filling defaults for what an older version did not save. */
export function parseOptimalModelMapState(x: unknown): OptimalModelMapHostState | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const o = x as Record<string, unknown>;
  if (typeof o.file !== 'string' || o.file === '') return undefined;
  const priceAbstain = typeof o.priceAbstain === 'number' && Number.isFinite(o.priceAbstain) && o.priceAbstain >= 0 ? o.priceAbstain : 0;
  return { file: o.file, priceAbstain, kinds: isCandidateKinds(o.kinds) ? o.kinds : DEFAULT_KINDS };
}
