/** One `costrisk` subcommand: its options (node:util parseArgs form) and what it does. */
export interface CliCommand {
  name: string;
  usage: string;
  help: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  /** Reads eval logs: also takes the shared log-reading options of LOG_READ_OPTIONS (src/cli/loadLogs.ts). */
  readsLogs?: true;
  /** Returns a JSON-serialisable object (printed with --json) or text to print. */
  run(args: { positionals: string[]; values: Record<string, unknown>; json: boolean; signal: AbortSignal }): Promise<unknown>;
}
