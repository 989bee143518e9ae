import type { CliReport } from './cliReport';

/** One `costrisk` subcommand: its options (node:util parseArgs form) and what it does. */
export interface CliCommand {
  name: string;
  usage: string;
  help: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  /** Reads eval logs: also takes the shared log-reading options of LOG_READ_OPTIONS (src/cli/loadLogs.ts). */
  readsLogs?: true;
  /**
   * Returns a JSON-serialisable object (printed with --json) or text to print. Warnings and skipped
   * lines go to `report`, which main prints after the text or adds to the JSON object.
   */
  run(args: {
    positionals: string[];
    values: Record<string, unknown>;
    json: boolean;
    signal: AbortSignal;
    report: CliReport;
  }): Promise<string | Record<string, unknown>>;
}
