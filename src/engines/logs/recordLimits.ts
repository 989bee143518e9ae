/**
 * Plausibility bounds (docs/eval-logs.md): a value beyond them is a broken record, not a
 * measurement, and would only turn sums and means into Infinity. Per call: $1,000,000, 10^7
 * seconds (116 days), 10^9 tokens. Extra metrics beyond ±10^15 are not kept.
 */
export const RECORD_LIMITS = { costUsd: 1e6, latencyS: 1e7, tokens: 1e9, extra: 1e15 } as const;
