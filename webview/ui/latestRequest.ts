/**
 * "Latest request wins": for a view that asks the host again whenever the user changes something,
 * so replies may arrive after a newer request went out. Only the newest request's reply is
 * applied (older ones are dropped); the status line shows progress meanwhile, and the newest
 * request's error if it fails.
 */
import type { StatusLine } from './statusLine';

/** Runs `request`, showing `busy`; applies its result unless a newer request was started since. */
export type LatestRequest = <T>(busy: string, request: () => Promise<T>, apply: (result: T) => void) => Promise<void>;

/** `failed` turns an error message into the status text (default: the message as is). */
export function latestRequest(status: StatusLine, failed: (message: string) => string = (m) => m): LatestRequest {
  let latest = 0;
  return async (busy, request, apply) => {
    const mine = ++latest;
    status.show(busy, true);
    try {
      const result = await request();
      if (mine !== latest) return; // a newer request is on its way
      apply(result);
      status.show('', false);
    } catch (err) {
      if (mine === latest) status.show(failed((err as Error).message), false);
    }
  };
}
