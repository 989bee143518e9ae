/** Messages of the Optimal-Model Map view (Figure 3.4: the best system over prices of error and latency). */
import type { EconMapResult } from '../worker/jobs/econMap';
import type { CandidateKinds } from './economicEvaluation';
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

export const DEFAULT_KINDS: CandidateKinds = { models: true, cascades: true, routers: false };

function isKinds(x: unknown): x is CandidateKinds {
  const k = x as Record<string, unknown> | null;
  return typeof k === 'object' && k !== null && typeof k.models === 'boolean' && typeof k.cascades === 'boolean' && typeof k.routers === 'boolean';
}

/** Validates a restored state, filling defaults for what an older version did not save. */
export function parseOptimalModelMapState(x: unknown): OptimalModelMapHostState | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const o = x as Record<string, unknown>;
  if (typeof o.file !== 'string' || o.file === '') return undefined;
  const priceAbstain = typeof o.priceAbstain === 'number' && Number.isFinite(o.priceAbstain) && o.priceAbstain >= 0 ? o.priceAbstain : 0;
  return { file: o.file, priceAbstain, kinds: isKinds(o.kinds) ? o.kinds : DEFAULT_KINDS };
}
