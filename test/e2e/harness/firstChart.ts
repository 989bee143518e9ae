import { cpus, loadavg } from 'node:os';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { log } from './log';
import { RESULTS_DIR } from './paths';
import { waitCanvasesDrawn } from './webview';

/** Where the suite leaves the times it measured, for `npm run bench` (bench/firstChart.bench.ts) to print. */
export const FIRST_CHART_FILE = join(RESULTS_DIR, 'first-chart.json');

/**
 * One view opened on a log: the time from choosing the log in the Quick Pick (or from `from`, for a
 * view that draws only when asked) to the first drawn chart.
 */
export interface FirstChartTime {
  view: string;
  file: string;
  ms: number;
  from?: string;
}

const times: FirstChartTime[] = [];

/**
 * Measures, the first time `view` is opened on `file` in this run, how long after `since` (the
 * moment the log was chosen) the webview's first chart has ink: the user's wait from command to
 * chart, through the real extension host, the engine worker and the webview. Polls every 100 ms,
 * so figures are ±0.1 s. A view that draws nothing within 90 s is logged and not recorded.
 */
export async function timeFirstChart(
  frame: Frame,
  view: string,
  file: string,
  since: number,
  from?: string,
): Promise<void> {
  if (times.some((t) => t.view === view && t.file === file)) return;
  try {
    await waitCanvasesDrawn(frame, 1, 0.002, 'canvas', 90_000, 100);
  } catch {
    log(`  (no chart drawn in ${view} on ${file} within 90 s: no time-to-first-chart recorded)`);
    return;
  }
  const ms = Date.now() - since;
  times.push({ view, file, ms, ...(from ? { from } : {}) });
  log(`  time to first chart: ${view} on ${file}${from ? `, from ${from}` : ''}: ${(ms / 1000).toFixed(1)} s`);
}

/** Writes the times measured in this run (with the date and the machine) atomically to {@link FIRST_CHART_FILE}. */
export function writeFirstChartTimes(): void {
  if (times.length === 0) return;
  const c = cpus();
  const report = {
    date: new Date().toISOString(),
    machine: `${c.length} × ${c[0]?.model.trim() ?? 'CPU'}, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}, Node ${process.version}`,
    times,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const tmp = `${FIRST_CHART_FILE}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(report, null, 2) + '\n');
  renameSync(tmp, FIRST_CHART_FILE);
}
