/** Messages of the Economic Evaluation view (one eval log: which system to deploy at given prices). */
import type { EconDataResult } from '../worker/jobs/econData';
import type { UncertainRewardResult } from '../engines/economics/expectedRewardUncertain';
import type { RewardUncertainty } from '../engines/economics/rewardUncertainty';
import type { UncertainPrices } from '../engines/economics/uncertainPriceGrid';
import type { LogViewHostState } from './logView';
import type { ViewProtocol } from './messages';

export type { EconDataResult, RewardUncertainty, UncertainPrices, UncertainRewardResult };

/** What the host needs to reopen the view after a reload. */
export type EconomicEvaluationHostState = LogViewHostState;

/** Which kinds of candidate systems the view compares. */
export interface CandidateKinds {
  models: boolean;
  cascades: boolean;
  routers: boolean;
}

/** The kinds compared until the user chooses: single models and cascades. */
export const DEFAULT_KINDS: CandidateKinds = { models: true, cascades: true, routers: false };

export function isCandidateKinds(x: unknown): x is CandidateKinds {
  const k = x as Record<string, unknown> | null;
  return typeof k === 'object' && k !== null && typeof k.models === 'boolean' && typeof k.cascades === 'boolean' && typeof k.routers === 'boolean';
}

/** What the webview keeps with setState: the host state plus the user's prices and choices. */
export interface EconomicEvaluationWebviewState extends EconomicEvaluationHostState {
  /** $ per error, $ per second of latency, $ per abstention. */
  priceError: number;
  priceLatency: number;
  priceAbstain: number;
  kinds: CandidateKinds;
  /** Cascade shown in the Theorem 5 chart (null: the recommended or first one). */
  cascade: string | null;
  /** Price-of-error worksheet preset id. */
  preset: string;
}

export interface EconomicEvaluationProtocol extends ViewProtocol {
  requests: {
    /** Read the log again; the answer arrives as a `data` notification. */
    reload: { params: Record<string, never>; result: null };
    /** Open the Optimal-Model Map on the same log at this price of abstention. */
    openMap: { params: { priceAbstain: number; kinds: CandidateKinds }; result: null };
    /** Expected reward of every candidate under uncertain prices (eq. 3.15), computed in the worker. */
    uncertain: { params: { distributions: UncertainPrices; kinds: CandidateKinds }; result: UncertainRewardResult & { names: string[] } };
    /**
     * Paired-bootstrap intervals of every system's reward at these prices ($ per error, $ per second
     * of latency, $ per abstention), computed in the worker. A newer request cancels an older one.
     */
    bootstrap: { params: { prices: { error: number; latency: number; abstain: number }; kinds: CandidateKinds }; result: RewardUncertainty };
  };
  hostNotifications: {
    loading: { file: string };
    data: EconDataResult;
    failed: { file: string; message: string };
  };
  webviewNotifications: Record<string, never>;
}
