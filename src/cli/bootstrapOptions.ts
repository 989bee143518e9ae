import { DEFAULT_REPLICATES } from '../engines/uncertainty/intervals';
import { CliError } from './cliError';

/** The options every command with bootstrap intervals takes. */
export const BOOTSTRAP_OPTIONS = { bootstrap: { type: 'string' }, seed: { type: 'string' } } as const;

/** Usage text of those options. */
export const BOOTSTRAP_USAGE = '[--bootstrap B] [--seed S]';

/** `--bootstrap B` (resamples, default 2000; 0: no intervals) and `--seed S` (default 1), checked. */
export function bootstrapOptions(values: Record<string, unknown>): {
  replicates: number;
  seed: number;
  given: boolean;
} {
  const int = (raw: unknown, flag: string, max: number, fallback: number): number => {
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (String(raw).trim() === '' || !Number.isInteger(v) || v < 0 || v > max)
      throw new CliError(`${flag}: "${String(raw)}" is not a whole number from 0 to ${max}`);
    return v;
  };
  return {
    replicates: int(values.bootstrap, '--bootstrap', 100_000, DEFAULT_REPLICATES),
    seed: int(values.seed, '--seed', 2 ** 32 - 1, 1),
    given: values.bootstrap !== undefined,
  };
}
