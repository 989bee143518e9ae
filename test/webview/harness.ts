/**
 * Loads a built webview bundle (media/build/<view>.js) into headless Chromium the way VS Code
 * would: the real HTML shell and CSP from src/host/panels/webviewHtml.ts, resources served from
 * one origin (standing in for `webview.cspSource`), a fake `acquireVsCodeApi` that records what
 * the page posts and saves, and theme classes and `--vscode-*` variables set like VS Code sets them.
 * Chromium missing: the test fails under CI=true, and is skipped with a reason otherwise. Under
 * scripts/runTests.mjs every test file connects to one browser the runner started
 * (COSTRISK_CHROMIUM_WS) instead of launching its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { makeNonce, webviewHtml } from '../../src/host/panels/webviewHtml';
import { ROOT } from '../helpers/paths';
import chromiumFlags from './chromium.json';

/**
 * The Chromium the tests run: CHROMIUM_PATH, else the first of test/webview/chromium.json's
 * executables that is installed (the headless shell, then the full browser), as scripts/runTests.mjs picks it.
 */
export const CHROMIUM =
  process.env.CHROMIUM_PATH ?? chromiumFlags.executables.find((f) => existsSync(f)) ?? chromiumFlags.executables[0];
/** Chromium's command-line flags (test/webview/chromium.json, shared with scripts/runTests.mjs). */
export const CHROMIUM_ARGS: readonly string[] = chromiumFlags.args;

/** Why the browser tests cannot run here, or null. Under CI=true a missing browser is an error. */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const why = `Chromium not found (looked for ${process.env.CHROMIUM_PATH ?? chromiumFlags.executables.join(', ')}; run scripts/installSystemDeps.sh)`;
  if (process.env.CI === 'true') throw new Error(why);
  return why;
}

/** The runner's shared Chromium (COSTRISK_CHROMIUM_WS) when there is one, else a headless one of this file's own. */
export async function testBrowser(): Promise<Browser> {
  const shared = process.env.COSTRISK_CHROMIUM_WS;
  return shared
    ? chromium.connect(shared)
    : chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
}

/** The page a closed view's page shows until it is reused (same origin, so the next view loads in the same renderer). */
const BLANK = '/blank.html';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.html': 'text/html',
};

export type ThemeClass = 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast' | 'vscode-high-contrast-light';

/** A subset of the variables VS Code sets on <html>, per theme (values from VS Code's default themes). */
export const THEME_VARS: Record<ThemeClass, Record<string, string>> = {
  'vscode-dark': {
    'editor-background': '#1e1e1e',
    foreground: '#cccccc',
    'charts-foreground': '#cccccc',
    'charts-lines': 'rgba(204, 204, 204, 0.5)',
    'charts-red': '#f14c4c',
    'charts-blue': '#3794ff',
  },
  'vscode-light': {
    'editor-background': '#ffffff',
    foreground: '#616161',
    'charts-foreground': '#616161',
    'charts-lines': 'rgba(97, 97, 97, 0.5)',
    'charts-red': '#e51400',
    'charts-blue': '#1a85ff',
  },
  'vscode-high-contrast': {
    'editor-background': '#000000',
    foreground: '#ffffff',
    'charts-foreground': '#ffffff',
    contrastBorder: '#6fc3df',
    contrastActiveBorder: '#f38518',
  },
  'vscode-high-contrast-light': {
    'editor-background': '#ffffff',
    foreground: '#292929',
    'charts-foreground': '#292929',
    contrastBorder: '#0f4a85',
    contrastActiveBorder: '#006bbd',
  },
};

/** A message the page posted (see WebviewToHost in src/protocol/messages.ts). */
export interface PostedMessage {
  type: string;
  requestId?: number;
  method?: string;
  params?: unknown;
  name?: string;
  payload?: unknown;
  [k: string]: unknown;
}

export interface ViewHarness {
  page: Page;
  /** Messages the page posted to the "host", in order. */
  posted(): Promise<PostedMessage[]>;
  /** What the page last passed to setState. */
  savedState(): Promise<unknown>;
  /** Posts a message to the page as the host would. */
  send(msg: unknown): Promise<void>;
  /** Switches theme in place, as VS Code does (body class + CSS variables). */
  setTheme(theme: ThemeClass): Promise<void>;
  /** CSP violations reported by the page. */
  cspViolations(): Promise<string[]>;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /**
   * Done with the view: its page goes back to the server for the next `open`, which loads the next
   * view into it (the view's document is replaced by a blank page of the same origin at once).
   */
  close(): Promise<void>;
}

/** The viewport of a fresh page (a `close`d page is set back to it before it shows another view). */
const VIEWPORT = { width: 1000, height: 900 };

/**
 * What each page runs before the view's scripts (Playwright init script): the fake `acquireVsCodeApi`
 * that records posts and state, the CSP-violation log, and the theme's CSS variables. The view's
 * saved state and theme variables come in the page address's fragment (`#` + JSON), so that one
 * script serves every view a reused page shows.
 */
