import { EvalLogError, readEvalLogs } from '../engines/logs/readEvalLog';
import type { EvalRecord, LogProblem, ReadLogResult, ReadOptions } from '../engines/logs/types';
import { CliError } from './cliError';
import type { CliCommand } from './command';
import { numberOption } from './numberOption';
import { readPriceFile } from './readCliFile';

/** Options every log-reading command takes (merged in by main for commands with `readsLogs`). */
export const LOG_READ_OPTIONS: CliCommand['options'] = {
  prices: { type: 'string' },
  'correct-threshold': { type: 'string' },
  metric: { type: 'string' },
  filter: { type: 'string' },
  scorer: { type: 'string' },
};

export const LOG_READ_HELP = [
  'Log-reading options (every command that reads logs):',
  '  --prices P.json            $ per million input/output tokens per model, for records without cost_usd',
  '  --correct-threshold t      a graded score ≥ t counts as correct (default 0.5)',
  '  --metric M                 lm-evaluation-harness: the per-sample metric that is the correctness (default: the first the sample lists)',
  '  --filter F                 lm-evaluation-harness: the filter whose lines are read (default: the first in the file)',
  '  --scorer S                 Inspect AI: the scorer that is the correctness (default: the log\'s first)',
].join('\n');

/** The ReadOptions the shared flags ask for (prices are read by loadLogs). */
function readOptionsOf(values: Record<string, unknown>): Omit<ReadOptions, 'prices'> {
  const text = (flag: string): string | undefined => {
    const v = values[flag];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') throw new CliError(`--${flag} needs a name`);
    return v.trim();
  };
  return {
    correctThreshold: numberOption(values['correct-threshold'], '--correct-threshold', { min: 0, max: 1 }, 0.5),
    lmEvalMetric: text('metric'),
    lmEvalFilter: text('filter'),
    inspectScorer: text('scorer'),
  };
}

export interface LoadedLogs {
  records: EvalRecord[];
  results: ReadLogResult[];
  skipped: LogProblem[];
  warnings: LogProblem[];
  adapter: string;
}

/** Reads the CLI's log arguments with the shared log-reading options; exits 2 (CliError) when nothing valid was read. */
export async function loadLogs(files: string[], values: Record<string, unknown>): Promise<LoadedLogs> {
  if (files.length === 0) throw new CliError('no log file given');
  const options = readOptionsOf(values);
  const prices = await readPriceFile(values.prices as string | undefined);
  const { results, failures } = await readEvalLogs(files, { ...options, prices });
  const records = results.flatMap((r) => r.records);
  const skipped = results.flatMap((r) => r.skipped);
  if (records.length === 0) {
    if (failures.length) throw new CliError(failures.map((f: EvalLogError) => f.message).join('; '));
    const why = skipped.length ? `no valid line (${skipped.length} skipped; first: line ${skipped[0].line}: ${skipped[0].reason})` : 'no records (only blank lines)';
    throw new CliError(`${files.join(', ')}: ${why}`);
  }
  for (const f of failures) skipped.push({ file: f.file, line: null, severity: 'error', reason: f.message.slice(f.file.length + 2) });
  const adapters = [...new Set(results.map((r) => r.adapter))];
  return { records, results, skipped, warnings: results.flatMap((r) => r.warnings), adapter: adapters.join(',') };
}
