/** Messages of the Economic Evaluation view (one eval log: which system to deploy at given prices). */
import type { EconomicsData } from '../engines/economics/economicsData';
import type { LogProblem } from '../engines/logs/types';
import type { UncertainRewardResult } from '../engines/economics/expectedRewardUncertain';
import type { RewardUncertainty } from '../engines/economics/rewardUncertainty';
import type { UncertainPrices } from '../engines/economics/uncertainPriceGrid';
import type { CandidateKind, RouterOverhead } from '../engines/economics/types';
import type { RunsViewHostState } from './logView';
import type { ViewProtocol } from './messages';

export type { RewardUncertainty, RouterOverhead, UncertainPrices, UncertainRewardResult };

/** The Economic Evaluation view's data: one log's candidate statistics (the worker's econData job). */
export interface EconDataResult {
  file: string;
  data: EconomicsData;
  splits: string[];
  problems: LogProblem[];
  /** No record has a confidence score: only single models are compared (the warnings say so once). */
  noConfidence: boolean;
  /** The runs compared (engines/logs/runs.ts), first the log's own; empty for one log. Only single models are compared then. */
  runs: string[];
}

/** What the host needs to reopen the view after a reload: the log, and the runs compared with it. */
export type EconomicEvaluationHostState = RunsViewHostState;

/** Which kinds of candidate systems the view compares. */
export interface CandidateKinds {
  models: boolean;
  cascades: boolean;
  /** Models with abstention: one model answers, its answer withheld below a confidence threshold. */
  abstention: boolean;
  /** One-step routers over k models, with and without abstention (thesis eqs. 3.8–3.9). */
  routers: boolean;
}

/** The kinds compared until the user chooses: single models and cascades. */
export const DEFAULT_KINDS: CandidateKinds = { models: true, cascades: true, abstention: false, routers: false };

/** No router overhead until the user sets one: c₀ = $0, l₀ = 0 s per query. */
export const DEFAULT_OVERHEAD: RouterOverhead = { cost: 0, latency: 0 };

export function isCandidateKinds(x: unknown): x is CandidateKinds {
  const k = x as Record<string, unknown> | null;
  return (
    typeof k === 'object' &&
    k !== null &&
    typeof k.models === 'boolean' &&
    typeof k.cascades === 'boolean' &&
    typeof k.abstention === 'boolean' &&
    typeof k.routers === 'boolean'
  );
}

/** Whether candidates of `kind` are among the chosen kinds. */
export function isKindChosen(kind: CandidateKind, kinds: CandidateKinds): boolean {
  return kind === 'model'
    ? kinds.models
    : kind === 'cascade'
      ? kinds.cascades
      : kind === 'abstention'
        ? kinds.abstention
        : kinds.routers;
}

/** The message when no kind is chosen. */
export const NO_KIND_CHOSEN =
  'choose at least one kind of system to compare (single models, cascades, models with abstention or routers)';

/**
 * Saved kinds, validated. A state saved before routers existed has no `abstention` field and used
 * `routers` for what are now models with abstention: it is read that way. Undefined when invalid.
 */
export function parseCandidateKinds(x: unknown): CandidateKinds | undefined {
  if (isCandidateKinds(x))
    return { models: x.models, cascades: x.cascades, abstention: x.abstention, routers: x.routers };
  const k = x as Record<string, unknown> | null;
  if (
    typeof k !== 'object' ||
    k === null ||
    typeof k.models !== 'boolean' ||
    typeof k.cascades !== 'boolean' ||
    typeof k.routers !== 'boolean' ||
    'abstention' in k
  )
    return undefined;
  return { models: k.models, cascades: k.cascades, abstention: k.routers, routers: false };
}

/** A saved router overhead, validated (finite, ≥ 0), else the default. */
export function parseRouterOverhead(x: unknown): RouterOverhead {
  const o = x as Record<string, unknown> | null;
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  return typeof o === 'object' && o !== null && ok(o.cost) && ok(o.latency)
    ? { cost: o.cost, latency: o.latency }
    : DEFAULT_OVERHEAD;
}

/** What the webview keeps with setState: the host state plus the user's prices and choices. */
export interface EconomicEvaluationWebviewState extends EconomicEvaluationHostState {
  /** $ per error, $ per second of latency, $ per abstention. */
  priceError: number;
  priceLatency: number;
  priceAbstain: number;
  kinds: CandidateKinds;
  /** Router overhead c₀ ($ per query) and l₀ (s per query), eq. 3.9. */
  overhead: RouterOverhead;
  /** Cascade shown in the Theorem 5 chart (null: the recommended or first one). */
  cascade: string | null;
  /** Price-of-error worksheet preset id. */
  preset: string;
}

export interface EconomicEvaluationProtocol extends ViewProtocol {
  requests: {
    /** Read the log again; the answer arrives as a `data` notification. */
    reload: { params: Record<string, never>; result: null };
    /** Open the Optimal-Model Map on the same log at this price of abstention (and router overhead). */
    openMap: { params: { priceAbstain: number; kinds: CandidateKinds; overhead: RouterOverhead }; result: null };
    /** Expected reward of every candidate under uncertain prices (eq. 3.15), computed in the worker. */
    uncertain: {
      params: { distributions: UncertainPrices; kinds: CandidateKinds; overhead: RouterOverhead };
      result: UncertainRewardResult & { names: string[] };
    };
    /**
     * Paired-bootstrap intervals of every system's reward at these prices ($ per error, $ per second
     * of latency, $ per abstention), routers with this overhead, computed in the worker. A newer
     * request cancels an older one.
     */
    bootstrap: {
      params: {
        prices: { error: number; latency: number; abstain: number };
        kinds: CandidateKinds;
        overhead: RouterOverhead;
      };
      result: RewardUncertainty;
    };
  };
  hostNotifications: {
    loading: { file: string };
    data: EconDataResult;
    failed: { file: string; message: string };
  };
  webviewNotifications: Record<string, never>;
}
