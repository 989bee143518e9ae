// The end-to-end suite: one code-server with the packaged extension, one headless Chromium page,
// and every scenario in test/e2e/scenarios/ run in order against it. Started by test/e2e/run.sh.
// Prints "N passed, N failed" last and exits non-zero on any failure.
// Env: CODE_SERVER_BIN, E2E_EXT_DIR, E2E_SCRATCH (set by run.sh); E2E_FILTER=<substring>[,<substring>...] runs the scenarios whose names contain one.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './harness/browser';
import { startCodeServer, type CodeServer } from './harness/codeServer';
import { extHostLogTail } from './harness/extHostLog';
import { writeFirstChartTimes } from './harness/firstChart';
import { log } from './harness/log';
import { toastMessages } from './harness/notifications';
import { openWorkbench, resetWorkbench } from './harness/workbench';
import { RESULTS_DIR } from './harness/paths';
import type { E2EContext, Scenario } from './harness/scenario';
import { screenshot } from './harness/screenshot';
import { createWorkspace } from './harness/workspace';

const env = (k: string): string => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set (run the suite with test/e2e/run.sh)`);
  return v;
};

async function loadScenarios(filter: string | undefined): Promise<Scenario[]> {
  const dir = join(__dirname, 'scenarios');
  const all: Scenario[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.ts'))
    .sort()) {
    const mod = (await import(join(dir, f))) as { scenario?: Scenario };
    if (!mod.scenario) throw new Error(`${f} exports no \`scenario\``);
    all.push(mod.scenario);
  }
  const wanted = (filter ?? '')
    .toLowerCase()
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  return all
    .filter((s) => wanted.length === 0 || wanted.some((f) => s.name.toLowerCase().includes(f)))
    .sort((a, b) => a.order - b.order);
}

const failureShot = (s: Scenario): string => join(RESULTS_DIR, 'failures', `${s.name.replace(/[^\w-]+/g, '_')}.png`);

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms)),
  );
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(20_000); // no single action waits longer than this
  page.on('pageerror', (e) => log('page error:', e.message));
  return page;
}

async function main(): Promise<number> {
  const scratch = env('E2E_SCRATCH');
  const scenarios = await loadScenarios(process.env.E2E_FILTER);
  // (not wiped: screenshots are overwritten, and a run of a few scenarios keeps the others' files)
  mkdirSync(join(RESULTS_DIR, 'failures'), { recursive: true });
  for (const s of scenarios) rmSync(failureShot(s), { force: true });
  const ws = createWorkspace(join(scratch, 'workspace'));
  log(`workspace ${ws.dir}: ${ws.logs.join(', ')}, ${ws.malformed.file}, ${ws.unrelated}`);

  let passed = 0;
  let failed = 0;
  let cs: CodeServer | undefined;
  let browser: Browser | undefined;
  const stopAll = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await cs?.stop();
  };
  const onSignal = (): void => void stopAll().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    cs = await startCodeServer({
      bin: env('CODE_SERVER_BIN'),
      extensionsDir: env('E2E_EXT_DIR'),
      workspace: ws.dir,
      scratch: join(scratch, 'code-server'),
    });
    log('code-server up at', cs.url);
    browser = await launchBrowser();
    let page = await newPage(browser);
    await openWorkbench(page, cs.url, ws.dir);
    log('workbench ready; extension contributions registered');

    for (const s of scenarios) {
      const started = Date.now();
      const ctx: E2EContext = {
        page,
        cs,
        ws,
        log: (...a) => log(`  [${s.name}]`, ...a),
        shot: (n, o) => screenshot(page, n, o),
      };
      try {
        await resetWorkbench(page);
        await withTimeout(s.run(ctx), s.timeoutMs ?? 120_000, s.name);
        passed++;
        log(`PASS ${s.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (e) {
        failed++;
        log(`FAIL ${s.name} (${((Date.now() - started) / 1000).toFixed(1)} s): ${(e as Error).message}`);
        if (!page.isClosed()) await page.screenshot({ path: failureShot(s) }).catch(() => undefined);
        const toasts = page.isClosed() ? [] : await toastMessages(page).catch(() => []);
        if (toasts.length) log(`  notifications shown: ${toasts.join(' | ')}`);
        const tail = extHostLogTail(cs.userDataDir, 15)
          .split('\n')
          .filter((l) => /error|exception/i.test(l));
        if (tail.length) log('  extension host log (errors):\n' + tail.join('\n'));
        if (page.isClosed()) {
          page = await newPage(browser);
          await openWorkbench(page, cs.url, ws.dir);
        }
      }
    }
  } catch (e) {
    failed++;
    log('SETUP FAILED:', (e as Error).message);
    if (cs) log('extension host log:\n' + extHostLogTail(cs.userDataDir));
  } finally {
    await stopAll();
  }
  writeFirstChartTimes();
  const started = Number(process.env.E2E_STARTED) * 1000 || Date.now();
  log(
    `run time ${((Date.now() - started) / 1000).toFixed(0)} s in all (install, build, package, scenarios); screenshots in test-results/e2e/`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.stack);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
