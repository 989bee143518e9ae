import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import type { Workspace } from './workspace';

/** What every scenario gets: the workbench page, the code-server behind it, and the workspace. */
export interface E2EContext {
  page: Page;
  cs: CodeServer;
  ws: Workspace;
  log: (...parts: unknown[]) => void;
  /** Saves test-results/e2e/<name>.png (and, for the README set, media/screenshots/ on request). */
  shot: (name: string, opts?: { readme?: boolean }) => Promise<string>;
}

/** One user-level scenario, in its own file under test/e2e/scenarios/. */
export interface Scenario {
  name: string;
  /** Run order (scenarios share one workbench; reloads and theme changes go late). */
  order: number;
  timeoutMs?: number;
  run: (ctx: E2EContext) => Promise<void>;
}
