/** Colours and labels shared by the economic-evaluation charts. Pure. */
import type { ChartTheme } from './chartTheme';

/**
 * A distinct, opaque colour per system even beyond the theme's six series colours: the theme
 * colour, then the same colour mixed half-way with the foreground, then half-way with the
 * background (hex theme colours; other forms repeat the base colour).
 */
export function categoryColour(theme: ChartTheme, i: number): string {
  const base = theme.series[i % theme.series.length];
  const level = Math.floor(i / theme.series.length) % 3;
  if (level === 0) return base;
  return mixHex(base, level === 1 ? theme.foreground : theme.background, 0.5) ?? base;
}

function parseHex(c: string): number[] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((x) => x + x).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

/** (1 − t)·a + t·b of two hex colours, or null when either is not hex. */
export function mixHex(a: string, b: string, t: number): string | null {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return null;
  return `#${x
    .map((v, i) =>
      Math.round((1 - t) * v + t * y[i])
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Dash pattern for the i-th line, so lines sharing a colour still differ. */
export function dashFor(theme: ChartTheme, i: number): number[] | undefined {
  const level = Math.floor(i / theme.series.length) % 3;
  return level === 0 ? undefined : level === 1 ? [6, 4] : [2, 3];
}

/** Axis ticks and rewards as text: the formatting module's, re-exported for the charts. */
export { formatReward, formatUsdTick } from '../../src/protocol/format';
