/**
 * Series colours that colour-blind readers can tell apart and that stand out from the editor
 * background: Okabe & Ito's eight, then Paul Tol's "muted" and "light" schemes, kept when they
 * reach 3:1 contrast against the background (WCAG 1.4.11, graphical objects) and lie at least
 * ΔE*ab 20 from every colour already kept. Dark backgrounds keep 13 (the pale ones), light
 * backgrounds 10 (the deep ones). Past the palette, `seriesStyle` varies the dash and the marker,
 * so two series of one chart never look the same. Pure.
 */
import type { ChartTheme } from './chartTheme';

/** Candidates in order of preference (Okabe–Ito, Tol muted, Tol light). */
export const CANDIDATE_COLOURS: readonly string[] = [
  // Okabe–Ito (black left out: it is the light theme's text)
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#d55e00',
  '#56b4e9',
  '#cc79a7',
  '#f0e442',
  // Tol muted
  '#332288',
  '#117733',
  '#882255',
  '#cc6677',
  '#ddcc77',
  '#44aa99',
  '#999933',
  '#aa4499',
  '#88ccee',
  // Tol light
  '#ee8866',
  '#ffaabb',
  '#77aadd',
  '#44bb99',
  '#bbcc33',
];

/** Least contrast ratio of a series colour against the background (WCAG non-text contrast). */
export const MIN_CONTRAST = 3;
/** Least CIELAB distance between two kept colours. */
export const MIN_DELTA_E = 20;
/** A palette never has fewer colours than this (the most contrasting candidates fill it up). */
const MIN_COLOURS = 6;

/** "#rgb", "#rrggbb" or "rgb(r, g, b)" as [r, g, b] in 0..255, or null. */
export function parseColour(c: string): [number, number, number] | null {
  const s = c.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})([0-9a-f]{2})?$/.exec(s);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((x) => x + x).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/.exec(s);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
}

const linear = (v: number): number => {
  const x = v / 255;
  return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
};

/** Relative luminance (WCAG 2). */
function luminance([r, g, b]: [number, number, number]): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two colours (1 to 21); 1 when either cannot be parsed. */
export function contrastRatio(a: string, b: string): number {
  const x = parseColour(a);
  const y = parseColour(b);
  if (!x || !y) return 1;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

/** CIELAB (D65) of an sRGB colour. */
function lab(rgb: [number, number, number]): [number, number, number] {
  const [r, g, b] = rgb.map(linear);
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** CIE76 colour difference ΔE*ab; 0 when either colour cannot be parsed. */
export function deltaE(a: string, b: string): number {
  const x = parseColour(a);
  const y = parseColour(b);
  if (!x || !y) return 0;
  const p = lab(x);
  const q = lab(y);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** The series colours for a chart drawn on `background` (see the module comment). */
export function seriesPalette(background: string): string[] {
  const bg = parseColour(background) ? background : '#1e1e1e';
  const kept: string[] = [];
  for (const c of CANDIDATE_COLOURS)
    if (contrastRatio(c, bg) >= MIN_CONTRAST && kept.every((k) => deltaE(k, c) >= MIN_DELTA_E)) kept.push(c);
  if (kept.length >= MIN_COLOURS) return kept;
  // A mid-tone background: top up with the most contrasting candidates still distinct from the kept ones.
  const rest = CANDIDATE_COLOURS.filter((c) => !kept.includes(c)).sort(
    (a, b) => contrastRatio(b, bg) - contrastRatio(a, bg),
  );
  for (const c of rest) if (kept.length < MIN_COLOURS && kept.every((k) => deltaE(k, c) >= MIN_DELTA_E)) kept.push(c);
  return kept;
}

/** Dash patterns of the second, third... round through the palette (solid first). */
const DASHES: readonly (number[] | undefined)[] = [undefined, [6, 4], [2, 3], [10, 3, 2, 3]];
/** Marker shapes, likewise. */
const MARKERS = ['circle', 'rect', 'triangle', 'rectRot'] as const;

/** How the i-th series of a chart is drawn. */
export interface SeriesStyle {
  colour: string;
  /** Line dash (undefined: solid). */
  dash: number[] | undefined;
  /** Chart.js point style. */
  marker: (typeof MARKERS)[number];
}

/**
 * The i-th series' colour, dash and marker: the palette's colours in turn, then the palette again
 * dashed and with another marker, so series 0 … palette × 4 − 1 all differ in colour, dash or marker.
 */
export function seriesStyle(theme: ChartTheme, i: number): SeriesStyle {
  const n = theme.series.length;
  const round = Math.floor(i / n) % DASHES.length;
  return { colour: theme.series[i % n], dash: DASHES[round], marker: MARKERS[round] };
}
