// Human in the loop and risk guarantee: how long the views wait for a recompute. Targets (ours, not
// the issue's): an α/δ change or a model change should come back within ~100 ms on logs of a few
// thousand queries, and within a few seconds at 100k queries; the utilisation slider never
// recomputes. Each case runs once unmeasured, then RUNS timed runs in this process (log already
// read); where a command does the same work, it is also timed as whole `costrisk` processes
// (start-up and reading the log included).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEvalLog } from '../src/node/logs/readEvalLog';
import { pairAnswers } from '../src/engines/abstention/pairAnswers';
import { preparePairs } from '../src/engines/abstention/hitlSystem';
import { hitlTable } from '../src/engines/abstention/hitlTable';
import { latencyDrag } from '../src/engines/abstention/latencyDrag';
import { accuracyRejectionCurve } from '../src/engines/abstention/accuracyRejectionCurve';
import { guaranteeReport } from '../src/engines/riskGuarantee/guaranteeReport';
import { guaranteedThreshold } from '../src/engines/riskGuarantee/guaranteedThreshold';
import { clopperPearsonUpper } from '../src/engines/riskGuarantee/clopperPearsonUpper';
import { Rng } from '../src/engines/numeric/rng';
import type { EvalRecord } from '../src/engines/logs/types';
import { realLog } from '../test/helpers/paths';
import { FAST, SLOW, syntheticHitlRows, toRecords, writeRows } from '../test/engines/abstention/syntheticHitlLog';
import { machineLine, reportCase } from './measure';

const RUNS = 5;
const UTILIZATIONS = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

function report(label: string, run: () => unknown, cli?: string[]): void {
  reportCase(label, run, RUNS, cli && { args: cli, shown: `costrisk ${cli.join(' ').replace(/\S*\//g, '')}` });
}

interface HitlLog {
  label: string;
  file: string;
  records: readonly EvalRecord[];
  fast: string;
  reasoning: string;
  reasoningSignal: 'confidence' | 'output_tokens';
  split?: string;
}

function systemBench(log: HitlLog): void {
  const paired = pairAnswers(log.records, {
    fast: log.fast,
    reasoning: log.reasoning,
    fastSignal: { name: 'confidence' },
    reasoningSignal: { name: log.reasoningSignal },
    split: log.split,
  });
  const p = preparePairs(paired);
  const split = log.split ? ['--split', log.split] : [];
  console.log(`\n${log.label}: ${p.n} queries (${log.fast} → ${log.reasoning} → human)`);
  report(
    'Ask + Fail Fast, or Ask: 19 utilisations x 21 rejection rates + latency drag (the view; a command gives one point)',
    () => {
      hitlTable(p, { utilizations: UTILIZATIONS });
      latencyDrag(p, { rejection: 0.1, utilizations: [0, ...UTILIZATIONS] });
    },
    [
      'failfast',
      log.file,
      '--fast',
      log.fast,
      '--reasoning',
      log.reasoning,
      '--utilization',
      '0.5',
      '--rejection',
      '0.1',
      ...split,
      '--json',
    ],
  );
  report(
    `one accuracy-rejection curve (${log.reasoning}, up to 20% rejected)   [target <= 100 ms at a few thousand queries]`,
    () => accuracyRejectionCurve(paired.reasoning, { maxRejection: 0.2, curveMax: 0.5 }),
    ['abstain', log.file, '--model', log.reasoning, ...split, '--json'],
  );
}

async function main(): Promise<void> {
  console.log(machineLine());
  const mmluFile = realLog('mmlu-qwen-oai');
  const mmlu = await readEvalLog(mmluFile);
  systemBench({
    label: 'mmlu-qwen-oai test',
    file: mmluFile,
    records: mmlu.records,
    fast: 'qwen2.5-72b-instruct',
    reasoning: 'gpt-4o',
    reasoningSignal: 'confidence',
    split: 'test',
  });
  const dir = mkdtempSync(join(tmpdir(), 'costrisk-hitl-bench-'));
  try {
    const rows = syntheticHitlRows({ n: 100_000, seed: 1 });
    const bigFile = join(dir, 'synthetic-reasoning.jsonl');
    writeRows(bigFile, rows);
    systemBench({
      label: 'synthetic reasoning log',
      file: bigFile,
      records: toRecords(rows),
      fast: FAST,
      reasoning: SLOW,
      reasoningSignal: 'output_tokens',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log('\nrisk guarantee');
  report(
    'mmlu-qwen-oai gpt-4o, α = δ = 0.1 (285 calibration / 1531 test answers, with the bound curve)   [target <= 100 ms]',
    () => guaranteeReport(mmlu.records, { model: 'gpt-4o', alpha: 0.1, delta: 0.1 }),
    ['guarantee', mmluFile, '--model', 'gpt-4o', '--alpha', '0.1', '--delta', '0.1', '--json'],
  );
  const rng = new Rng(3);
  const cal = Array.from({ length: 100_000 }, () => {
    const s = rng.uniform();
    return { certainty: s, correct: rng.uniform() > (1 - s) / 3 };
  });
  report(
    'threshold scan over 100,000 calibration answers (distinct certainties, scan runs deep; in the worker, no command)   [target: a few seconds]',
    () => guaranteedThreshold(cal, { alpha: 0.1, delta: 0.1 }),
  );
  let k = 0;
  report('1,000 Clopper-Pearson bounds (n = 5000; a step of the cases above)', () => {
    for (let i = 0; i < 1000; i++) clopperPearsonUpper((k = (k + 7) % 500), 5000, 0.05);
  });
}

void main();
