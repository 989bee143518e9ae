// Preloaded (`node -r bench/reportUsage.cjs`) into a CLI process a bench times: at exit, the
// process's wall time since it started, its CPU time and its peak RSS, as one "@@usage {json}"
// line on stderr. CommonJS on purpose: an ES module preload (`--import data:...`) starts Node's
// module loader, which added about 0.12 s to every timed `costrisk` process. The CLI's worker
// thread loads it too; only the main thread reports.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload, by design (see above)
const { isMainThread } = require('node:worker_threads');

if (isMainThread)
  process.on('exit', () => {
    const u = process.resourceUsage();
    const usage = {
      seconds: performance.now() / 1e3,
      cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6,
      maxRssMb: u.maxRSS / 1024,
    };
    process.stderr.write(`@@usage ${JSON.stringify(usage)}\n`);
  });
