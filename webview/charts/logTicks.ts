/**
 * Log-axis ticks whose labels never collide. Chart.js puts a tick at every 1…9 × 10^k and skips
 * labels by index, which on a log axis still piles up labels at the top of each decade. Here the
 * ticks are chosen as whole sets, densest first: 1…9, then 1-2-5, 1-3 and 1 per decade, then every
 * 2nd, 3rd, 5th… decade, and the first set whose label boxes keep a gap between neighbours wins;
 * labels still touching after that (a tiny axis) are dropped one by one. Pure but for the hook,
 * which measures the labels with the chart's canvas.
 */
import type { Scale } from 'chart.js';

/** Mantissa sets per decade, densest first. */
const MANTISSAS: readonly (readonly number[])[] = [[1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 5], [1, 3], [1]];
/** Pixels between two label boxes. */
export const LABEL_GAP = 4;
/** At most this many labelled ticks on one axis. */
const MAX_TICKS = 12;

/** The values of mantissa set `ms`, every `step`-th decade, within [min, max] (a little slack at the ends). */
function candidates(min: number, max: number, ms: readonly number[], step: number): number[] {
  const out: number[] = [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  for (let k = Math.ceil(lo / step) * step; k <= hi; k += step)
    for (const m of ms) {
      // eslint-disable-next-line no-restricted-syntax -- rounds a tick's value (m·10^k without float noise), not text
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
    }
  return out;
}

/** The values of `values` (ascending) whose boxes [pos − extent/2, pos + extent/2] keep `gap` to the last one kept. */
export function dropOverlapping(
  values: readonly number[],
  pos: (v: number) => number,
  extent: (v: number) => number,
  gap = LABEL_GAP,
): number[] {
  const kept: number[] = [];
  let end = -Infinity;
  for (const v of values) {
    const half = extent(v) / 2;
    if (pos(v) - half < end + gap) continue;
    kept.push(v);
    end = pos(v) + half;
  }
  return kept;
}

/**
 * Tick values for a log axis from `min` to `max` drawn over `length` pixels, where a label at `v`
 * takes `extent(v)` pixels along the axis: the densest set (see the module comment) with at least
 * two ticks, at most 12, and no two label boxes closer than `LABEL_GAP`; null when no set has two
 * ticks in range (an axis inside one decade: keep the scale's own ticks and drop overlaps).
 */
export function chooseLogTicks(
  min: number,
  max: number,
  length: number,
  extent: (v: number) => number,
): number[] | null {
  if (!(min > 0 && max > min && length > 0 && Number.isFinite(max))) return null;
  const span = Math.log10(max) - Math.log10(min);
  const pos = (v: number): number => (length * (Math.log10(v) - Math.log10(min))) / span;
  const fits = (vs: number[]): boolean =>
    vs.length <= MAX_TICKS && dropOverlapping(vs, pos, extent).length === vs.length;
  const sets = [
    ...MANTISSAS.map((ms) => candidates(min, max, ms, 1)),
    ...Array.from({ length: Math.max(0, Math.ceil(span) - 1) }, (_, i) => candidates(min, max, [1], i + 2)),
  ];
  let last: number[] | null = null;
  for (const vs of sets) {
    if (vs.length < 2) break;
    if (fits(vs)) return vs;
    last = vs;
  }
  return last === null ? null : dropOverlapping(last, pos, extent);
}

/**
 * Tick options for a Chart.js logarithmic axis labelled by `format`, in `font`: ticks from
 * `chooseLogTicks` measured on the chart's canvas, then any label still overlapping dropped.
 */
export function logAxisTicks(format: (v: number) => string, font: { family: string; size: number }) {
  const css = `${font.size}px ${font.family}`;
  return {
    afterBuildTicks(scale: Scale): void {
      const { min, max } = scale;
      const horizontal = scale.isHorizontal();
      const length = horizontal ? scale.width : scale.height;
      const ctx = scale.ctx;
      ctx.save();
      ctx.font = css;
      const extent = (v: number): number => (horizontal ? ctx.measureText(format(v)).width : font.size * 1.2);
      const chosen = chooseLogTicks(min, max, length, extent) ?? scale.ticks.map((t) => t.value);
      const span = Math.log10(max) - Math.log10(min);
      const pos = (v: number): number => (length * (Math.log10(v) - Math.log10(min))) / span;
      const values = span > 0 ? dropOverlapping(chosen, pos, extent) : chosen;
      ctx.restore();
      scale.ticks = values.map((value) => ({ value, major: false }));
    },
    ticks: { autoSkip: false, maxRotation: 0, callback: (v: number | string) => format(Number(v)) },
  };
}
