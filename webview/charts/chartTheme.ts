/**
 * Colours and fonts a chart is drawn with. The webview reads them from VS Code's CSS variables
 * (`webview/ui/theme.ts`) so charts follow light, dark and high-contrast themes; chart config
 * functions take them as data and stay pure.
 */
import { seriesPalette } from './palette';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface ChartTheme {
  kind: ThemeKind;
  foreground: string;
  /** Secondary text (axis titles, labels). */
  muted: string;
  /** Grid lines. */
  grid: string;
  /** Panel background (PNG exports are filled with it). */
  background: string;
  /** Distinct, colour-blind-safe series colours for this background, in order (palette.ts). */
  series: string[];
  /** The highlighted line (Pareto frontier). */
  accent: string;
  fontFamily: string;
  fontSize: number;
}

/** Used where a variable is missing (e.g. a test page without VS Code's theme). */
export const FALLBACK_THEME: Record<ThemeKind, ChartTheme> = {
  light: {
    kind: 'light',
    foreground: '#333333',
    muted: '#6c6c6c',
    grid: 'rgba(0,0,0,0.12)',
    background: '#ffffff',
    series: seriesPalette('#ffffff'),
    accent: '#e51400',
    fontFamily: 'sans-serif',
    fontSize: 12,
  },
  dark: {
    kind: 'dark',
    foreground: '#cccccc',
    muted: '#9d9d9d',
    grid: 'rgba(255,255,255,0.14)',
    background: '#1e1e1e',
    series: seriesPalette('#1e1e1e'),
    accent: '#f14c4c',
    fontFamily: 'sans-serif',
    fontSize: 12,
  },
  'high-contrast': {
    kind: 'high-contrast',
    foreground: '#ffffff',
    muted: '#ffffff',
    grid: '#6fc3df',
    background: '#000000',
    series: seriesPalette('#000000'),
    accent: '#f38518',
    fontFamily: 'sans-serif',
    fontSize: 12,
  },
  'high-contrast-light': {
    kind: 'high-contrast-light',
    foreground: '#292929',
    muted: '#292929',
    grid: '#0f4a85',
    background: '#ffffff',
    series: seriesPalette('#ffffff'),
    accent: '#b5200d',
    fontFamily: 'sans-serif',
    fontSize: 12,
  },
};

export const isHighContrast = (t: ChartTheme): boolean =>
  t.kind === 'high-contrast' || t.kind === 'high-contrast-light';