function fakeVsCodeApi(): void {
  if (!location.pathname.startsWith('/page-')) return; // the blank page between views
  const { saved, vars } = JSON.parse(decodeURIComponent(location.hash.slice(1))) as {
    saved: unknown;
    vars: Record<string, string>;
  };
  const w = window as unknown as Record<string, unknown>;
  const posted: unknown[] = [];
  const csp: string[] = [];
  let state: unknown = saved;
  let acquired = false;
  w.__posted = posted;
  w.__csp = csp;
  w.__state = () => state;
  document.addEventListener('securitypolicyviolation', (e) => csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: (m: unknown) => posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => state,
      setState: (s: unknown) => (state = JSON.parse(JSON.stringify(s))),
    };
  };
  document.addEventListener('readystatechange', () => {
    if (document.readyState === 'interactive')
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
  });
}

/**
 * What the browser test files of one process share: the page server, the browser connection, one
 * context and the pages closed views left. scripts/runTests.mjs runs several browser test files in
 * one process, one after the other; each starts a WebviewTestServer (a lease on this) and closes it,
 * and the next file's lease takes over the same connection, renderer and cached bundles instead of
 * loading Playwright's client and starting a renderer again.
 */
class SharedBrowser {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    /** The HTML of each view's page, by path (the server answers from it). */
    private readonly pages: Map<string, string>,
  ) {}

  /** The process's one instance while leases hold it (or a moment after the last closed), else null. */
  private static current: Promise<SharedBrowser> | null = null;
  private leases = 0;
  private shutdown: NodeJS.Timeout | null = null;

  static async lease(): Promise<SharedBrowser> {
    // A failed start is not kept: the next lease tries again.
    SharedBrowser.current ??= SharedBrowser.create().catch((e: unknown) => {
      SharedBrowser.current = null;
      throw e;
    });
    const shared = await SharedBrowser.current;
    shared.leases++;
    if (shared.shutdown) clearTimeout(shared.shutdown);
    shared.shutdown = null;
    return shared;
  }

  /**
   * A lease ends. The last one closes everything a moment later, unless the process's next test
   * file leases it first (its `before` hook runs right after this file's `after` hook).
   */
  release(): void {
    if (--this.leases > 0) return;
    this.shutdown = setTimeout(() => {
      SharedBrowser.current = null;
      this.close().catch((e: unknown) => console.error(`closing the shared browser: ${String(e)}`));
    }, 100);
  }

  private static async create(): Promise<SharedBrowser> {
    const pages = new Map<string, string>();
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      if (url.pathname === BLANK) {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>blank</title>');
        return;
      }
      const page = pages.get(url.pathname);
      if (page !== undefined) {
        res.writeHead(200, { 'content-type': 'text/html' }).end(page);
        return;
      }
      const file = normalize(join(ROOT, 'media', decodeURIComponent(url.pathname)));
      if (!file.startsWith(join(ROOT, 'media')) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      // Cacheable, so that the pages (one browser context) load and compile the bundles once.
      res
        .writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'max-age=600',
        })
        .end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await testBrowser();
    // One context for the pages: a page opens in it faster than in a context of its own. It asks for
    // reduced motion, as a user can in the system's settings: the views' busy ring then stands still
    // (media/css/view.css) instead of drawing frames while the test plays the host; spinning, the
    // rings cost ~6 s of Chromium's CPU across the browser tests (2026-12-06). modelOverview.test.ts
    // checks both ways.
    const context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce' });
    return new SharedBrowser(server, origin, browser, context, pages);
  }

  private nextPage = 0;
  /**
   * Pages whose view was closed, to show the next view: a page that loads another document of the
   * same origin keeps its renderer process and the scripts compiled there, where a new page starts
   * a process and compiles the bundles again (~0.35 s of Chromium's CPU a page, measured 2026-12-05).
   */
  private idle: Page[] = [];

  /** Serves `html` at a path no page has had yet, and returns the path. */
  serve(html: string): string {
    const path = `/page-${this.nextPage++}.html`;
    this.pages.set(path, html);
    return path;
  }

  /** A page for the next view: one a closed view left, else a new one with the fake VS Code API. */
  async takePage(): Promise<Page> {
    const reused = this.idle.pop();
    if (reused) {
      const v = reused.viewportSize();
      if (v?.width !== VIEWPORT.width || v?.height !== VIEWPORT.height) await reused.setViewportSize(VIEWPORT);
      return reused;
    }
    const page = await this.context.newPage();
    // The tests are compiled with esbuild's keepNames (scripts/compileTests.mjs, as tsx does), which wraps
    // the functions below in a `__name` helper call the page lacks.
    await page.addInitScript('window.__name = (f) => f;');
    await page.addInitScript(fakeVsCodeApi);
    return page;
  }

  /** Stops serving the view's `path`, shows the blank page in `page` and keeps it for the next view. */
  async giveBack(page: Page, path: string): Promise<void> {
    this.pages.delete(path);
    await page.goto(this.origin + BLANK);
    this.idle.push(page);
  }

  private async close(): Promise<void> {
    await this.context.close();
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A test file's view server: opens views in headless Chromium. `start` in a `before` hook, `close`
 * in the `after` hook; the browser behind it is shared with the process's other test files (SharedBrowser).
 */
export class WebviewTestServer {
  private constructor(private readonly shared: SharedBrowser) {}

  static async start(): Promise<WebviewTestServer> {
    return new WebviewTestServer(await SharedBrowser.lease());
  }

  get origin(): string {
    return this.shared.origin;
  }

  /** This file's pages that still show a view (not `close`d): closed with the file. */
  private readonly openPages = new Set<Page>();

  /** Opens `media/build/<view>.js` in a page (one a closed view left, else a new one). `savedState` is what getState() returns (a reload). */
  async open(
    view: string,
    opts: { initialState: unknown; savedState?: unknown; theme?: ThemeClass },
  ): Promise<ViewHarness> {
    const theme = opts.theme ?? 'vscode-dark';
    if (!existsSync(join(ROOT, 'media', 'build', `${view}.js`)))
      throw new Error(`media/build/${view}.js is missing: run node esbuild.mjs first`);
    const html = webviewHtml({
      cspSource: this.origin,
      nonce: makeNonce(),
      title: view,
      scriptUri: `${this.origin}/build/${view}.js`,
      styleUris: [`${this.origin}/css/view.css`],
      initialState: opts.initialState,
    }).replace('<body ', `<body class="${theme}" `);
    const path = this.shared.serve(html);
    const page = await this.shared.takePage();
    this.openPages.add(page);
    const errors: string[] = [];
    const onConsole = (m: ConsoleMessage): void => {
      if (m.type() === 'error') errors.push(m.text());
    };
    const onError = (e: Error): void => {
      errors.push(e.message);
    };
    page.on('console', onConsole);
    page.on('pageerror', onError);
    const params = { saved: opts.savedState ?? null, vars: THEME_VARS[theme] };
    await page.goto(`${this.origin}${path}#${encodeURIComponent(JSON.stringify(params))}`);
    const h: ViewHarness = {
      page,
      errors,
      close: async () => {
        page.off('console', onConsole);
        page.off('pageerror', onError);
        this.openPages.delete(page);
        await this.shared.giveBack(page, path);
      },
      // Messages cross as JSON text, as VS Code passes them, and because Playwright's own encoding of
      // a large object (a job result, every posted message on each poll) costs seconds of CPU.
      posted: async () =>
        JSON.parse(
          await page.evaluate(() => JSON.stringify((window as unknown as { __posted: PostedMessage[] }).__posted)),
        ) as PostedMessage[],
      savedState: async () =>
        JSON.parse(
          await page.evaluate(
            () => JSON.stringify((window as unknown as { __state: () => unknown }).__state()) ?? 'null',
          ),
        ) as unknown,
      send: (msg) => page.evaluate((m) => window.postMessage(JSON.parse(m), '*'), JSON.stringify(msg)),
      cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
      setTheme: (t) =>
        page.evaluate(
          ({ t, vars }) => {
            const root = document.documentElement;
            for (let i = root.style.length - 1; i >= 0; i--)
              if (root.style[i].startsWith('--vscode-')) root.style.removeProperty(root.style[i]);
            for (const [k, v] of Object.entries(vars)) root.style.setProperty(`--vscode-${k}`, v);
            document.body.classList.remove(
              'vscode-light',
              'vscode-dark',
              'vscode-high-contrast',
              'vscode-high-contrast-light',
            );
            document.body.classList.add(t);
          },
          { t, vars: THEME_VARS[t] },
        ),
    };
    return h;
  }

  /** Ends the file's use of the browser: the views it left open are closed, the rest is the next file's. */
  async close(): Promise<void> {
    for (const page of this.openPages) await page.close();
    this.openPages.clear();
    this.shared.release();
  }
}

/** Pixels of a canvas that differ from `background` (an "#rrggbb" colour) by more than a small margin. */
export async function nonBackgroundPixels(
  page: Page,
  canvasSelector: string,
  background: string,
): Promise<{ total: number; differing: number; corner: number[] }> {
  return page.evaluate(
    ({ sel, bg }) => {
      const canvas = document.querySelector(sel) as HTMLCanvasElement | null;
      if (!canvas) throw new Error(`no canvas ${sel}`);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const want = [1, 3, 5].map((i) => parseInt(bg.slice(i, i + 2), 16));
      let differing = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (
          Math.abs(data[i] - want[0]) + Math.abs(data[i + 1] - want[1]) + Math.abs(data[i + 2] - want[2]) > 24 ||
          data[i + 3] < 200
        )
          differing++;
      }
      return { total: data.length / 4, differing, corner: [data[0], data[1], data[2], data[3]] };
    },
    { sel: canvasSelector, bg: background },
  );
}
