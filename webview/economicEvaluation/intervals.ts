/**
 * The bootstrap intervals of the Economic Evaluation: asked from the worker a moment after the
 * prices or kinds settle (one request at a time; the newest setting wins), kept with the setting
 * they belong to so a stale answer is never shown against new prices.
 */
import type { CandidateKinds, RewardUncertainty, RouterOverhead } from '../../src/protocol/economicEvaluation';

export interface IntervalsRequest {
  prices: { error: number; latency: number; abstain: number };
  kinds: CandidateKinds;
  overhead: RouterOverhead;
}

export interface IntervalsStore {
  /** Ask for the intervals of this setting (debounced); the answer arrives through `onResult`. */
  want(req: IntervalsRequest): void;
  /** The intervals of this setting, when they have arrived. */
  current(req: IntervalsRequest): RewardUncertainty | null;
  /** The last failure for this setting (e.g. the log has no per-query data), else null. */
  failure(req: IntervalsRequest): string | null;
  /** Forgets every answer (the log was read again). */
  reset(): void;
}

const keyOf = (r: IntervalsRequest): string =>
  JSON.stringify([
    r.prices.error,
    r.prices.latency,
    r.prices.abstain,
    r.kinds.models,
    r.kinds.cascades,
    r.kinds.abstention,
    r.kinds.routers,
    r.overhead.cost,
    r.overhead.latency,
  ]);

/** Debounce before asking: a slider drag sends one request when it stops, not one per pixel. */
export const INTERVALS_DELAY_MS = 250;

export function intervalsStore(
  ask: (req: IntervalsRequest) => Promise<RewardUncertainty>,
  onResult: () => void,
): IntervalsStore {
  let wanted: IntervalsRequest | null = null;
  let result: { key: string; value: RewardUncertainty } | null = null;
  let failed: { key: string; message: string } | null = null;
  let busy = false;
  /** Bumped by reset: an answer to a request sent before it is dropped. */
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function pump(): Promise<void> {
    if (busy || !wanted) return;
    const req = wanted;
    const key = keyOf(req);
    if (result?.key === key || failed?.key === key) return;
    busy = true;
    const gen = generation;
    try {
      const value = await ask(req);
      if (gen === generation) result = { key, value };
    } catch (err) {
      if (gen === generation && wanted && keyOf(wanted) === key) failed = { key, message: (err as Error).message };
    } finally {
      busy = false;
    }
    onResult();
    void pump();
  }

  return {
    want(req) {
      wanted = req;
      if (result?.key === keyOf(req)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void pump(), INTERVALS_DELAY_MS);
    },
    current: (req) => (result?.key === keyOf(req) ? result.value : null),
    failure: (req) => (failed?.key === keyOf(req) ? failed.message : null),
    reset() {
      generation++;
      result = null;
      failed = null;
    },
  };
}
