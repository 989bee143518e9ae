const t0 = Date.now();

/** Prints a line prefixed with the seconds since the suite started. */
export function log(...parts: unknown[]): void {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s]`, ...parts);
}
