// Cascade tuning (issue 3 performance targets) on the real MMLU and MedMCQA Llama logs, beside the
// runtimes the thesis' Python implementation reported (§2.4 "Computational Scaling", on the
// author's machine, not timed here): ~40 s for one 5-model Rational Tuning frontier and 212–666 s
// for the 5-model grid search. Each case runs once unmeasured, then RUNS timed runs in this
// process (log already read: wall median with min–max, and this process's CPU time); the
// end-to-end cases are also timed as whole `costrisk tune` processes (Node start-up, reading the
// log, tuning, scoring and the JSON on stdout), which is what the thesis' figures are set against.
import { readEvalLog } from '../src/node/logs/readEvalLog';
import type { EvalRecord } from '../src/engines/logs/types';
import { cascadeDiagnostics } from '../src/engines/tuning/cascadeDiagnostics';
import { gridSearch } from '../src/engines/tuning/gridSearch';
import { fitMarkovCopulaModel } from '../src/engines/tuning/markovCopulaModel';
import { prepareCascadeData } from '../src/engines/tuning/prepareCascadeData';
import { rationalTuning } from '../src/engines/tuning/rationalTuning';
import { subCascades } from '../src/engines/tuning/subCascades';
import { tuneCascade } from '../src/engines/tuning/tuneCascade';
import { EVAL_LOGS } from '../test/helpers/paths';
import { machineLine, reportCase } from './measure';

const LLAMA = ['llama3.2-1b', 'llama3.2-3b', 'llama3.1-8b', 'llama3.1-70b', 'llama3.1-405b'];
const ALL = [0, 1, 2, 3, 4];
const RUNS = 5;

interface Case {
  label: string;
  target?: string;
  paper?: string;
  run: () => unknown;
  /** The `costrisk` arguments after the log that do the same work end to end; none for a step with no command of its own. */
  cli?: string[];
  /** What the command does besides the in-process case's work. */
  cliNote?: string;
}

function report(c: Case, file: string): void {
  const notes = [c.target && `target ${c.target}`, c.paper && `paper (Python, its machine) ${c.paper}`].filter(Boolean);
  reportCase(
    `${c.label}${notes.length ? `   [${notes.join('; ')}]` : ''}`,
    c.run,
    RUNS,
    c.cli && {
      args: ['tune', file, ...c.cli],
      shown: `costrisk tune <log> ${c.cli.join(' ').replace(LLAMA.join(','), '<the 5 models>')}${c.cliNote ? `; ${c.cliNote}` : ''}`,
    },
  );
}

async function main(): Promise<void> {
  console.log(machineLine());
  const tune = (method: string, extra = ['--bootstrap', '0']) => [
    '--cascade',
    LLAMA.join(','),
    '--method',
    method,
    ...extra,
    '--json',
  ];
  for (const bench of ['mmlu', 'medmcqa']) {
    const file = `${EVAL_LOGS}/${bench}-llama.jsonl`;
    const { records } = await readEvalLog(file, {});
    const recs: EvalRecord[] = records;
    const data = prepareCascadeData({ records: recs, models: LLAMA });
    const model = fitMarkovCopulaModel({ models: LLAMA, phi: data.train.phi, cost: data.train.meanCost });
    const grid = gridSearch({ train: data.train, cascade: ALL });
    console.log(`\n${bench} (${data.train.queryIds.length} train / ${data.test.queryIds.length} test queries)`);
    const cases: Case[] = [
      {
        label: 'calibrate + fit Markov-copula model + look-up tables (a step of the end-to-end cases)',
        run: () =>
          fitMarkovCopulaModel({
            models: LLAMA,
            phi: prepareCascadeData({ records: recs, models: LLAMA }).train.phi,
            cost: data.train.meanCost,
          }),
      },
      {
        label: 'RT frontier, 5-model cascade: λ sweep + infill (a step of the end-to-end cases)',
        run: () => rationalTuning({ model, cascade: ALL }),
      },
      {
        label: 'RT frontier, 5-model cascade, end to end (fit + score on test)',
        target: '≤ 0.25 s',
        paper: '~40 s',
        run: () => tuneCascade({ records: recs, cascade: LLAMA, methods: ['rt'], bootstrap: 0, auc: false }),
        cli: tune('rt'),
        cliNote: 'the command also runs the grid search, whose test curve bounds the AUC',
      },
      {
        label: 'RT, all 26 sub-cascades, end to end (fit + score + AUC; the Cascade Frontier view, no command)',
        target: '≤ 3 s',
        paper: '26 × ~3–40 s',
        run: () => subCascades({ records: recs, models: LLAMA, methods: ['rt'], bootstrap: 0 }),
      },
      {
        label: `grid search, 5-model (${grid.candidates.toLocaleString('en')} candidates → ${grid.points.length} Pareto)`,
        target: '≤ 10 s',
        paper: '212–666 s',
        run: () => gridSearch({ train: data.train, cascade: ALL }),
        cli: tune('grid'),
      },
      {
        label: 'Bayesian optimisation, 5-model cascade, end to end',
        paper: '10–1000× RT',
        run: () => tuneCascade({ records: recs, cascade: LLAMA, methods: ['bo'], bootstrap: 0 }),
        cli: tune('bo'),
        cliNote: 'the command also runs RT and the grid search, which bound the AUC',
      },
      {
        label: 'RT, grid and BO with 95% intervals (2,000 paired bootstrap resamples), as the command runs by default',
        run: () =>
          tuneCascade({
            records: recs,
            cascade: LLAMA,
            methods: ['rt', 'grid', 'bo'],
            bootstrap: 0,
            intervalReplicates: 2000,
          }),
        cli: tune('all', []),
      },
      {
        label: 'RT with a 200-replicate bootstrap band on the test curve (the Cascade Frontier view, no command)',
        run: () => tuneCascade({ records: recs, cascade: LLAMA, methods: ['rt'], bootstrap: 200, auc: false }),
      },
      {
        label: 'diagnostics: CvM bootstraps, copula tests, τ, Table 2.3 (the Cascade Frontier view, no command)',
        run: () => cascadeDiagnostics({ records: recs, models: LLAMA }),
      },
    ];
    for (const c of cases) report(c, file);
  }
}

void main();
