// Which files are test files, and which of them open pages in headless Chromium: shared by the test
// runner (scripts/runTests.mjs) and the coverage-overlap check (scripts/coverageOverlap.mjs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every `*.test.ts` under `dir`, but the end-to-end suite and the fixtures. */
export function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'e2e' || name === 'fixtures' ? [] : testFiles(p);
    return name.endsWith('.test.ts') ? [p] : [];
  });
}

export const isWebview = (f) => f.startsWith(join('test', 'webview'));

/** Whether a test file opens pages in headless Chromium (a webview test that uses the browser harness); reads the file. */
export const opensPagesIn = (f) => isWebview(f) && readFileSync(f, 'utf8').includes('harness');
