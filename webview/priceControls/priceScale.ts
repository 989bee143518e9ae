/**
 * The log scale of a price slider (no DOM: tested in plain Node): positions 0..STEPS over the
 * decades 10^minExp .. 10^maxExp, the leftmost position meaning $0 when zero is allowed.
 */
import { roundSig } from '../../src/protocol/format';

/** The slider's positions: 0..STEPS. */
export const STEPS = 1000;

/** A slider's range in decades, and whether its leftmost position means $0. */
export interface PriceScale {
  minExp: number;
  maxExp: number;
  allowZero: boolean;
}

/** Slider position for a price (0 is the leftmost position when allowed). */
export function positionOf(spec: PriceScale, value: number): number {
  if (value <= 0) return 0;
  const lo = spec.allowZero ? 1 : 0;
  const t = (Math.log10(value) - spec.minExp) / (spec.maxExp - spec.minExp);
  return Math.round(lo + Math.min(1, Math.max(0, t)) * (STEPS - lo));
}

/** Price at a slider position, rounded to 3 significant digits. */
export function valueAt(spec: PriceScale, pos: number): number {
  if (spec.allowZero && pos <= 0) return 0;
  const lo = spec.allowZero ? 1 : 0;
  const v = Math.pow(10, spec.minExp + ((pos - lo) / (STEPS - lo)) * (spec.maxExp - spec.minExp));
  return roundSig(v, 3);
}
