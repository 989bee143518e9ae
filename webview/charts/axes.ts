/**
 * Font, axis and option blocks every chart config repeats: theme font, a titled axis in the theme's
 * colours and the common top-level options. Pure: theme -> plain Chart.js option fragments.
 */
import type { ChartTheme } from './chartTheme';
import { logAxisTicks } from './logTicks';

export interface ChartFont {
  family: string;
  size: number;
}

/** The theme's font as Chart.js wants it. */
export function chartFont(theme: ChartTheme): ChartFont {
  return { family: theme.fontFamily, size: theme.fontSize };
}

/** Options shared by every chart: no animation, fills its card, text in the theme's colour and font. */
export function baseChartOptions(theme: ChartTheme) {
  return {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    color: theme.foreground,
    font: chartFont(theme),
  };
}

/**
 * An axis titled `title` in theme colours (muted title, foreground ticks, grid-coloured grid and
 * border); `ticks` adds tick options (callback, precision...). Spread it and override `grid` for an
 * axis without grid lines.
 */
export function titledAxis<T extends object = Record<string, never>>(theme: ChartTheme, title: string, ticks?: T) {
  const font = chartFont(theme);
  return {
    title: { display: true, text: title, color: theme.muted, font },
    ticks: { color: theme.foreground, font, ...(ticks ?? ({} as T)) },
    grid: { color: theme.grid } as { color?: string; display?: boolean },
    border: { color: theme.grid },
  };
}

/**
 * A titled axis whose tick labels read `format(v)` (the plain number without one): linear, or
 * logarithmic with ticks chosen so that their labels never collide (logTicks.ts).
 */
export function formattedAxis(theme: ChartTheme, title: string, log: boolean, format?: (v: number) => string) {
  const logTicks = log ? logAxisTicks(format ?? String, chartFont(theme)) : null;
  return {
    type: log ? ('logarithmic' as const) : ('linear' as const),
    afterBuildTicks: logTicks?.afterBuildTicks,
    ...titledAxis(
      theme,
      title,
      logTicks?.ticks ?? { callback: format ? (v: number | string) => format(Number(v)) : undefined },
    ),
  };
}
