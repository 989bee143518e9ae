// Time from command to first chart in a real VS Code, per view. These are not measured here: the
// E2E suite (npm run test:e2e) times the first opening of each view on a log in its run (from
// choosing the log in the Quick Pick to the first drawn chart, through the extension host, the
// engine worker and the webview) and leaves them in test-results/e2e/first-chart.json. This file
// prints them with the date and machine of that run, so the figures are never older than they say.
import { existsSync, readFileSync } from 'node:fs';
import { FIRST_CHART_FILE } from '../test/e2e/harness/firstChart';
import type { FirstChartTime } from '../test/e2e/harness/firstChart';

interface Report {
  date: string;
  machine: string;
  times: FirstChartTime[];
}

function main(): void {
  if (!existsSync(FIRST_CHART_FILE)) {
    console.log('no E2E run on this checkout yet: run `npm run test:e2e`, then `npm run bench`');
    return;
  }
  const r = JSON.parse(readFileSync(FIRST_CHART_FILE, 'utf8')) as Report;
  console.log(`measured by the E2E suite on ${r.date} (${r.machine}), one run, polled every 100 ms:`);
  console.log(
    'from choosing the log in the Quick Pick (or from what is noted) to the first drawn chart (first opening in the run)',
  );
  const width = Math.max(...r.times.map((t) => `${t.view} on ${t.file}`.length));
  for (const t of r.times)
    console.log(
      `  ${`${t.view} on ${t.file}`.padEnd(width)}  ${(t.ms / 1000).toFixed(1).padStart(4)} s${t.from ? `  (from ${t.from})` : ''}`,
    );
}

main();
