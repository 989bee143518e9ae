import { CliError } from './cliError';

/**
 * Reads a numeric option: undefined when absent (then `fallback`), else a finite number in
 * [min, max] (open at an end when `open` says so), or a one-line CliError naming the flag.
 */
export function numberOption(
  raw: unknown,
  flag: string,
  range: { min: number; max: number; open?: 'min' | 'max' | 'both' },
  fallback?: number,
): number {
  if (raw === undefined) {
    if (fallback === undefined) throw new CliError(`${flag} is required`);
    return fallback;
  }
  const v = Number(raw);
  const { min, max, open } = range;
  const lowOk = open === 'min' || open === 'both' ? v > min : v >= min;
  const highOk = open === 'max' || open === 'both' ? v < max : v <= max;
  if (String(raw).trim() === '' || !Number.isFinite(v) || !lowOk || !highOk) {
    const lo = open === 'min' || open === 'both' ? '(' : '[';
    const hi = open === 'max' || open === 'both' ? ')' : ']';
    throw new CliError(`${flag}: "${String(raw)}" is not a number in ${lo}${min}, ${max}${hi}`);
  }
  return v;
}

/** Checks that a model name occurs in the records; the message lists the models that do. */
export function requireModel(models: readonly string[], name: unknown, flag: string): string {
  if (typeof name !== 'string' || name === '')
    throw new CliError(`${flag} is required (models in the log: ${models.join(', ')})`);
  if (!models.includes(name))
    throw new CliError(`${flag}: no model "${name}" in the log (models: ${models.join(', ')})`);
  return name;
}
