/**
 * The HTML shell of every webview (no `vscode` import: tested in plain Node). Strict CSP: nothing
 * loads unless listed; the view's entry is a module script carrying this page's nonce, and the
 * shared chunks it imports (media/build/chunks/) come from the extension's own resources; styles,
 * images and fonts only from the extension's own resources (plus `data:` images, which Chart.js PNG
 * export produces). Inline styles need the nonce too: the toolkit (FAST) reads it from
 * `<meta property="csp-nonce">`; constructable stylesheets and CSSOM `element.style` writes
 * (Chart.js) are not inline styles.
 */
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlOptions {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  cspSource: string;
  nonce: string;
  title: string;
  /** Webview URI of the view's entry (media/build/<view>.js), an ES module that imports its shared chunks. */
  scriptUri: string;
  /** Webview URIs of stylesheets (media/css/*.css). */
  styleUris: readonly string[];
  /** The panel's state as the host knows it; the webview reads it once if it has no saved state. */
  initialState: unknown;
}

/** A fresh script nonce: 128 random bits from the OS CSPRNG, base64. Never Math.random. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The page's CSP. Scripts: the entry by its nonce; the chunks it imports by `cspSource`, the origin
 * of the extension's resources, of which the webview can reach only its `localResourceRoots`
 * (media/build and media/css: the extension's own bundles). Chromium also lets the imports through
 * by the entry's nonce alone; `cspSource` is there for browsers that do not pass the nonce on to
 * imported modules. No inline script runs without the nonce, and neither `eval` nor any other origin.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' ${cspSource}`,
    // The nonce lets the toolkit's one feature probe (a <style> marked with the csp-nonce meta) run.
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export function webviewHtml(o: WebviewHtmlOptions): string {
  const styles = o.styleUris.map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.cspSource, o.nonce))}">
    <meta property="csp-nonce" content="${escapeHtml(o.nonce)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(o.title)}</title>
  </head>
  <body data-initial-state="${escapeHtml(JSON.stringify(o.initialState ?? null))}">
    <main id="app" aria-busy="true"></main>
    <script type="module" nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
  </body>
</html>`;
}
