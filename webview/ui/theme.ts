/**
 * The current VS Code theme as chart colours, read from the `--vscode-*` CSS variables VS Code
 * sets on the page, and a subscription that fires when the user switches theme (VS Code changes
 * the body class and the variables in place; the page is not reloaded).
 */
import { seriesPalette } from '../charts/palette';
import { FALLBACK_THEME, type ChartTheme, type ThemeKind } from '../charts/chartTheme';

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

export function readChartTheme(): ChartTheme {
  const kind = themeKind();
  const fb = FALLBACK_THEME[kind];
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => css.getPropertyValue(`--vscode-${name}`).trim() || fallback;
  const background = v('editor-background', fb.background);
  const hc = kind === 'high-contrast' || kind === 'high-contrast-light';
  return {
    kind,
    foreground: v('charts-foreground', v('foreground', fb.foreground)),
    muted: v('descriptionForeground', fb.muted),
    grid: hc ? v('contrastBorder', fb.grid) : v('charts-lines', fb.grid),
    background,
    series: seriesPalette(background),
    accent: hc ? v('contrastActiveBorder', fb.accent) : v('charts-red', fb.accent),
    fontFamily: v('font-family', fb.fontFamily),
    fontSize: Number.parseFloat(v('font-size', String(fb.fontSize))) || fb.fontSize,
  };
}

/** Calls `listener` (debounced to one frame) whenever the theme changes; returns the unsubscribe. */
export function onThemeChange(listener: (theme: ChartTheme) => void): () => void {
  let frame = 0;
  const fire = (): void => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => listener(readChartTheme()));
  };
  const observer = new MutationObserver(fire);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
