// Ingest benchmark (issue 2, item 8; issue 18, item 3): generates a native log shaped like the real
// ones (one line per query x model, every line with its query's question, about 570 bytes a line), reads it with readEvalLog in a
// child process (the reader and its parser thread bundled by esbuild, as shipped) and through the whole `costrisk summary`
// process, alternately, and prints the medians (min–max) of wall time, CPU and peak RSS next to the
// targets: 1,000,000 records (≤ 2.5 s, ≤ 300 MB), then 10,000,000 (5.6 GB, streamed through in ≤ 30 s
// within 1.5 GB).
// Usage: npm run bench ingest   (RECORDS=200000 for a smaller first log, RUNS=7 for more repeats (default 5),
// LARGE=0 to leave out the 10,000,000-record log, which takes about five minutes)
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { bundleAsShipped } from './bundleAsShipped';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { Rng } from '../src/engines/numeric/rng';
import { CLI, median, runCli, spread } from './measure';

/** Issue 18: 1M records shaped like the bundled logs through `costrisk summary` in ≤ 2.5 s and 300 MB; 10M within 30 s and 1.5 GB. */
interface IngestCase {
  records: number;
  targetS: number;
  targetRssMb: number;
}
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

/** Text the questions are cut from (real MMLU questions run from one line to a passage of a page). */
const PASSAGE =
  'Which of the following best explains the observation described in the passage above, given that the experiment was repeated under the same conditions, the measurements were taken by two independent teams, and the results agreed to within the stated uncertainty? Consider each option in turn and choose the one that accounts for all of the facts. ';

/**
 * The question of query q: one of QUESTIONS, lengthened from PASSAGE to an exponentially drawn
 * length (mean about 270 characters, as in the bundled mmlu logs, whose lines average 568 bytes).
 */
function questionOf(q: number, rng: Rng): string {
  const base = `${QUESTIONS[q % QUESTIONS.length]} (#${q})`;
  const length = Math.min(3500, 40 + Math.floor(-Math.log(1 - rng.uniform()) * 230));
  let text = base;
  while (text.length < length) text += ' ' + PASSAGE.slice(0, length - text.length);
  return text;
}

