import type { LogProblem } from '../engines/logs/types';

/** One warning or note of a command: in `--json` output as `{ file, line?, message }`. */
export interface CliWarning {
  file: string;
  line?: number;
  message: string;
}

/** Skipped lines listed in text output; `--json` lists them all. */
const SKIPPED_SHOWN = 5;

/**
 * What a command has to tell besides its result: warnings and notes (a split drawn at random,
 * epochs averaged, the metric chosen, an unpriced model...) and the lines it skipped. Every command
 * writes them here; `main` prints them after the result in text mode and adds them to the JSON
 * (`warnings`, `skipped`), so text and JSON always say the same things.
 */
export class CliReport {
  readonly warnings: CliWarning[] = [];
  readonly skipped: LogProblem[] = [];
  /** Set when the command printed its (partial) result but did not finish: main says why on stderr and exits with the code. */
  failure: { message: string; exitCode: number } | null = null;

  warn(message: string, file = '', line?: number | null): void {
    this.warnings.push(line === undefined || line === null ? { file, message } : { file, line, message });
  }

  /** Reader warnings (each with its file and line). */
  addWarnings(problems: readonly LogProblem[]): void {
    for (const p of problems) this.warn(p.reason, p.file, p.line);
  }

  /** The JSON form: the command's own object plus `warnings` and `skipped`. */
  toJson(result: Record<string, unknown>): Record<string, unknown> {
    return {
      ...result,
      warnings: this.warnings,
      skipped: this.skipped.map((s) => ({ file: s.file, line: s.line, reason: s.reason })),
    };
  }

  /** The text form: the skipped lines (first few) and every warning, one per line. */
  textLines(): string[] {
    const lines: string[] = [];
    const n = this.skipped.length;
    if (n) {
      lines.push(`${n} line(s) skipped${n > SKIPPED_SHOWN ? ` (first ${SKIPPED_SHOWN}; --json lists all)` : ''}:`);
      for (const s of this.skipped.slice(0, SKIPPED_SHOWN)) lines.push(`  ${s.file}:${s.line ?? '-'}: ${s.reason}`);
    }
    for (const w of this.warnings)
      lines.push(`warning: ${w.file ? `${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ` : ''}${w.message}`);
    return lines;
  }
}
