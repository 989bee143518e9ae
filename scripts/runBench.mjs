// Runs every bench/*.bench.ts (or the ones matching the first argument) one after another and
// lets each print its own figures. Benchmarks measure; they never fail on a target. A full run
// (no filter) also writes what was printed to bench/results.md, with the machine it ran on.
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

const filter = process.argv[2];
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average at start ${loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')}`;
console.log(`machine: ${machine}`);

/** Milliseconds a bare Node process takes (node -e 0) with `env`: the median of 11 after one unmeasured. */
function nodeStartMs(env) {
  const ms = [];
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env });
    if (i > 0) ms.push(performance.now() - t0);
  }
  return Math.round(ms.sort((a, b) => a - b)[5]);
}

/**
 * The benchmarks' environment: this one without NODE_EXTRA_CA_CERTS. A machine behind a
 * TLS-inspecting proxy sets it (this one does, for the npm registry), and Node 20 then reads and
 * parses the whole certificate file at every start, before any script runs: a cost of the machine,
 * the same for every Node program and none for Python, that the CLI figures would otherwise carry
 * once per process. Both start-up times are printed, so the difference can be added back.
 */
const env = { ...process.env };
const asGiven = nodeStartMs(env);
let startup = `Node start-up (node -e 0): ${asGiven} ms`;
if (env.NODE_EXTRA_CA_CERTS) {
  delete env.NODE_EXTRA_CA_CERTS;
  startup = `Node start-up (node -e 0): ${nodeStartMs(env)} ms; ${asGiven} ms with this machine's NODE_EXTRA_CA_CERTS (${process.env.NODE_EXTRA_CA_CERTS}), which the benchmarks run without (a CLI process would take the difference longer)`;
}
console.log(startup);
const sections = [];
let failed = 0;
for (const f of files) {
  console.log(`\n== bench/${f}`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${f}`], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  process.stdout.write(r.stdout ?? '');
  if (r.status !== 0) failed++;
  sections.push(
    `## bench/${f} (${((Date.now() - t0) / 1000).toFixed(0)} s${r.status === 0 ? '' : ', FAILED'})\n\n\`\`\`\n${(r.stdout ?? '').trimEnd()}\n\`\`\`\n`,
  );
}
if (!filter) {
  const text = `# Benchmark results\n\nWritten by \`npm run bench\` on ${new Date().toISOString()}.\nMachine: ${machine}.\n${startup}.\n\n${sections.join('\n')}`;
  writeFileSync('bench/results.md.tmp', text);
  renameSync('bench/results.md.tmp', 'bench/results.md');
  console.log('\nwritten to bench/results.md');
}
process.exit(failed ? 1 : 0);
