/**
 * Font, axis and option blocks every chart config repeats: theme font, a titled axis in the theme's
 * colours and the common top-level options. Pure: theme -> plain Chart.js option fragments.
 */
import type { ChartTheme } from './chartTheme';

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
