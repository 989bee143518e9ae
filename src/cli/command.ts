/** One `costrisk` subcommand: its options (node:util parseArgs form) and what it does. */
export interface CliCommand {
  name: string;
  usage: string;
  help: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  /** Returns a JSON-serialisable object (printed with --json) or text to print. */
  run(args: { positionals: string[]; values: Record<string, unknown>; json: boolean; signal: AbortSignal }): Promise<unknown>;
}
