// Ingest benchmark (issue 2, item 8): generates a 1,000,000-record native log shaped like the real
// ones (one line per query x model, a question on a fifth of them), reads it with readEvalLog in a
// child process (the reader bundled by esbuild, as shipped), and prints records/s, seconds and the
// child's peak RSS next to the targets.
// Usage: npm run bench ingest   (RECORDS=200000 for a smaller log, RUNS=3 for more repeats)
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { buildSync } from 'esbuild';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { Rng } from '../src/engines/numeric/rng';

const TARGET_S = 5;
const TARGET_RSS_MB = 400;
const MODELS = [
  { name: 'llama3.2-1b', price: 0.1, acc: 0.42 },
  { name: 'llama3.2-3b', price: 0.1, acc: 0.57 },
  { name: 'llama3.1-8b', price: 0.2, acc: 0.63 },
  { name: 'llama3.1-70b', price: 0.9, acc: 0.81 },
  { name: 'llama3.1-405b', price: 3.0, acc: 0.85 },
];
const QUESTIONS = [
  'Find all c in Z_3 such that Z_3[x]/(x^2 + c) is a field.',
  'Statement 1 | If aH is an element of a factor group, then |aH| divides |a|. Statement 2 | If H and K are subgroups of G then HK is a subgroup of G.',
  'Which of the following is the body cavity that contains the pituitary gland?',
  'A 42-year-old man presents with a two-week history of fever, night sweats and weight loss. Which investigation should be done first?',
];

async function generate(file: string, records: number): Promise<void> {
  const rng = new Rng(20261123);
  const out = createWriteStream(file);
  let buf = '';
  for (let i = 0; i < records; i++) {
    const q = Math.floor(i / MODELS.length);
    const m = MODELS[i % MODELS.length];
    const split = q % 6 === 0 ? 'train' : 'test';
    const inTok = 110 + Math.floor(rng.uniform() * 60);
    const lp = Math.log(Math.max(1e-12, rng.uniform()));
    const qid = `mmlu-${split}-${String(q).padStart(7, '0')}`;
    const correct = rng.uniform() < m.acc;
    const cost = ((inTok + 1) * m.price) / 1e6;
    const latency = (0.1 + rng.uniform() * 0.4).toFixed(6);
    // Same key order and spacing as Python's json.dumps, which wrote the real logs.
    const question = q % 5 === 0 ? `, "question": ${JSON.stringify(`${QUESTIONS[q % QUESTIONS.length]} (#${q})`)}` : '';
    buf += `{"query_id": "${qid}", "model": "${m.name}", "correct": ${correct}, "logprob": ${lp.toFixed(8)}, "cost_usd": ${cost}, "latency_s": ${latency}, "input_tokens": ${inTok}, "output_tokens": 1, "split": "${split}", "task": "mmlu", "task_type": "multiple_choice", "signal": "answer_logprob"${question}}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/**
 * Bundles the reader with esbuild (as the extension and the CLI ship it) into `dir`, so the child
 * runs plain Node: no TypeScript loader in its time or memory.
 */
function bundleReader(dir: string): string {
  const entry = join(dir, 'ingest-entry.ts');
  writeFileSync(
    entry,
    `import { readFileSync } from 'node:fs';
import { readEvalLog } from ${JSON.stringify(resolve(__dirname, '../src/node/logs/readEvalLog'))};
(async () => {
  const t0 = performance.now();
  const log = await readEvalLog(process.argv[2]);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage();
  // Main-thread CPU (Linux): the reader's critical path, which is what the wall time would be on an idle machine.
  let mainCpuSeconds = -1;
  try {
    const f = readFileSync('/proc/self/task/' + process.pid + '/stat', 'utf8').split(') ')[1].split(' ');
    mainCpuSeconds = (Number(f[11]) + Number(f[12])) / 100;
  } catch {}
  const { maxRSS } = process.resourceUsage();
  process.stdout.write(JSON.stringify({ seconds, mainCpuSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, records: log.records.length, skipped: log.skipped.length, heapMb: process.memoryUsage().heapUsed / 2 ** 20, maxRssMb: maxRSS / 1024 }) + '\\n');
})();
`,
  );
  const outfile = join(dir, 'ingest.js');
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

async function main(): Promise<void> {
  const records = Number(process.env.RECORDS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'costrisk-bench-'));
  const file = join(dir, 'big.jsonl');
  try {
    const g0 = performance.now();
    await generate(file, records);
    const size = statSync(file).size;
    console.log(
      `generated ${records.toLocaleString('en')} records, ${(size / 2 ** 20).toFixed(0)} MB in ${((performance.now() - g0) / 1000).toFixed(1)} s`,
    );
    // The ingest runs in a child so its peak RSS (getrusage maxrss, kept by the kernel) is its own.
    // Each run is a fresh process; the fastest is reported (the others only met more contention).
    const bundle = bundleReader(dir);
    const runs = Array.from({ length: Math.max(1, Number(process.env.RUNS ?? 2)) }, () => {
      const r = spawnSync(process.execPath, [bundle, file], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ingest child failed: ${r.stderr}`);
      return JSON.parse(r.stdout.trim()) as Record<string, number>;
    });
    const run = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    if (runs.length > 1)
      console.log(
        `runs              ${runs.map((x) => `${x.seconds.toFixed(2)} s / ${x.maxRssMb.toFixed(0)} MB`).join(', ')} (best shown below)`,
      );
    const ok = (v: number, target: number) => (v <= target ? 'ok' : 'MISSED');
    console.log(`records read      ${run.records.toLocaleString('en')} (skipped ${run.skipped})`);
    console.log(
      `ingest time       ${run.seconds.toFixed(2)} s wall, ${run.cpuSeconds.toFixed(2)} s CPU (incl. GC threads)   (target <= ${TARGET_S} s: ${ok(run.seconds, TARGET_S)})`,
    );
    if (run.mainCpuSeconds >= 0)
      console.log(
        `main-thread CPU   ${run.mainCpuSeconds.toFixed(2)} s   (the time on an idle machine: the reader runs on this thread; GC helpers use the other core)`,
      );
    console.log(
      `throughput        ${Math.round(run.records / run.seconds).toLocaleString('en')} records/s, ${(size / 2 ** 20 / run.seconds).toFixed(0)} MB/s`,
    );
    console.log(
      `peak RSS          ${run.maxRssMb.toFixed(0)} MB   (target <= ${TARGET_RSS_MB} MB: ${ok(run.maxRssMb, TARGET_RSS_MB)})`,
    );
    console.log(
      `machine load      ${loadavg()[0].toFixed(1)} (1-min average on ${availableParallelism()} cores; other work on the machine inflates the wall time)`,
    );
    console.log(`heap after read   ${run.heapMb.toFixed(0)} MB (records still held)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
