/**
 * Rejection rates 0, step, 2·step, ..., up to and including maxRejection (to within rounding):
 * built from integer multiples so that 0.07 is exactly 7/100 and not a sum of 0.01s.
 * @throws RangeError when maxRejection is outside [0, 1] or step is not in (0, 1].
 */
export function rejectionGrid(maxRejection: number, step = 0.01): number[] {
  if (!(maxRejection >= 0 && maxRejection <= 1))
    throw new RangeError(`max rejection must be in [0, 1], got ${maxRejection}`);
  if (!(step > 0 && step <= 1)) throw new RangeError(`rejection step must be in (0, 1], got ${step}`);
  const inv = 1 / step;
  const count = Math.floor(maxRejection / step + 1e-9);
  const out: number[] = [];
  for (let i = 0; i <= count; i++) out.push(Number.isInteger(inv) ? i / inv : i * step);
  return out;
}
