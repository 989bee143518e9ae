import { readFile } from 'node:fs/promises';
import { EvalLogError, readEvalLogs } from '../engines/logs/readEvalLog';
import { parsePriceTable } from '../engines/logs/priceTable';
import type { EvalRecord, LogProblem, PriceTable, ReadLogResult } from '../engines/logs/types';
import { CliError } from './cliError';

export interface LoadedLogs {
  records: EvalRecord[];
  results: ReadLogResult[];
  skipped: LogProblem[];
  warnings: LogProblem[];
  adapter: string;
}

/** Reads the CLI's log arguments; exits 2 (CliError) when nothing valid was read. */
export async function loadLogs(files: string[], pricesFile?: string): Promise<LoadedLogs> {
  if (files.length === 0) throw new CliError('no log file given');
  let prices: PriceTable | undefined;
  if (pricesFile) {
    try {
      prices = parsePriceTable(JSON.parse(await readFile(pricesFile, 'utf8')), pricesFile);
    } catch (err) {
      throw new CliError(`${pricesFile}: ${(err as Error).message}`);
    }
  }
  const { results, failures } = await readEvalLogs(files, { prices });
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
