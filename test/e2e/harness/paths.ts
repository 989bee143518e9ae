import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Project root (this file is test/e2e/harness/paths.ts). */
export const ROOT = resolve(__dirname, '..', '..', '..');
/** Screenshots and failure captures of a run (gitignored). */
export const RESULTS_DIR = join(ROOT, 'test-results', 'e2e');
/** Screenshots kept in the repository for the README (refreshed with E2E_UPDATE_SCREENSHOTS=1). */
export const README_SHOTS_DIR = join(ROOT, 'media', 'screenshots');
/** Real eval logs: `../shared/data/eval-logs` beside the repository, else the bundled copies in examples/. */
export function realLogsDir(): string {
  const shared = join(ROOT, '..', 'shared', 'data', 'eval-logs');
  return existsSync(shared) ? shared : join(ROOT, 'examples');
}
