import { readFile } from 'node:fs/promises';
import { parsePriceTable } from '../engines/logs/priceTable';
import type { PriceTable } from '../engines/logs/types';
import { CliError } from './cliError';

/** The one-line error for a file the CLI cannot open: `<file>: cannot read (ENOENT)`. */
export function cannotRead(file: string, e: unknown): CliError {
  return new CliError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
}

/** A text file given on the command line, or a CliError naming it. */
export async function readCliText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw cannotRead(file, e);
  }
}

/** The `--prices` file ($ per million tokens per model), or undefined when none was given. */
export async function readPriceFile(file: string | undefined): Promise<PriceTable | undefined> {
  if (!file) return undefined;
  const text = await readCliText(file);
  try {
    return parsePriceTable(JSON.parse(text), file);
  } catch (e) {
    throw new CliError(`${file}: ${(e as Error).message}`);
  }
}
