/**
 * The prices the user last set in the Economic Evaluation view, per log, for the session: the view
 * asks for its intervals at every price it shows (the `bootstrap` request), and Export Report
 * offers those prices for a report on the same log.
 */

/** $ per error, $ per second of latency, $ per abstention, as the view sets them. */
export interface EconPrices {
  error: number;
  latency: number;
  abstain: number;
}

const byFile = new Map<string, EconPrices>();

/** Keeps the prices the Economic Evaluation of `file` is showing. */
export function rememberEconPrices(file: string, prices: EconPrices): void {
  byFile.delete(file);
  byFile.set(file, { ...prices });
  // A long session opens many logs: keep the last 50.
  if (byFile.size > 50) byFile.delete(byFile.keys().next().value as string);
}

/** The prices the Economic Evaluation of `file` last showed in this session, if it was opened. */
export function econPricesOf(file: string): EconPrices | undefined {
  const p = byFile.get(file);
  return p && { ...p };
}
