/**
 * How the columnar forms of records (RecordTable, and the parser thread's batches in parsedLines.ts)
 * hold a value that may be missing: a number as NaN (a validated record never holds NaN), a count
 * (tokens, integers ≥ 0) as -1.
 */
export const numberOrNaN = (x: number | null): number => (x === null ? Number.NaN : x);
export const nanToNull = (x: number): number | null => (x !== x ? null : x);
export const countOrMinusOne = (x: number | null): number => (x === null ? -1 : x);
export const negativeToNull = (x: number): number | null => (x < 0 ? null : x);