async function generate(file: string, records: number): Promise<void> {
  const rng = new Rng(20261123);
  const out = createWriteStream(file);
  let buf = '';
  let question = '';
  for (let i = 0; i < records; i++) {
    const q = Math.floor(i / MODELS.length);
    if (i % MODELS.length === 0) question = JSON.stringify(questionOf(q, rng));
    const m = MODELS[i % MODELS.length];
    const split = q % 6 === 0 ? 'train' : 'test';
    const inTok = 110 + Math.floor(rng.uniform() * 60);
    const lp = Math.log(Math.max(1e-12, rng.uniform()));
    const qid = `mmlu-${split}-${String(q).padStart(7, '0')}`;
    const correct = rng.uniform() < m.acc;
    const cost = ((inTok + 1) * m.price) / 1e6;
    const latency = (0.1 + rng.uniform() * 0.4).toFixed(6);
    // Same key order and spacing as Python's json.dumps, which wrote the real logs.
    buf += `{"query_id": "${qid}", "model": "${m.name}", "correct": ${correct}, "logprob": ${lp.toFixed(8)}, "cost_usd": ${cost}, "latency_s": ${latency}, "input_tokens": ${inTok}, "output_tokens": 1, "split": "${split}", "task": "mmlu", "task_type": "multiple_choice", "signal": "answer_logprob", "question": ${question}}\n`;
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
  const dropped = log.warnings.map((w) => /question texts of (\\d+) record/.exec(w.reason)).find((m) => m);
  process.stdout.write(JSON.stringify({ seconds, mainCpuSeconds, questionsDropped: dropped ? Number(dropped[1]) : 0, cpuSeconds: (cpu.user + cpu.system) / 1e6, records: log.table ? log.table.length : log.records.length, skipped: log.skipped.length, heapMb: process.memoryUsage().heapUsed / 2 ** 20, maxRssMb: maxRSS / 1024 }) + '\\n');
})();
`,
  );
  const outfile = join(dir, 'ingest.js');
  // The parser thread's script goes beside the reader, where readNativeJsonl looks for it (as in dist/).
  bundleAsShipped({ ingest: entry, lineParserWorker: resolve(__dirname, '../src/node/logs/lineParserWorker.ts') }, dir);
  return outfile;
}

const ok = (v: number, target: number) => (v <= target ? 'meets' : 'MISSES');

/** One line: median (min–max) of each figure over the runs, against the targets. */
function report(label: string, runs: Record<string, number>[], c: IngestCase): void {
  const s = runs.map((r) => r.seconds);
  const cpu = runs.map((r) => r.cpuSeconds);
  const rss = runs.map((r) => r.maxRssMb);
  console.log(
    `${label.padEnd(34)} wall median ${median(s).toFixed(2)} s (${spread(s, 2)}), CPU ${median(cpu).toFixed(2)} s, peak RSS median ${median(rss).toFixed(0)} MB (${spread(rss, 0)}); n = ${runs.length}   [targets <= ${c.targetS} s: ${ok(median(s), c.targetS)}; <= ${c.targetRssMb} MB: ${ok(median(rss), c.targetRssMb)}]`,
  );
}

async function main(): Promise<void> {
  const cases: IngestCase[] = [{ records: Number(process.env.RECORDS ?? 1_000_000), targetS: 2.5, targetRssMb: 300 }];
  if (process.env.LARGE !== '0') cases.push({ records: 10_000_000, targetS: 30, targetRssMb: 1536 });
  for (const c of cases) await runCase(c);
}

async function runCase(c: IngestCase): Promise<void> {
  const records = c.records;
  const runCount = Math.max(1, Number(process.env.RUNS ?? 5));
  const dir = mkdtempSync(join(tmpdir(), 'costrisk-bench-'));
  const file = join(dir, 'big.jsonl');
  try {
    const g0 = performance.now();
    await generate(file, records);
    const size = statSync(file).size;
    console.log(
      `machine: ${availableParallelism()} cores, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (other work on the machine inflates wall times)`,
    );
    console.log(
      `generated ${records.toLocaleString('en')} records, ${(size / 2 ** 20).toFixed(0)} MB (${Math.round(size / records)} B a record, like the bundled logs) in ${((performance.now() - g0) / 1000).toFixed(1)} s`,
    );
    // Each run is a fresh process, so its peak RSS (getrusage maxrss, kept by the kernel) is its own.
    // The reader alone and the whole CLI alternate, so both meet the same load.
    const bundle = bundleReader(dir);
    const reader: Record<string, number>[] = [];
    const cli: Record<string, number>[] = [];
    for (let i = 0; i < runCount; i++) {
      const r = spawnSync(process.execPath, [bundle, file], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ingest child failed: ${r.stderr}`);
      reader.push(JSON.parse(r.stdout.trim()) as Record<string, number>);
      if (existsSync(CLI)) {
        const c = runCli(['summary', file, '--json'], 1);
        if (typeof c === 'string') throw new Error(c);
        cli.push({ seconds: c[0].wall, cpuSeconds: c[0].cpu, maxRssMb: c[0].rssMb });
      }
    }
    const first = reader[0];
    console.log(`records read                       ${first.records.toLocaleString('en')} (skipped ${first.skipped})`);
    // The reader as the extension's worker runs it keeps the question texts (the query tables show
    // them), up to ReadOptions.questionChars; the CLI keeps none.
    console.log(
      `  question texts kept by the in-process reader: ${first.questionsDropped ? `all but ${first.questionsDropped.toLocaleString('en')} records' (past the default limit of 2^27 characters)` : 'all'}; the CLI keeps none`,
    );
    report('in-process (readEvalLog)', reader, c);
    const main = reader.map((r) => r.mainCpuSeconds).filter((x) => x >= 0);
    if (main.length)
      console.log(
        `  main-thread CPU median ${median(main).toFixed(2)} s (the reading thread; the parser thread and garbage collection helpers use the other core); heap after read ${median(reader.map((r) => r.heapMb)).toFixed(0)} MB (the columnar table held; its typed arrays are outside the heap)`,
      );
    console.log(
      `  throughput ${Math.round(records / median(reader.map((r) => r.seconds))).toLocaleString('en')} records/s`,
    );
    if (cli.length) report('whole CLI (costrisk summary --json)', cli, c);
    else console.log(`whole CLI: skipped (${CLI} not built: run node esbuild.mjs)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
